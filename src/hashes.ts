/**
 * The hash provider: the digests the core needs (the openssl enc format's key derivation, a digest
 * by name and PBKDF2-HMAC; the key wrap's SHA-1 checksum) come from whichever provider the entry
 * installed. The portable entry installs @noble/hashes' MD5, SHA-1 and SHA-256 (./noble.ts); the
 * Node entry installs node:crypto's, which adds SHA-384 and SHA-512 and runs PBKDF2 natively. So
 * the Node entry never loads a JavaScript hash library, and the package carries no SHA-512 of its own.
 */
import { fail } from './errors.js';

export type Digest = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';
export const DIGEST_NAMES: readonly Digest[] = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];

/** What the core needs of a hash library. */
export interface Hashes {
  /** The digests it has (SHA-1 always: the key wrap needs it). */
  readonly digests: readonly Digest[];
  /** The digest of the parts, one after the other. */
  hash(md: Digest, parts: readonly Uint8Array[]): Uint8Array;
  /** PBKDF2 (RFC 8018 §5.2) with HMAC over the digest. */
  pbkdf2(md: Digest, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array;
}

let provider: Hashes | null = null;

/** The provider installed by the entry (each entry installs one as it loads; the functions that need it are only the entries' exports). */
export function hashes(): Hashes {
  if (provider === null) throw fail('ERR_DES_INTERNAL', 'hashes: no provider installed (each entry installs one)');
  return provider;
}

/** Has an entry installed its provider yet? */
export function hashesInstalled(): boolean {
  return provider !== null;
}

/** Install the entry's provider. */
export function useHashes(installed: Hashes): void {
  provider = installed;
}

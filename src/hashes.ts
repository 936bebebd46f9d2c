/**
 * The hash functions des-wasm uses, in one place. SHA-1 (key wrap, EMV option B, MS-CHAPv2) and
 * MD5 (NTLM) come from @noble/hashes everywhere (never written here). The openssl enc format's
 * key derivation (a digest by name, and PBKDF2-HMAC) goes through a provider: @noble/hashes' MD5,
 * SHA-1 and SHA-256 in the portable build; node:crypto's in the Node entry (node.ts installs it),
 * which adds SHA-384 and SHA-512 and runs PBKDF2 natively. The package carries no SHA-512 of its
 * own, to stay small.
 */
import type { CHash } from '@noble/hashes/utils.js';
import { md5 as md5Hash, sha1 as sha1Hash } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { pbkdf2 as pbkdf2Hmac } from '@noble/hashes/pbkdf2.js';

export type Digest = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';
export const DIGEST_NAMES: readonly Digest[] = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];

export const sha1 = (data: Uint8Array): Uint8Array => sha1Hash(data);
export const md5 = (data: Uint8Array): Uint8Array => md5Hash(data);

/** What the openssl enc key derivation needs of a hash library. */
export interface KdfHashes {
  /** The digests it has. */
  readonly digests: readonly Digest[];
  /** The digest of the parts, one after the other. */
  hash(md: Digest, parts: readonly Uint8Array[]): Uint8Array;
  /** PBKDF2 (RFC 8018 §5.2) with HMAC over the digest. */
  pbkdf2(md: Digest, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array;
}

const NOBLE: Partial<Record<Digest, CHash>> = { md5: md5Hash, sha1: sha1Hash, sha256 };

const portable: KdfHashes = {
  digests: ['md5', 'sha1', 'sha256'],
  hash(md, parts) {
    const h = NOBLE[md]!.create();
    for (const part of parts) h.update(part);
    return h.digest();
  },
  pbkdf2: (md, password, salt, c, dkLen) => pbkdf2Hmac(NOBLE[md]!, password, salt, { c, dkLen }),
};

let provider: KdfHashes = portable;

/** The provider the key derivation uses now. */
export function kdfHashes(): KdfHashes {
  return provider;
}

/** Install another provider (the Node entry: node:crypto's). */
export function useKdfHashes(hashes: KdfHashes): void {
  provider = hashes;
}

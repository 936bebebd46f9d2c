/**
 * The hash functions des-wasm uses, all from @noble/hashes (never written here), each module
 * loaded on first use. @noble/hashes builds its constant tables when a module is evaluated (for
 * SHA-512, 80 64-bit constants split into halves): evaluated at import, that cost about a third
 * of des-wasm's start-up, which a program that only encrypts never needs back. The bundler (tsup)
 * inlines each module behind a lazy initializer for these require() calls, in the ES module and
 * the CommonJS build alike; nothing is loaded at run time.
 */
import type { CHash } from '@noble/hashes/utils.js';

declare const require: (id: string) => unknown;

type Sha2 = typeof import('@noble/hashes/sha2.js');
type Legacy = typeof import('@noble/hashes/legacy.js');
type Pbkdf2 = typeof import('@noble/hashes/pbkdf2.js');

let sha2: Sha2 | undefined;
let legacy: Legacy | undefined;
let kdf: Pbkdf2 | undefined;
const sha2Module = () => (sha2 ??= require('@noble/hashes/sha2.js') as Sha2);
const legacyModule = () => (legacy ??= require('@noble/hashes/legacy.js') as Legacy);

export type Digest = 'md5' | 'sha1' | 'sha256' | 'sha384' | 'sha512';

/** A digest by name (what `openssl enc -md` takes). */
export function digest(name: Digest): CHash {
  switch (name) {
    case 'md5': return legacyModule().md5;
    case 'sha1': return legacyModule().sha1;
    case 'sha256': return sha2Module().sha256;
    case 'sha384': return sha2Module().sha384;
    case 'sha512': return sha2Module().sha512;
  }
}

export const DIGEST_NAMES: readonly Digest[] = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];

export const sha1 = (data: Uint8Array): Uint8Array => legacyModule().sha1(data);
export const md5 = (data: Uint8Array): Uint8Array => legacyModule().md5(data);

/** PBKDF2 (RFC 8018 §5.2) with HMAC over `hash`. */
export function pbkdf2(hash: CHash, password: Uint8Array, salt: Uint8Array, options: { c: number; dkLen: number }): Uint8Array {
  return (kdf ??= require('@noble/hashes/pbkdf2.js') as Pbkdf2).pbkdf2(hash, password, salt, options);
}

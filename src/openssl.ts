/**
 * The passphrase format of `openssl enc`, which crypto-js also writes (`CryptoJS.TripleDES.encrypt(
 * message, 'passphrase').toString()` is its base64, the `U2FsdGVkX1…` strings):
 *
 *   "Salted__" ‖ salt (8 bytes) ‖ ciphertext
 *   key ‖ IV = KDF(password, salt), cut to the cipher's key length and IV length
 *   ciphertext = the cipher (PKCS #7 padding in ECB and CBC, none in the stream modes)
 *
 * Two key derivations, as `openssl enc` has them (apps/enc.c):
 *   - 'pbkdf2' (`-pbkdf2`, the default of OpenSSL 3): PBKDF2-HMAC-md (RFC 8018 §5.2), `iter`
 *     iterations (default 10000), key ‖ IV in one call;
 *   - 'evp' (EVP_BytesToKey with one iteration, what `openssl enc` does without -pbkdf2 and what
 *     crypto-js does): D1 = H(password ‖ salt), Di = H(Di−1 ‖ password ‖ salt), key ‖ IV = D1 ‖ D2 ‖ …
 * The digest `md` is SHA-256 by default for both, as in OpenSSL 1.1.0 and later; crypto-js and
 * OpenSSL before 1.1.0 use MD5 (`{ kdf: 'evp', md: 'md5' }`). Hashes and PBKDF2 come from the
 * entry's hash provider (./hashes.ts), synchronous in browsers too.
 *
 * The same derivation serves the CLI (which streams files through it) and the web page.
 */
import { DIGEST_NAMES, hashes } from './hashes.js';
import type { Digest } from './hashes.js';
import { asBytes, concatBytes, describe, randomBytes, showValue, utf8ToBytes, wipe } from './bytes.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { createCipheriv, createDecipheriv } from './cipheriv.js';
import { fail } from './errors.js';
import { cipherRecord } from './registry.js';
import type { CipherRecord } from './registry.js';
import { readOptions } from './options.js';

/** The digests `md` takes (OpenSSL's names). */
export type OpensslDigest = Digest;
/** 'pbkdf2': `openssl enc -pbkdf2`; 'evp': EVP_BytesToKey, `openssl enc` without -pbkdf2 and crypto-js. */
export type OpensslKdf = 'pbkdf2' | 'evp';

export interface OpensslDecryptOptions {
  /** Any cipher name getCiphers() lists except des3-wrap; default 'des-ede3-cbc'. crypto-js's TripleDES is des-ede3-cbc, its DES des-cbc. */
  cipher?: string;
  /** Default 'pbkdf2'. */
  kdf?: OpensslKdf;
  /** Default 'sha256'; crypto-js and OpenSSL before 1.1.0: 'md5' (with kdf 'evp'). */
  md?: OpensslDigest;
  /** PBKDF2 iterations, default 10000 (kdf 'pbkdf2' only). */
  iter?: number;
  /**
   * Whether `data` is base64 text. A string is always base64 (true by default, false refused);
   * bytes are the binary format unless this is true (a file that `openssl enc -a` wrote, read as bytes).
   */
  base64?: boolean;
}

export interface OpensslEncryptOptions extends Omit<OpensslDecryptOptions, 'base64'> {
  /** The 8-byte salt; default random. Give one only to reproduce a known output. */
  salt?: Uint8Array;
  /** true: return the base64 string (one line, as crypto-js's toString()); default false: bytes. */
  base64?: boolean;
}

export const DIGESTS: readonly OpensslDigest[] = DIGEST_NAMES;
export const KDFS: readonly OpensslKdf[] = ['pbkdf2', 'evp'];
export const DEFAULT_ITERATIONS = 10_000;
/** "Salted__": the first 8 bytes of every salted file. */
export const SALTED = utf8ToBytes('Salted__');
export const SALT_LENGTH = 8;

/** A key derivation, checked: what deriveKeyIv needs besides the password and salt. */
export interface Kdf {
  kdf: OpensslKdf;
  md: OpensslDigest;
  iter: number;
}

/** Check `kdf`, `md` and `iter` (the `where` names the options in messages) and fill in the defaults. */
export function readKdf(options: { kdf?: unknown; md?: unknown; iter?: unknown }, where: string): Kdf {
  const kdf = options.kdf ?? 'pbkdf2';
  if (!KDFS.includes(kdf as OpensslKdf)) {
    throw fail('ERR_INVALID_ARG_VALUE', `${where}: kdf must be 'pbkdf2' or 'evp', got ${showValue(kdf)}`);
  }
  const md = options.md ?? 'sha256';
  if (typeof md !== 'string' || !DIGESTS.includes(md as OpensslDigest)) {
    throw fail('ERR_INVALID_ARG_VALUE', `${where}: md must be one of ${DIGESTS.join(', ')}, got ${showValue(md)}`);
  }
  if (!hashes().digests.includes(md as OpensslDigest)) {
    throw fail('ERR_DES_UNSUPPORTED', `${where}: md ${md} comes from node:crypto, in des-wasm's Node entry; this build has ${hashes().digests.join(', ')}`);
  }
  if (options.iter !== undefined && kdf === 'evp') {
    throw fail('ERR_INVALID_ARG_VALUE', `${where}: iter goes with kdf 'pbkdf2' (EVP_BytesToKey as openssl enc uses it has one iteration)`);
  }
  const iter = options.iter ?? DEFAULT_ITERATIONS;
  if (typeof iter !== 'number' || !Number.isSafeInteger(iter) || iter < 1) {
    throw fail('ERR_INVALID_ARG_VALUE', `${where}: iter must be a whole number of at least 1, got ${showValue(iter)}`);
  }
  return { kdf: kdf as OpensslKdf, md: md as OpensslDigest, iter };
}

/**
 * key ‖ IV from the password and salt (an empty salt for `-nosalt`), as `openssl enc` derives
 * them. The caller wipes both when done; everything in between is wiped here.
 */
export function deriveKeyIv(password: Uint8Array, salt: Uint8Array, keyLength: number, ivLength: number,
  { kdf, md, iter }: Kdf): { key: Uint8Array; iv: Uint8Array } {
  const provider = hashes();
  const total = keyLength + ivLength;
  let material: Uint8Array;
  if (kdf === 'pbkdf2') {
    material = provider.pbkdf2(md, password, salt, iter, total);                   // RFC 8018 §5.2
  } else {
    // EVP_BytesToKey, count 1: D_i = H(D_i−1 ‖ password ‖ salt), D_0 empty.
    const parts: Uint8Array[] = [];
    let previous: Uint8Array = new Uint8Array(0);
    for (let length = 0; length < total; length += previous.length) {
      previous = provider.hash(md, [previous, password, salt]);
      parts.push(previous);
    }
    material = concatBytes(parts);
    wipe(...parts);
  }
  const key = material.slice(0, keyLength);
  const iv = material.slice(keyLength, total);
  wipe(material);
  return { key, iv };
}

/** The cipher named by `cipher` (default des-ede3-cbc); des3-wrap has no `openssl enc` format. */
function encCipher(name: unknown, where: string): CipherRecord {
  const info = cipherRecord(name ?? 'des-ede3-cbc');
  if (info.kernel === 'wrap') throw fail('ERR_INVALID_ARG_VALUE', `${where}: cipher des3-wrap has no openssl enc format`);
  return info;
}

/** The password as UTF-8 bytes (a copy, wiped by the caller), or bytes as given (copied too). */
function passwordBytes(password: unknown): Uint8Array {
  if (typeof password === 'string') return utf8ToBytes(password);
  if (password instanceof Uint8Array || ArrayBuffer.isView(password) || password instanceof ArrayBuffer) {
    return new Uint8Array(asBytes(password, 'password'));
  }
  throw fail('ERR_INVALID_ARG_TYPE', `password: expected string or Uint8Array, got ${describe(password)}`);
}

/** Run the cipher over `data` with key and IV from the password; key, IV and password copy are wiped. */
function run(direction: 'encrypt' | 'decrypt', info: CipherRecord, kdf: Kdf, passwordIn: unknown, salt: Uint8Array,
  data: Uint8Array): Uint8Array {
  const password = passwordBytes(passwordIn);
  const { key, iv } = deriveKeyIv(password, salt, info.keyLength, info.ivLength, kdf);
  try {
    const make = direction === 'encrypt' ? createCipheriv : createDecipheriv;
    const cipher = make(info.name, key, info.ivLength > 0 ? iv : null);
    const head = cipher.update(data);
    let tail: Uint8Array;
    try {
      tail = cipher.final();                // a wrong password: ERR_OSSL_BAD_DECRYPT here
    } catch (error) {
      wipe(head);                           // plaintext of a failed decryption is never returned
      throw error;
    }
    if (head.length === 0) return tail;
    const out = concatBytes([head, tail]);
    wipe(head, tail);
    return out;
  } finally {
    wipe(password, key, iv);
  }
}

const ENCRYPT_OPTIONS = { cipher: 'any', kdf: 'any', md: 'any', iter: 'any', salt: 'any', base64: 'boolean' } as const;
const DECRYPT_OPTIONS = { cipher: 'any', kdf: 'any', md: 'any', iter: 'any', base64: 'boolean' } as const;

/**
 * Encrypt as `openssl enc -e` does (and crypto-js with a passphrase): "Salted__" ‖ salt ‖
 * ciphertext, as bytes, or as a base64 string with `{ base64: true }`. `data` is bytes, or a
 * string taken as UTF-8 (as crypto-js takes it).
 */
function encrypt(data: Uint8Array | string, password: string | Uint8Array, options: OpensslEncryptOptions & { base64: true }): string;
function encrypt(data: Uint8Array | string, password: string | Uint8Array, options?: OpensslEncryptOptions & { base64?: false }): Uint8Array;
function encrypt(data: Uint8Array | string, password: string | Uint8Array, options?: OpensslEncryptOptions): Uint8Array | string;
function encrypt(data: unknown, password: unknown, options?: unknown): Uint8Array | string {
  const where = 'openssl.encrypt options';
  const o = readOptions(options, ENCRYPT_OPTIONS, where);
  const info = encCipher(o.cipher, where);
  const kdf = readKdf(o, where);
  let salt: Uint8Array;
  if (o.salt === undefined) {
    salt = randomBytes(SALT_LENGTH);
  } else {
    salt = asBytes(o.salt, `${where}: salt`);
    if (salt.length !== SALT_LENGTH) throw fail('ERR_INVALID_ARG_VALUE', `${where}: salt: expected Uint8Array of length 8, got length=${salt.length}`);
  }
  const plaintext = typeof data === 'string' ? utf8ToBytes(data) : asBytes(data, 'data');
  const ciphertext = run('encrypt', info, kdf, password, salt, plaintext);
  if (typeof data === 'string') wipe(plaintext);
  const out = concatBytes([SALTED, salt, ciphertext]);
  return o.base64 === true ? bytesToBase64(out) : out;
}

/**
 * Decrypt what `openssl enc -e` (with a salt, the default) or crypto-js with a passphrase wrote:
 * bytes, or base64 text (a string; or bytes with `{ base64: true }`). Returns the plaintext bytes
 * (`bytesToUtf8` makes crypto-js's `.toString(CryptoJS.enc.Utf8)` of them). A wrong password is
 * ERR_OSSL_BAD_DECRYPT (bad padding), as `openssl enc -d` says "bad decrypt"; about one wrong
 * password in 256 leaves valid padding by chance and returns garbage, in OpenSSL too.
 */
function decrypt(data: Uint8Array | string, password: string | Uint8Array, options?: OpensslDecryptOptions): Uint8Array;
function decrypt(data: unknown, password: unknown, options?: unknown): Uint8Array {
  const where = 'openssl.decrypt options';
  const o = readOptions(options, DECRYPT_OPTIONS, where);
  const info = encCipher(o.cipher, where);
  const kdf = readKdf(o, where);
  let file: Uint8Array;
  if (typeof data === 'string') {
    if (o.base64 === false) throw fail('ERR_INVALID_ARG_VALUE', `${where}: base64 false needs data as bytes: a string is always base64`);
    file = base64ToBytes(data, 'data');
  } else {
    const bytes = asBytes(data, 'data');
    file = o.base64 === true ? base64ToBytes(bytes, 'data') : bytes;
  }
  const header = SALTED.length + SALT_LENGTH;
  if (file.length < header || !SALTED.every((byte, i) => file[i] === byte)) {
    throw fail('ERR_INVALID_ARG_VALUE', `data: expected the openssl enc format ("Salted__", an 8-byte salt, the ciphertext), got ${file.length < header ? `${file.length} bytes` : 'no "Salted__" at the start'}`);
  }
  return run('decrypt', info, kdf, password, file.subarray(SALTED.length, header), file.subarray(header));
}

/**
 * `openssl enc` and crypto-js passphrase encryption: `openssl.encrypt(data, password, options?)`
 * and `openssl.decrypt(data, password, options?)`.
 */
export const openssl: {
  readonly encrypt: typeof encrypt;
  readonly decrypt: typeof decrypt;
} = Object.freeze({ encrypt, decrypt });

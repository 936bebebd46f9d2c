/**
 * The file format of `openssl enc -pbkdf2` (OpenSSL 1.1.1 and later), for the DES ciphers:
 *
 *   "Salted__" ‖ salt (8 bytes) ‖ ciphertext
 *   key ‖ IV = PBKDF2-HMAC-SHA256(password, salt, iterations, keyLength + 8)
 *   ciphertext = cipher-CBC(key, IV, plaintext padded by PKCS #7)
 *
 * OpenSSL's defaults are SHA-256 and 10000 iterations (`-iter N` changes the count). PBKDF2
 * (RFC 8018 §5.2) comes from Web Crypto, never from code of ours; the cipher is des-wasm's.
 * Only the key and IV derivation of `-pbkdf2` is supported, not the old `EVP_BytesToKey` one.
 */
import { des, tdes } from '../index.js';
import type { Cipher } from '../index.js';

/** The ciphers the page offers, under OpenSSL's names. */
export const CIPHERS = {
  'des-ede3-cbc': { keyLength: 24, make: (key: Uint8Array, iv: Uint8Array) => tdes.cbc(key, iv) },
  'des-ede-cbc': { keyLength: 16, make: (key: Uint8Array, iv: Uint8Array) => tdes.cbc(key, iv) },
  // OpenSSL 3 moved single DES to its legacy provider: `openssl enc -provider legacy -provider default -des-cbc …`.
  'des-cbc': { keyLength: 8, make: (key: Uint8Array, iv: Uint8Array) => des.cbc(key, iv) },
} as const;
export type CipherName = keyof typeof CIPHERS;

export const DEFAULT_ITERATIONS = 10_000;
const MAGIC = new TextEncoder().encode('Salted__');
const SALT_LENGTH = 8;
const IV_LENGTH = 8;
const HEADER_LENGTH = MAGIC.length + SALT_LENGTH;

export interface EncOptions {
  cipher?: CipherName;
  iterations?: number;
}

/** key ‖ IV from the password and salt, as `openssl enc -pbkdf2 -md sha256` derives them. */
async function deriveKeyAndIv(password: string, salt: Uint8Array, keyLength: number, iterations: number) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto is not available here (pages need https:// or http://localhost)');
  const secret = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations }, secret, (keyLength + IV_LENGTH) * 8));
  const key = bits.slice(0, keyLength);
  const iv = bits.slice(keyLength);
  bits.fill(0);
  return { key, iv };
}

/** Run `use` with a cipher keyed from the password, then wipe the key, the IV and the schedule. */
async function withCipher<T>(password: string, salt: Uint8Array, options: EncOptions, use: (cipher: Cipher) => T): Promise<T> {
  const name = options.cipher ?? 'des-ede3-cbc';
  if (!Object.hasOwn(CIPHERS, name)) throw new Error(`cipher: expected one of ${Object.keys(CIPHERS).join(', ')}, got ${JSON.stringify(name)}`);
  const { keyLength, make } = CIPHERS[name];
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`iterations: expected a positive integer, got ${iterations}`);
  const { key, iv } = await deriveKeyAndIv(password, salt, keyLength, iterations);
  const cipher = make(key, iv);
  try {
    return use(cipher);
  } finally {
    cipher.destroy();
    key.fill(0);
    iv.fill(0);
  }
}

/** Encrypt as `openssl enc -e -<cipher> -pbkdf2 [-iter N]` does, with a fresh random salt. */
export async function encryptEnc(plaintext: Uint8Array, password: string, options: EncOptions = {}): Promise<Uint8Array> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
  const ciphertext = await withCipher(password, salt, options, (cipher) => cipher.encrypt(plaintext));
  const out = new Uint8Array(HEADER_LENGTH + ciphertext.length);
  out.set(MAGIC, 0);
  out.set(salt, MAGIC.length);
  out.set(ciphertext, HEADER_LENGTH);
  return out;
}

/** Is this what `openssl enc` writes with a salt: the magic "Salted__" and at least one block? */
export function looksLikeEnc(file: Uint8Array): boolean {
  return file.length >= HEADER_LENGTH + 8 && MAGIC.every((byte, i) => file[i] === byte);
}

/**
 * Decrypt what `openssl enc -e -<cipher> -pbkdf2 [-iter N]` wrote. A wrong password almost always
 * shows as bad padding (DesError ERR_OSSL_BAD_DECRYPT), as it does in OpenSSL ("bad decrypt").
 */
export async function decryptEnc(file: Uint8Array, password: string, options: EncOptions = {}): Promise<Uint8Array> {
  if (!looksLikeEnc(file)) {
    throw new Error('not an openssl enc file: it must start with "Salted__", an 8-byte salt and at least one block');
  }
  if ((file.length - HEADER_LENGTH) % 8 !== 0) {
    throw new Error(`not an openssl enc file of a DES cipher: ${file.length - HEADER_LENGTH} bytes of ciphertext is not a whole number of 8-byte blocks`);
  }
  const salt = file.subarray(MAGIC.length, HEADER_LENGTH);
  return withCipher(password, salt, options, (cipher) => cipher.decrypt(file.subarray(HEADER_LENGTH)));
}

/** The command that does the same thing with OpenSSL, for the page to show. */
export function opensslCommand(direction: 'encrypt' | 'decrypt', input: string, output: string, options: EncOptions = {}): string {
  const cipher = options.cipher ?? 'des-ede3-cbc';
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  return [
    'openssl enc', direction === 'encrypt' ? '-e' : '-d',
    cipher === 'des-cbc' ? '-provider legacy -provider default' : '',
    `-${cipher} -pbkdf2`, iterations === DEFAULT_ITERATIONS ? '' : `-iter ${iterations}`,
    `-in ${shellQuote(input)} -out ${shellQuote(output)}`,
  ].filter(Boolean).join(' ');
}

function shellQuote(name: string): string {
  return /^[\w.\-/]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

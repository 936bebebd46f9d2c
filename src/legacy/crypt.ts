/**
 * crypt(3) verification for DES-based hashes, to check passwords against old /etc/shadow,
 * /etc/passwd and htpasswd entries while migrating them. There is deliberately no function that
 * makes new hashes: DES crypt is broken (56-bit keys, 8-character passwords).
 *
 * Traditional DES crypt, 13 characters: 2 salt characters, then 11 of hash.
 *   key  = the first 8 password bytes, each shifted left one bit (7 bits per byte), zero-padded
 *   hash = 25 salted encryptions of the zero block (salted-des.ts), 12-bit salt
 * BSDi extended DES crypt, 20 characters: '_', 4 of iteration count, 4 of salt, 11 of hash.
 *   key  = as above for the first 8 bytes; while bytes remain, the key is DES-encrypted under
 *          itself and the next 8 bytes (shifted left one bit) are XORed in
 *   hash = `count` salted encryptions of the zero block, 24-bit salt
 * Counts, salts and hashes are written in crypt's base-64 alphabet ./0-9A-Za-z; counts and salts
 * least significant character first; the 64-bit result big-endian, 6 bits per character, padded
 * with two zero bits to 11 characters. A count of 0 runs once, as libxcrypt does.
 *
 * The result is compared in constant time (equalBytes). Time grows with a BSDi hash's count
 * (725, FreeBSD's "_J9..", takes some tens of milliseconds here).
 */
import { equalBytes, utf8ToBytes } from '../api.js';
import { bytesOrNull, describe, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { ecb } from '../subpath/blocks.js';
import { saltedDesOfZero } from './salted-des.js';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TRADITIONAL = /^[./0-9A-Za-z]{13}$/;
const EXTENDED = /^_[./0-9A-Za-z]{19}$/;

/** Characters of crypt's base 64, least significant first, as a number. */
function decode64(chars: string): number {
  let value = 0;
  for (let i = 0; i < chars.length; i++) value |= ALPHABET.indexOf(chars[i]) << (6 * i);
  return value;
}

/** The 8-byte result as 11 characters: big-endian, 6 bits at a time, two zero bits at the end. */
function encodeResult(block: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of [...block, 0]) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6 && out.length < 11) {
      bits -= 6;
      out += ALPHABET[(value >> bits) & 63];
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

interface Setting {
  /** What precedes the 11 hash characters: 2 salt characters, or '_' + count + salt. */
  prefix: string;
  salt: number;
  count: number;
  extended: boolean;
}

function parseHash(hash: unknown): Setting {
  if (typeof hash !== 'string') throw fail('ERR_CRYPT_FORMAT', `hash: expected a string, got ${describe(hash)}`);
  if (EXTENDED.test(hash)) {
    return { prefix: hash.slice(0, 9), count: Math.max(1, decode64(hash.slice(1, 5))), salt: decode64(hash.slice(5, 9)), extended: true };
  }
  if (TRADITIONAL.test(hash)) return { prefix: hash.slice(0, 2), count: 25, salt: decode64(hash.slice(0, 2)), extended: false };
  const scheme = /^\$[^$]*\$/.exec(hash);
  throw fail('ERR_CRYPT_FORMAT', scheme
    ? `hash: ${scheme[0]} is not a DES crypt hash (expected 13 characters of ./0-9A-Za-z, or '_' and 19 of them)`
    : `hash: expected 13 characters of ./0-9A-Za-z (traditional DES crypt) or '_' and 19 of them (BSDi extended), got ${hash.length} characters`);
}

/** The password's bytes: a string as UTF-8, or bytes as they are (a copy). NUL ends a C string, so it is refused. */
function passwordBytes(password: unknown): Uint8Array {
  const view = typeof password === 'string' ? null : bytesOrNull(password, 'password');
  if (typeof password !== 'string' && view === null) {
    throw fail('ERR_LEGACY_INPUT', `password: expected a string or a Uint8Array, got ${describe(password)}`);
  }
  const bytes = view === null ? utf8ToBytes(password as string) : new Uint8Array(view);
  if (bytes.includes(0)) {
    wipe(bytes);
    throw fail('ERR_LEGACY_INPUT', 'password: contains a NUL character, which crypt(3) cannot see past');
  }
  return bytes;
}

/** XOR up to 8 bytes, each shifted left one bit, into the key (crypt's 7-bit packing). */
function packInto(key: Uint8Array, bytes: Uint8Array): void {
  for (let i = 0; i < 8 && i < bytes.length; i++) key[i] ^= (bytes[i] << 1) & 0xff;
}

/** The DES key: the first 8 bytes packed; BSDi folds in the rest 8 at a time (encrypt the key under itself, XOR). */
function cryptKey(password: Uint8Array, extended: boolean): Uint8Array {
  const key = new Uint8Array(8);
  packInto(key, password.subarray(0, 8));
  if (!extended) return key;
  for (let offset = 8; offset < password.length; offset += 8) {
    const encrypted = ecb(key, 'encrypt', key);
    key.set(encrypted);
    wipe(encrypted);
    packInto(key, password.subarray(offset, offset + 8));
  }
  return key;
}

/**
 * True when `password` matches a traditional or BSDi extended DES crypt `hash`, false when it
 * does not; a hash string of neither form is ERR_CRYPT_FORMAT.
 */
function verify(password: string | Uint8Array, hash: string): boolean {
  const setting = parseHash(hash);
  const bytes = passwordBytes(password);
  const key = cryptKey(bytes, setting.extended);
  let result: Uint8Array | undefined;
  try {
    result = saltedDesOfZero(key, setting.salt, setting.count);
    const computed = utf8ToBytes(setting.prefix + encodeResult(result));
    return equalBytes(computed, utf8ToBytes(hash));
  } finally {
    wipe(bytes, key, result);
  }
}

/** DES crypt(3) verification. */
export const crypt = { verify };

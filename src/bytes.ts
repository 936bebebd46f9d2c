/**
 * Byte helpers used at the API boundary: turning what callers pass into Uint8Array, checking
 * lengths with exact messages, and wiping secrets. The layers below trust what passes here.
 */
import { fail } from './errors.js';

export type Bytes = Uint8Array;

/** Bytes in, as a Uint8Array view (no copy): Uint8Array, Buffer, any TypedArray, DataView, ArrayBuffer. */
export function asBytes(value: unknown, name: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw fail('ERR_INVALID_ARG_TYPE', `${name}: expected Uint8Array, got ${describe(value)}`);
}

/** Bytes of an exact length from a choice of lengths, e.g. a 16- or 24-byte TDES key. */
export function expectLength(bytes: Uint8Array, lengths: readonly number[], name: string,
  code: 'ERR_CRYPTO_INVALID_KEYLEN' | 'ERR_CRYPTO_INVALID_IV' = 'ERR_CRYPTO_INVALID_KEYLEN'): Uint8Array {
  if (!lengths.includes(bytes.length)) {
    throw fail(code, `${name}: expected Uint8Array of length ${lengths.join('/')}, got length=${bytes.length}`);
  }
  return bytes;
}

/** A short, safe description of a value for error messages (never prints its contents). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

/**
 * A private copy. Never `.slice()` for this: on a Node Buffer (a Uint8Array subclass that callers
 * pass all the time) slice() returns a view of the same memory, and wiping it would wipe theirs.
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.length; }
  return out;
}

/** Overwrite a secret with zeros. */
export function wipe(...buffers: (Uint8Array | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}

/** Hex (either case) to bytes; an odd number of digits or a character that is not hex is a DesError. */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `hex: expected string, got ${describe(hex)}`);
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    throw fail('ERR_INVALID_ARG_VALUE', `hex: expected an even number of hex digits, got ${JSON.stringify(hex.length > 40 ? hex.slice(0, 40) + '…' : hex)}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes to lower-case hex. */
export function bytesToHex(bytes: Uint8Array): string {
  bytes = asBytes(bytes, 'bytes');
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** A string to its UTF-8 bytes. */
export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `text: expected string, got ${describe(text)}`);
  return new TextEncoder().encode(text);
}

/** UTF-8 bytes to a string (a malformed sequence becomes U+FFFD, as TextDecoder does). */
export function bytesToUtf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(asBytes(bytes, 'bytes'));
}

/** Cryptographically secure random bytes (Web Crypto; present in browsers and in Node 20). */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/** Compare in time that depends only on the lengths, not on where the bytes differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  a = asBytes(a, 'a');
  b = asBytes(b, 'b');
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

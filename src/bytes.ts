/**
 * Byte helpers used at the API boundary: turning what callers pass into Uint8Array, checking
 * lengths with exact messages, and wiping secrets. The layers below trust what passes here.
 */
import { fail } from './errors.js';

/*
 * Typed arrays, DataViews and ArrayBuffers are recognised by their internal slots, through the
 * intrinsic getters captured here when the module loads: never by `instanceof`, a prototype, or a
 * property of the caller's object. So a real Uint8Array from another realm, a subclass or one with
 * a null prototype is taken; a Proxy or `Object.create(Uint8Array.prototype)` is refused without
 * running any of its code; and no method the caller can override (subarray, buffer, a getter) is
 * ever called while the engine holds a key.
 */
const uncurry = <T extends (...args: never[]) => unknown>(fn: T) =>
  Function.prototype.call.bind(fn) as unknown as (self: unknown) => ReturnType<T>;
const getter = (proto: object, name: PropertyKey) => uncurry(Object.getOwnPropertyDescriptor(proto, name)!.get!);
const TYPED_ARRAY = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = getter(TYPED_ARRAY, Symbol.toStringTag) as (v: unknown) => string | undefined;
const typedArrayBuffer = getter(TYPED_ARRAY, 'buffer') as (v: unknown) => ArrayBufferLike;
const typedArrayOffset = getter(TYPED_ARRAY, 'byteOffset') as (v: unknown) => number;
const typedArrayLength = getter(TYPED_ARRAY, 'byteLength') as (v: unknown) => number;
const dataViewBuffer = getter(DataView.prototype, 'buffer') as (v: unknown) => ArrayBufferLike;
const dataViewOffset = getter(DataView.prototype, 'byteOffset') as (v: unknown) => number;
const dataViewLength = getter(DataView.prototype, 'byteLength') as (v: unknown) => number;
const bufferLength = getter(ArrayBuffer.prototype, 'byteLength') as (v: unknown) => number;
const sharedLength = typeof SharedArrayBuffer === 'function'
  ? getter(SharedArrayBuffer.prototype, 'byteLength') as (v: unknown) => number : null;
const isView = ArrayBuffer.isView;
const isArray = Array.isArray;

/** A fresh Uint8Array over (buffer, offset, length); null when the buffer is detached. */
function view(buffer: ArrayBufferLike, offset?: number, length?: number): Uint8Array | null {
  try {
    return new Uint8Array(buffer, offset, length);
  } catch {
    return null;                                    // a detached buffer refuses new views
  }
}

/** True for a real ArrayBuffer or SharedArrayBuffer of any realm (checked by slot, no user code). */
function isArrayBuffer(value: object): boolean {
  try { bufferLength(value); return true; } catch { /* not an ArrayBuffer */ }
  try { if (sharedLength) { sharedLength(value); return true; } } catch { /* not a SharedArrayBuffer */ }
  return false;
}

/**
 * Bytes in, as a new Uint8Array view of the caller's memory (no copy): any TypedArray (Buffer
 * included), a DataView, an ArrayBuffer or SharedArrayBuffer. Null when `value` is none of them;
 * throws ERR_INVALID_ARG_TYPE for a detached buffer.
 */
export function bytesOrNull(value: unknown, name: string): Uint8Array | null {
  if (typeof value !== 'object' || value === null) return null;
  let bytes: Uint8Array | null;
  if (isView(value)) {
    bytes = typedArrayTag(value) !== undefined
      ? view(typedArrayBuffer(value), typedArrayOffset(value), typedArrayLength(value))
      : dataView(value);
  } else if (isArrayBuffer(value)) {
    bytes = view(value as ArrayBufferLike);
  } else {
    return null;
  }
  if (bytes === null) throw fail('ERR_INVALID_ARG_TYPE', `${name}: the buffer is detached (transferred or freed)`);
  return bytes;
}

function dataView(value: object): Uint8Array | null {
  try {
    return view(dataViewBuffer(value), dataViewOffset(value), dataViewLength(value));
  } catch {
    return null;                                    // a DataView on a detached buffer throws here
  }
}

/**
 * For the batch calls, which take thousands of short records: the length of `value` when it is a
 * real Uint8Array (known by its internal slots: of any realm, a Buffer, a subclass, whatever its
 * prototype or own properties), else 0 (also for an empty or detached one: those go through
 * bytesOrNull, as anything else does). A caller that takes such a `value` as it is reads nothing
 * of it but its elements (a typed array's own: an integer index never reaches a prototype or a
 * getter) and copies it with TypedArray.prototype.set, which reads its slots: no `length`, method
 * or getter of the caller's is ever run.
 */
export function uint8ArrayLength(value: unknown): number {
  return typedArrayTag(value) === 'Uint8Array' ? typedArrayLength(value) : 0;
}

/** A typed array's length in bytes from its internal slot, never its `length` property (which a caller can redefine). */
export function lengthOf(bytes: Uint8Array): number {
  return typedArrayLength(bytes);
}

/** Bytes in (see bytesOrNull), or ERR_INVALID_ARG_TYPE naming the argument. */
export function asBytes(value: unknown, name: string): Uint8Array {
  const bytes = bytesOrNull(value, name);
  if (bytes === null) throw fail('ERR_INVALID_ARG_TYPE', `${name}: expected Uint8Array, got ${describe(value)}`);
  return bytes;
}

/** Bytes of an exact length from a choice of lengths, e.g. a 16- or 24-byte TDES key. */
export function expectLength(bytes: Uint8Array, lengths: readonly number[], name: string,
  code: 'ERR_CRYPTO_INVALID_KEYLEN' | 'ERR_CRYPTO_INVALID_IV' = 'ERR_CRYPTO_INVALID_KEYLEN'): Uint8Array {
  if (!lengths.includes(bytes.length)) {
    throw fail(code, `${name}: expected Uint8Array of length ${lengths.join('/')}, got length=${bytes.length}`);
  }
  return bytes;
}

/**
 * A short, safe description of a value for error messages: never its contents, and never by
 * running the caller's code (no getters, no Proxy traps).
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  try {
    if (isArray(value)) return 'Array';
  } catch {
    return 'object';                                // a revoked Proxy
  }
  if (isView(value)) return typedArrayTag(value) ?? 'DataView';
  if (isArrayBuffer(value)) return 'ArrayBuffer';
  return 'object';
}

/**
 * A value for an error message: a number, boolean or (short) string as it is, anything else by
 * its type (never JSON.stringify, which runs toJSON and throws on BigInt and cycles).
 */
export function showValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value === undefined) return 'undefined';
  return describe(value);
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

/**
 * Input checks for the fields of the payment, smart-card and legacy functions: text, decimal
 * digits, hex digits, bytes of given lengths, one of a few values. Each check names the field and
 * says what it expected; the caller passes the code of its family (ERR_EMV_INPUT, ERR_CARD_INPUT,
 * ERR_SCP02_INPUT, ERR_DESFIRE_INPUT, ERR_LEGACY_INPUT) for a value of the wrong form. Bytes
 * that are not bytes at all are ERR_INVALID_ARG_TYPE (asBytes, as everywhere in des-wasm).
 * Messages give lengths and positions, never the value: a PAN, a PIN or a key does not belong in
 * a log.
 */
import { asBytes, describe } from '../bytes.js';
import { fail } from '../errors.js';
import type { DesErrorCode } from '../errors.js';

export type FieldCode = Extract<DesErrorCode,
  'ERR_EMV_INPUT' | 'ERR_CARD_INPUT' | 'ERR_SCP02_INPUT' | 'ERR_DESFIRE_INPUT' | 'ERR_LEGACY_INPUT'>;

function lengths(min: number, max: number): string {
  return min === max ? `${min}` : `${min} to ${max}`;
}

/**
 * A string, e.g. `password: expected a string, got number`. `code` is the family's code, or
 * ERR_INVALID_ARG_TYPE where the family reports a wrong type so; `what` is what the message
 * says was expected.
 */
export function text(value: unknown, name: string, code: FieldCode | 'ERR_INVALID_ARG_TYPE', what = 'a string'): string {
  if (typeof value !== 'string') throw fail(code, `${name}: expected ${what}, got ${describe(value)}`);
  return value;
}

/** A string of `min`…`max` decimal digits, e.g. `pan: expected 12 to 19 decimal digits, got 11`. */
export function digits(value: unknown, name: string, min: number, max: number, code: FieldCode): string {
  const what = `${lengths(min, max)} decimal digits`;
  const s = text(value, name, 'ERR_INVALID_ARG_TYPE', `a string of ${what}`);
  if (s.length < min || s.length > max) throw fail(code, `${name}: expected ${what}, got ${s.length}`);
  const bad = s.search(/[^0-9]/);
  if (bad >= 0) throw fail(code, `${name}: expected ${what}, got a character other than 0-9 at position ${bad + 1}`);
  return s;
}

/** A string of exactly `count` hex digits (either case), returned in upper case. */
export function hexDigits(value: unknown, name: string, count: number, code: FieldCode): string {
  const what = `${count} hex digits`;
  const s = text(value, name, 'ERR_INVALID_ARG_TYPE', `a string of ${what}`);
  if (s.length !== count) throw fail(code, `${name}: expected ${what}, got ${s.length}`);
  const bad = s.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw fail(code, `${name}: expected ${what}, got a character other than 0-9, A-F at position ${bad + 1}`);
  return s.toUpperCase();
}

/** Bytes already recognised, of one of the given lengths, e.g. `atc: expected 2 bytes, got 3`. */
export function checkLength(bytes: Uint8Array, name: string, allowed: readonly number[], code: FieldCode): Uint8Array {
  if (!allowed.includes(bytes.length)) throw fail(code, `${name}: expected ${allowed.join(' or ')} bytes, got ${bytes.length}`);
  return bytes;
}

/** Bytes (asBytes: a view, not a copy) of one of the given lengths, e.g. `hostChallenge: expected 8 bytes, got 7`. */
export function bytesField(value: unknown, name: string, allowed: readonly number[], code: FieldCode): Uint8Array {
  return checkLength(asBytes(value, name), name, allowed, code);
}

/** Bytes of a length from `min` to `max`, e.g. `input: expected 1 to 15 bytes, got 16`. */
export function bytesInRange(value: unknown, name: string, min: number, max: number, code: FieldCode): Uint8Array {
  const bytes = asBytes(value, name);
  if (bytes.length < min || bytes.length > max) throw fail(code, `${name}: expected ${lengths(min, max)} bytes, got ${bytes.length}`);
  return bytes;
}

/** One of a few allowed values (strings or numbers), e.g. `command: expected 'iso' or 'legacy', got "ISO"`. */
export function oneOf<T extends string | number>(value: unknown, name: string, allowed: readonly T[], code: FieldCode,
  show: (v: T) => string = (v) => JSON.stringify(v)): T {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  // A number among numbers is shown as they are (0x13 among 0x00, 0x01, 0x03).
  const got = typeof value === 'number' && typeof allowed[0] === 'number' ? show(value as T)
    : typeof value === 'string' || typeof value === 'number' ? JSON.stringify(value) : describe(value);
  throw fail(code, `${name}: expected ${allowed.map(show).join(' or ')}, got ${got}`);
}

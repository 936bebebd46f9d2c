/**
 * Checks for the text fields of card payments — PAN, PSN, expiry date, service code, PIN, PVKI,
 * decimalization tables, validation data — and for their short binary fields (ATC, ARC, CSU).
 * Each check names the field and says what it expected; a value of the wrong JavaScript type is
 * ERR_INVALID_ARG_TYPE, a value of the wrong form the family's own code (ERR_EMV_INPUT,
 * ERR_CARD_INPUT). Digits are never echoed in messages: a PAN or a PIN does not belong in a log.
 */
import { asBytes, describe } from '../bytes.js';
import { fail } from '../errors.js';
import type { DesErrorCode } from '../errors.js';

export type FieldCode = Extract<DesErrorCode, 'ERR_EMV_INPUT' | 'ERR_CARD_INPUT'>;

function lengths(min: number, max: number): string {
  return min === max ? `${min}` : `${min} to ${max}`;
}

function text(value: unknown, name: string, what: string): string {
  if (typeof value !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `${name}: expected a string of ${what}, got ${describe(value)}`);
  return value;
}

/** A string of `min`…`max` decimal digits, e.g. `pan: expected 12 to 19 decimal digits, got 11`. */
export function digits(value: unknown, name: string, min: number, max: number, code: FieldCode): string {
  const what = `${lengths(min, max)} decimal digits`;
  const s = text(value, name, what);
  if (s.length < min || s.length > max) throw fail(code, `${name}: expected ${what}, got ${s.length}`);
  const bad = s.search(/[^0-9]/);
  if (bad >= 0) throw fail(code, `${name}: expected ${what}, got a character other than 0-9 at position ${bad + 1}`);
  return s;
}

/** A string of exactly `count` hex digits (either case), returned in upper case. */
export function hexDigits(value: unknown, name: string, count: number, code: FieldCode): string {
  const what = `${count} hex digits`;
  const s = text(value, name, what);
  if (s.length !== count) throw fail(code, `${name}: expected ${what}, got ${s.length}`);
  const bad = s.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw fail(code, `${name}: expected ${what}, got a character other than 0-9, A-F at position ${bad + 1}`);
  return s.toUpperCase();
}

/** Bytes of one of the given lengths, e.g. `atc: expected 2 bytes, got 3`. */
export function fieldBytes(value: unknown, name: string, allowed: readonly number[], code: FieldCode): Uint8Array {
  const bytes = asBytes(value, name);
  if (!allowed.includes(bytes.length)) {
    const what = allowed.length > 2 && allowed.every((n, i) => i === 0 || n === allowed[i - 1] + 1)
      ? `${allowed[0]} to ${allowed[allowed.length - 1]}` : allowed.join(' or ');
    throw fail(code, `${name}: expected ${what} bytes, got ${bytes.length}`);
  }
  return bytes;
}


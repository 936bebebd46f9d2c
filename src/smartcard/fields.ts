/**
 * Input checks for the smart-card functions. Each names the field and says what it expected; a
 * value of the wrong JavaScript type is ERR_INVALID_ARG_TYPE (as everywhere in des-wasm), a value
 * of the wrong form the family's own code (ERR_SCP02_INPUT, ERR_DESFIRE_INPUT). Key bytes are
 * never echoed in messages.
 */
import { asBytes, describe } from '../bytes.js';
import { fail } from '../errors.js';
import type { DesErrorCode } from '../errors.js';

export type FieldCode = Extract<DesErrorCode, 'ERR_SCP02_INPUT' | 'ERR_DESFIRE_INPUT'>;

/** Bytes of one of the given lengths, e.g. `hostChallenge: expected 8 bytes, got 7`. */
export function bytesField(value: unknown, name: string, allowed: readonly number[], code: FieldCode): Uint8Array {
  const bytes = asBytes(value, name);
  if (!allowed.includes(bytes.length)) {
    throw fail(code, `${name}: expected ${allowed.join(' or ')} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** Bytes of a length from `min` to `max`, e.g. `input: expected 1 to 15 bytes, got 16`. */
export function bytesInRange(value: unknown, name: string, min: number, max: number, code: FieldCode): Uint8Array {
  const bytes = asBytes(value, name);
  if (bytes.length < min || bytes.length > max) throw fail(code, `${name}: expected ${min} to ${max} bytes, got ${bytes.length}`);
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

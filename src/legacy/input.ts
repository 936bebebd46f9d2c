/**
 * Input rules of the legacy protocols that the shared field checks (../subpath/fields.ts) do not
 * cover: a challenge or response is a Uint8Array exactly (anything else is ERR_LEGACY_INPUT, not
 * ERR_INVALID_ARG_TYPE), parameters come in one object, and passwords are encoded as UTF-16LE.
 */
import { bytesOrNull, describe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { checkLength } from '../subpath/fields.js';

/** A byte field of exactly `length` bytes (a challenge, a response). Not copied: nothing here writes to it. */
export function bytesOf(value: unknown, name: string, length: number): Uint8Array {
  // Bytes are recognised as everywhere else (by internal slots: other realms and subclasses too).
  const bytes = bytesOrNull(value, name);
  if (bytes === null) {
    throw fail('ERR_LEGACY_INPUT', `${name}: expected a Uint8Array of ${length} bytes, got ${describe(value)}`);
  }
  return checkLength(bytes, name, [length], 'ERR_LEGACY_INPUT');
}

/**
 * The fields of a parameters object: unknown names are refused (ERR_DES_UNKNOWN_OPTION), a
 * missing object is ERR_LEGACY_INPUT. The fields themselves are checked by the caller.
 */
export function fields(value: unknown, names: readonly string[], where: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw fail('ERR_LEGACY_INPUT', `${where}: expected an object with ${names.join(', ')}, got ${describe(value)}`);
  }
  return readOptions(value, Object.fromEntries(names.map((n) => [n, 'any' as const])), where);
}

/** UTF-16LE of a JavaScript string, code unit by code unit (NTLM's and MS-CHAPv2's "Unicode" password). */
export function utf16le(value: string): Uint8Array {
  const out = new Uint8Array(2 * value.length);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    out[2 * i] = unit & 0xff;
    out[2 * i + 1] = unit >> 8;
  }
  return out;
}

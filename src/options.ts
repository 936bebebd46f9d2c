/**
 * The one options validator every des-wasm function uses. An options object is read once, into a
 * private snapshot (so a getter runs at most once, before any key material is in the engine); an
 * unknown key is refused with the closest known one named, since a misspelt option silently
 * ignored is how `{ paddign: 'none' }` ends up padding with PKCS#7; boolean options take only
 * booleans (`constantTime: 'true'` is refused, not read as false).
 */
import { describe, showValue } from './bytes.js';
import { fail } from './errors.js';

/** What an option's value is checked as here: 'boolean' strictly; 'any' by the function that reads it. */
export type OptionKind = 'boolean' | 'any';
export type OptionSpec = Readonly<Record<string, OptionKind>>;

/**
 * Check `value` against `spec` and return the options given (undefined values left out), as a
 * null-prototype object. `where` names the argument in messages: "options", "tdes.cbc options".
 */
export function readOptions(value: unknown, spec: OptionSpec, where = 'options'): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw fail('ERR_INVALID_ARG_TYPE', `${where}: expected an object, got ${describe(value)}`);
  }
  for (const key of callersCode(() => Object.keys(value), where)) {
    if (!Object.prototype.hasOwnProperty.call(spec, key)) {
      throw fail('ERR_DES_UNKNOWN_OPTION', `${where}: unknown option ${showValue(key)} (did you mean ${closest(key, Object.keys(spec))}?)`);
    }
    const option = callersCode(() => (value as Record<string, unknown>)[key], `${where}: ${key}`);
    if (option === undefined) continue;
    if (spec[key] === 'boolean' && typeof option !== 'boolean') {
      throw fail('ERR_INVALID_ARG_TYPE', `${where}: ${key} must be true or false, got ${describe(option)}`);
    }
    out[key] = option;
  }
  return out;
}

/**
 * Run something that may run the caller's code (a getter, a Proxy trap); what it throws comes
 * back as a DesError, the caller's own error kept as its `cause`.
 */
function callersCode<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch (error) {
    const e = fail('ERR_INVALID_ARG_VALUE', `${what}: reading it threw (${error instanceof Error ? error.message : describe(error)})`);
    (e as { cause?: unknown }).cause = error;
    throw e;
  }
}

/** The known name nearest to `word` by edit distance (ties: the first in `known`). */
function closest(word: string, known: readonly string[]): string {
  let best = known[0] ?? '';
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

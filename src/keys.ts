/**
 * Key tools: parity, weak-key checks, key generation and key check values.
 *
 * DES keys are 8 bytes whose least significant bits are parity bits (odd parity, FIPS 46-3 §3);
 * the cipher ignores them. Triple-DES keys are two (K1‖K2, K3 = K1) or three single-DES keys.
 */
import { PC1 } from './fips46.js';
import { asBytes, expectLength, randomBytes, showValue, wipe } from './bytes.js';
import { fail } from './errors.js';
import { readOptions } from './options.js';
import { keySchedule, runOnce } from './cipher.js';
import { cmac } from './mac/index.js';

/** Set the low bit of every byte so that each byte has an odd number of 1 bits. Returns a new array. */
export function fixParity(key: Uint8Array): Uint8Array {
  const out = Uint8Array.from(asBytes(key, 'key'));
  for (let i = 0; i < out.length; i++) out[i] = (out[i] & 0xfe) | (1 ^ (popcount(out[i] & 0xfe) & 1));
  return out;
}

/** True when every byte has odd parity. */
export function hasOddParity(key: Uint8Array): boolean {
  for (const byte of asBytes(key, 'key')) if ((popcount(byte) & 1) === 0) return false;
  return true;
}

function popcount(byte: number): number {
  let n = 0;
  for (; byte; byte &= byte - 1) n++;
  return n;
}

/**
 * How a single-DES key relates to the classic weak-key lists (FIPS 74; the lists used by
 * libgcrypt, Bouncy Castle and the TPM 2.0 reference code). They have one shape: after PC-1 each
 * 28-bit half C0, D0 repeats a 4-bit pattern that is constant (0000, 1111), alternating (0101,
 * 1010) or a rotation of 0011, so that the left shifts of the key schedule keep producing the
 * same few subkeys.
 *   weak:          both halves constant                      (4 keys; all 16 subkeys equal)
 *   semi-weak:     both halves constant or alternating, not weak (12 keys; 2 distinct subkeys)
 *   possibly weak: the rest of that shape, at least one half a rotation of 0011 (48 keys; 4 subkeys)
 * The parity bits do not matter: PC-1 drops them.
 */
function classify(key8: Uint8Array): 'weak' | 'semiWeak' | 'possiblyWeak' | null {
  // K+ = PC-1(K): bit p of the key (1-based from the most significant) for each entry p.
  const kPlus = PC1.map((p) => (key8[(p - 1) >> 3] >> (7 - ((p - 1) & 7))) & 1);
  const halves = [kPlus.slice(0, 28), kPlus.slice(28)].map((half) => {
    for (let i = 4; i < 28; i++) if (half[i] !== half[i - 4]) return null;   // not of period 4
    const pattern = half.slice(0, 4).join('');
    if (pattern === '0000' || pattern === '1111') return 1;                  // constant
    if (pattern === '0101' || pattern === '1010') return 2;                  // alternating
    if (['0011', '0110', '1100', '1001'].includes(pattern)) return 4;        // rotation of 0011
    return null;
  });
  if (halves[0] === null || halves[1] === null) return null;
  const period = Math.max(halves[0], halves[1]);
  return period === 1 ? 'weak' : period === 2 ? 'semiWeak' : 'possiblyWeak';
}

export interface KeyReport {
  /** Every byte has odd parity. */
  parity: boolean;
  /** Some 8-byte part is a weak, semi-weak or possibly weak DES key. */
  weak: boolean;
  semiWeak: boolean;
  possiblyWeak: boolean;
  /** Triple-DES that collapses to single DES: K1 = K2 or K2 = K3 (parity bits ignored). */
  degenerate: boolean;
}

/** Check an 8-, 16- or 24-byte key against the weak-key lists, parity and 3DES degeneracy. */
export function checkKey(key: Uint8Array): KeyReport {
  const bytes = expectLength(asBytes(key, 'key'), [8, 16, 24], 'key');
  const parts = [];
  for (let i = 0; i < bytes.length; i += 8) parts.push(bytes.subarray(i, i + 8));
  const classes = parts.map(classify);
  const same = (a: Uint8Array, b: Uint8Array) => a.every((x, i) => (x & 0xfe) === (b[i] & 0xfe));
  return {
    parity: hasOddParity(bytes),
    weak: classes.includes('weak'),
    semiWeak: classes.includes('semiWeak'),
    possiblyWeak: classes.includes('possiblyWeak'),
    degenerate: parts.length > 1 && (same(parts[0], parts[1]) || (parts.length === 3 && same(parts[1], parts[2]))),
  };
}

/** True when checkKey finds anything that makes the key unfit for new use. */
function isWeakOrDegenerate(key: Uint8Array): boolean {
  const r = checkKey(key);
  return r.weak || r.semiWeak || r.possiblyWeak || r.degenerate;
}

/** Throw ERR_DES_WEAK_KEY for a weak, semi-weak, possibly weak or degenerate key. */
export function refuseWeakKey(key: Uint8Array): void {
  const r = checkKey(key);
  const what = r.weak ? 'a weak DES key' : r.semiWeak ? 'a semi-weak DES key'
    : r.possiblyWeak ? 'a possibly weak DES key' : r.degenerate ? 'a degenerate Triple-DES key (K1 = K2 or K2 = K3)' : null;
  if (what) throw fail('ERR_DES_WEAK_KEY', `key refused: it is ${what} (rejectWeakKeys is set)`);
}

export type KeyKind = 'des' | 'tdes2' | 'tdes3';
const KEY_LENGTHS: Record<KeyKind, number> = { des: 8, tdes2: 16, tdes3: 24 };

/**
 * A fresh random key with odd parity that is never weak, semi-weak, possibly weak or degenerate
 * (for 3-key TDES also K1 ≠ K3, so that it is not 2-key TDES in disguise).
 */
export function generateKey(kind: KeyKind = 'tdes3'): Uint8Array {
  const length = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(KEY_LENGTHS, kind) ? KEY_LENGTHS[kind] : undefined;
  if (length === undefined) {
    throw fail('ERR_INVALID_ARG_VALUE', `generateKey: expected 'des', 'tdes2' or 'tdes3', got ${showValue(kind)}`);
  }
  for (;;) {
    const raw = randomBytes(length);
    const key = fixParity(raw);
    wipe(raw);
    const k1k3Equal = length === 24 && key.subarray(0, 8).every((x, i) => x === key[16 + i]);
    if (!isWeakOrDegenerate(key) && !k1k3Equal) return key;
    wipe(key);
  }
}

/**
 * Key check value. The legacy method (default) is the leftmost `length` bytes (default 3) of the
 * key's encryption of a zero block, the convention of payment HSMs (ANSI X9.24); the CMAC method
 * is the leftmost `length` bytes (default 5) of CMAC_K over one zero block. DES for 8-byte keys,
 * TDES for 16 and 24.
 */
export function kcv(key: Uint8Array, optionsIn?: { length?: number; method?: 'legacy' | 'cmac' }): Uint8Array {
  const options = readOptions(optionsIn, { length: 'any', method: 'any' }, 'kcv options') as { length?: unknown; method?: unknown };
  const method = options.method ?? 'legacy';
  if (method !== 'legacy' && method !== 'cmac') {
    throw fail('ERR_INVALID_ARG_VALUE', `kcv method: expected 'legacy' or 'cmac', got ${showValue(method)}`);
  }
  const bytes = expectLength(asBytes(key, 'key'), [8, 16, 24], 'key');
  const length = options.length ?? (method === 'cmac' ? 5 : 3);
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 1 || length > 8) {
    throw fail('ERR_INVALID_ARG_VALUE', `kcv length: expected an integer from 1 to 8, got ${showValue(length)}`);
  }
  const full = method === 'cmac' ? cmac(bytes, new Uint8Array(8)) : encryptZeroBlock(bytes);
  try {
    return full.slice(0, length);
  } finally {
    wipe(full);
  }
}

/** E_K(0): DES for an 8-byte key, TDES for 16 and 24. */
function encryptZeroBlock(key: Uint8Array): Uint8Array {
  const schedule = keySchedule(key.length === 8 ? 'des' : 'tdes', 'encrypt', key);
  try {
    return runOnce({ kernel: 'ecb', finalBlock: 'padded', padding: 'none', direction: 'encrypt', schedule }, null, new Uint8Array(8));
  } finally {
    schedule.wipe();
  }
}

/**
 * Key tools against the definitions and lists they implement:
 *   fixParity / hasOddParity   odd parity per byte (FIPS 46-3 §3), against a bit count done here
 *   checkKey                   FIPS 74's weak (4), semi-weak (12) and possibly weak (48) keys from
 *                              vectors/weak-keys.json, with and without parity bits; random keys
 *                              and every near miss built from the lists' byte alphabet flagged
 *                              exactly when listed; degenerate TDES (K1 = K2 or K2 = K3)
 *   generateKey                odd parity, right length, never flagged
 *   kcv                        E_K(0) truncated (ANSI X9.24-1), E_K from node:crypto, and the
 *                              examples in vectors/mac/key-check-value.json
 */
import * as crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkKey, fixParity, generateKey, hasOddParity, kcv, ready } from '../src/node.js';
import type { KeyReport } from '../src/node.js';
import { desEcbNode, hexOf, Rng, tdesEcbNode, testSeed } from './helpers/peers.js';
import { hex, loadJson } from './helpers/vectors.js';

const SEED = testSeed('keys', 0x0de5_4b45);
const rng = new Rng(SEED);

beforeAll(async () => { await ready(); });

/** Ones in a byte, counted the slow way. */
function ones(byte: number): number {
  let n = 0;
  for (let bit = 0; bit < 8; bit++) n += (byte >> bit) & 1;
  return n;
}
const oddParity = (key: Uint8Array) => key.every((x) => ones(x) % 2 === 1);
const cleared = (key: Uint8Array | string) => hexOf((typeof key === 'string' ? hex(key) : key).map((x) => x & 0xfe));

describe('parity', () => {
  it('fixParity: every byte value 0 … 255 gets odd parity by its low bit only', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const fixed = fixParity(all);
    for (let i = 0; i < 256; i++) {
      expect(ones(fixed[i]) % 2, `byte ${i}`).toBe(1);
      expect(fixed[i] & 0xfe, `byte ${i}`).toBe(i & 0xfe);
    }
    expect(all[3]).toBe(3);                    // a new array: the input is not touched
  });

  it('hasOddParity: true exactly when every byte has an odd number of ones (every single byte, random keys)', () => {
    for (let i = 0; i < 256; i++) expect(hasOddParity(Uint8Array.of(i)), `byte ${i}`).toBe(ones(i) % 2 === 1);
    for (let i = 0; i < 2000; i++) {
      const key = rng.bytes([8, 16, 24][i % 3]);
      if (i % 2 === 0) key.set(fixParity(key));  // half of them with odd parity, then maybe one byte off
      if (i % 4 === 0) key[rng.int(0, key.length - 1)] ^= 1;
      expect(hasOddParity(key)).toBe(oddParity(key));
      expect(hasOddParity(fixParity(key))).toBe(true);
      expect(checkKey(key).parity).toBe(oddParity(key));
    }
  });

  it('parity bits do not change the cipher (node:crypto\'s DES ignores them too)', () => {
    const key = rng.bytes(8);
    const block = rng.bytes(8);
    expect(hexOf(desEcbNode(fixParity(key), block))).toBe(hexOf(desEcbNode(key.map((x) => x & 0xfe), block)));
  });
});

describe('checkKey against FIPS 74\'s lists (vectors/weak-keys.json)', () => {
  const w = loadJson('weak-keys.json');
  const lists = {
    weak: w.weak_keys_odd_parity as string[],
    semiWeak: (w.semi_weak_key_pairs_odd_parity as string[][]).flat(),
    possiblyWeak: w.possibly_weak_keys_odd_parity as string[],
  };
  const clearedLists = {
    weak: w.libgcrypt_parity_cleared_forms.weak as string[],
    semiWeak: w.libgcrypt_parity_cleared_forms.semi_weak as string[],
    possiblyWeak: w.libgcrypt_parity_cleared_forms.possibly_weak as string[],
  };
  /** The class each listed key belongs to, by its parity-cleared form. */
  const listed = new Map<string, keyof typeof lists>();
  for (const kind of ['weak', 'semiWeak', 'possiblyWeak'] as const) for (const k of lists[kind]) listed.set(cleared(k), kind);

  /** What checkKey must say about a single-DES key, from the lists alone. */
  const expected = (key: Uint8Array): KeyReport => {
    const kind = listed.get(cleared(key));
    return { parity: oddParity(key), weak: kind === 'weak', semiWeak: kind === 'semiWeak', possiblyWeak: kind === 'possiblyWeak', degenerate: false };
  };

  it('the lists hold 4 + 12 + 48 distinct keys, and the parity-cleared forms are the same keys', () => {
    expect([lists.weak.length, lists.semiWeak.length, lists.possiblyWeak.length]).toEqual([4, 12, 48]);
    expect(listed.size).toBe(64);
    for (const kind of ['weak', 'semiWeak', 'possiblyWeak'] as const) {
      expect(lists[kind].map((k) => cleared(k)).sort()).toEqual([...clearedLists[kind]].sort());
      expect(lists[kind].every((k) => oddParity(hex(k)))).toBe(true);
    }
  });

  for (const kind of ['weak', 'semiWeak', 'possiblyWeak'] as const) {
    it(`all ${lists[kind].length} ${kind} keys flagged as ${kind} only, odd parity and parity-cleared`, () => {
      for (const k of lists[kind]) expect(checkKey(hex(k)), k).toEqual(expected(hex(k)));
      for (const k of clearedLists[kind]) expect(checkKey(hex(k)), k).toEqual(expected(hex(k)));
    });
  }

  it('every near miss: all 65,536 keys over the lists\' byte alphabet are flagged exactly when listed', () => {
    // Every listed key has bytes 1 … 4 in {01, 1f, e0, fe} and bytes 5 … 8 in {01, 0e, f1, fe}:
    // walk all such keys, so that a classifier that is too eager or too strict shows up.
    const left = [0x01, 0x1f, 0xe0, 0xfe];
    const right = [0x01, 0x0e, 0xf1, 0xfe];
    let flagged = 0;
    const key = new Uint8Array(8);
    for (let i = 0; i < 1 << 16; i++) {
      for (let j = 0; j < 8; j++) key[j] = (j < 4 ? left : right)[(i >> (2 * j)) & 3];
      const report = checkKey(key);
      if (report.weak || report.semiWeak || report.possiblyWeak) flagged++;
      if (listed.has(cleared(key)) || report.weak || report.semiWeak || report.possiblyWeak) {
        expect(report, hexOf(key)).toEqual(expected(key));
      }
    }
    expect(flagged).toBe(64);
    console.log(`[keys] near misses: ${1 << 16} keys walked, ${flagged} flagged, all of them listed`);
  });

  it('10,000 random keys: flagged only when listed (which chance makes all but impossible)', () => {
    let flagged = 0;
    for (let i = 0; i < 10_000; i++) {
      const key = rng.bytes(8);
      const report = checkKey(key);
      expect(report).toEqual(expected(key));
      if (report.weak || report.semiWeak || report.possiblyWeak) flagged++;
    }
    console.log(`[keys] random: 10000 keys, ${flagged} flagged`);
  });

  it('TDES and DESX-length keys: flagged when any 8-byte part is listed', () => {
    const good = () => fixParity(rng.bytes(8));
    for (const kind of ['weak', 'semiWeak', 'possiblyWeak'] as const) {
      const bad = hex(lists[kind][rng.int(0, lists[kind].length - 1)]);
      for (const key of [[bad, good()], [good(), bad], [bad, good(), good()], [good(), good(), bad]]) {
        const report = checkKey(Buffer.concat(key));
        expect(report[kind], `${kind} at part ${key.indexOf(bad)}`).toBe(true);
      }
    }
  });
});

describe('degenerate Triple-DES (K1 = K2 or K2 = K3, parity bits ignored)', () => {
  it('random parts: degenerate exactly when K1 = K2 or K2 = K3', () => {
    for (let i = 0; i < 300; i++) {
      const [a, b, c] = [rng.bytes(8), rng.bytes(8), rng.bytes(8)];
      const flip = (k: Uint8Array) => k.map((x) => x ^ (rng.next() & 1));    // other parity bits, same key
      const cases: [Uint8Array[], boolean][] = [
        [[a, b], false], [[a, flip(a)], true], [[a, b, c], false], [[a, flip(a), c], true],
        [[a, b, flip(b)], true], [[a, b, flip(a)], false], [[a, flip(a), flip(a)], true],
      ];
      for (const [parts, degenerate] of cases) {
        expect(checkKey(Buffer.concat(parts)).degenerate, parts.map(hexOf).join(' ')).toBe(degenerate);
      }
    }
  });

  it('single-DES keys are never degenerate', () => {
    expect(checkKey(rng.bytes(8)).degenerate).toBe(false);
  });

  it('a degenerate key is single DES in disguise (node:crypto: des-ede3 with K1 = K2 is DES under K3)', () => {
    const [a, c] = [rng.bytes(8), rng.bytes(8)];
    const block = rng.bytes(8);
    expect(hexOf(tdesEcbNode(Buffer.concat([a, a, c]), block))).toBe(hexOf(desEcbNode(c, block)));
  });

  it('refuses other lengths', () => {
    for (const n of [0, 7, 9, 32]) {
      expect(() => checkKey(new Uint8Array(n))).toThrow(`key: expected Uint8Array of length 8/16/24, got length=${n}`);
    }
  });
});

describe('generateKey', () => {
  for (const [kind, length] of [['des', 8], ['tdes2', 16], ['tdes3', 24]] as const) {
    it(`${kind}: ${length} bytes, odd parity, never weak or degenerate, all different (1000 keys)`, () => {
      const seen = new Set<string>();
      for (let i = 0; i < 1000; i++) {
        const key = generateKey(kind);
        expect(key).toBeInstanceOf(Uint8Array);
        expect(key.length).toBe(length);
        expect(oddParity(key)).toBe(true);
        expect(checkKey(key)).toEqual({ parity: true, weak: false, semiWeak: false, possiblyWeak: false, degenerate: false });
        if (length === 24) expect(cleared(key.subarray(0, 8))).not.toBe(cleared(key.subarray(16, 24)));
        seen.add(hexOf(key));
      }
      expect(seen.size).toBe(1000);
    });
  }

  it('default is tdes3; an unknown kind is refused', () => {
    expect(generateKey().length).toBe(24);
    const error = (() => { try { generateKey('aes' as never); } catch (e) { return e as { code: string; message: string }; } })();
    expect({ code: error?.code, message: error?.message })
      .toEqual({ code: 'ERR_INVALID_ARG_VALUE', message: 'generateKey: expected \'des\', \'tdes2\' or \'tdes3\', got "aes"' });
  });

  it('the bits are spread: each of the 56 key bits is set in roughly half of 2000 des keys', () => {
    const counts = new Array(64).fill(0);
    for (let i = 0; i < 2000; i++) {
      const key = generateKey('des');
      for (let bit = 0; bit < 64; bit++) counts[bit] += (key[bit >> 3] >> (7 - (bit & 7))) & 1;
    }
    // Key bits only (not the parity bit of each byte); 2000 draws: mean 1000, sd ≈ 22; 8 sd either side.
    for (let bit = 0; bit < 64; bit++) if (bit % 8 !== 7) expect(counts[bit], `bit ${bit}`).toBeGreaterThan(820);
    for (let bit = 0; bit < 64; bit++) if (bit % 8 !== 7) expect(counts[bit], `bit ${bit}`).toBeLessThan(1180);
  });
});

describe('kcv (ANSI X9.24-1: the leftmost bytes of E_K(0))', () => {
  const file = loadJson('mac/key-check-value.json');

  it('0123456789ABCDEFFEDCBA9876543210: node:crypto des-ede ECB of a zero block, first 3 bytes; the file\'s 2-byte value', () => {
    const key = hex('0123456789ABCDEFFEDCBA9876543210');
    const e0 = crypto.createCipheriv('des-ede', key, null).setAutoPadding(false).update(new Uint8Array(8));
    expect(hexOf(kcv(key))).toBe(hexOf(e0.subarray(0, 3)));
    const example = file.examples.find((x: { key: string }) => x.key === '0123456789abcdeffedcba9876543210');
    expect(hexOf(kcv(key, { length: 2 }))).toBe(example.kcv_2_bytes);
    expect(hexOf(e0.subarray(0, 2))).toBe(example.kcv_2_bytes);
  });

  it('every example in vectors/mac/key-check-value.json', () => {
    for (const example of file.examples) {
      const key = hex(example.key);
      if (example.kcv_2_bytes) expect(hexOf(kcv(key, { length: 2 }))).toBe(example.kcv_2_bytes);
      if (example.kcv_3_bytes) expect(hexOf(kcv(key))).toBe(example.kcv_3_bytes);
      if (example['E_K(0)']) {
        expect(hexOf(kcv(key, { length: 8 }))).toBe(example['E_K(0)']);
        expect(hexOf(desEcbNode(key, new Uint8Array(8)))).toBe(example['E_K(0)']);
      }
    }
  });

  it('random 8-, 16- and 24-byte keys, every length 1 … 8: E_K(0) from node:crypto, truncated', () => {
    for (let i = 0; i < 60; i++) {
      const key = rng.bytes([8, 16, 24][i % 3]);
      const e0 = key.length === 8 ? desEcbNode(key, new Uint8Array(8)) : tdesEcbNode(key, new Uint8Array(8));
      expect(hexOf(kcv(key))).toBe(hexOf(e0.subarray(0, 3)));
      const n = (i % 8) + 1;
      expect(hexOf(kcv(key, { length: n }))).toBe(hexOf(e0.subarray(0, n)));
    }
  });

  it('refuses bad lengths and methods', () => {
    const key = hex('0123456789abcdef');
    for (const length of [0, 9, 2.5]) expect(() => kcv(key, { length })).toThrow(`kcv length: expected an integer from 1 to 8, got ${length}`);
    expect(() => kcv(key, { method: 'md5' as never })).toThrow('kcv method: expected \'legacy\' or \'cmac\', got "md5"');
    expect(() => kcv(new Uint8Array(12))).toThrow('key: expected Uint8Array of length 8/16/24, got length=12');
  });
});

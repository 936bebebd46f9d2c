/**
 * DES weak (4), semi-weak (6 pairs) and possibly-weak (48) keys as FIPS 74 lists them (taken from
 * the TPM 2.0 reference code and libgcrypt, which agree). checkKey must put every listed key in
 * its class and no other, with or without its parity bits; keys from the other vector files that
 * are in no list must report none. Weak keys are involutions (E_K(E_K(x)) = x) and each
 * semi-weak key undoes its partner (E_K1(E_K2(x)) = x), checked as properties over random blocks.
 * Source: vectors/weak-keys.json (see vectors/README.md).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkKey, des, ready } from '../../src/index.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';

const w = loadJson('weak-keys.json');
const weak: string[] = w.weak_keys_odd_parity;
const pairs: [string, string][] = w.semi_weak_key_pairs_odd_parity;
const semiWeak = pairs.flat();
const possiblyWeak: string[] = w.possibly_weak_keys_odd_parity;
const cleared: { weak: string[]; semi_weak: string[]; possibly_weak: string[] } = w.libgcrypt_parity_cleared_forms;

const E = (key: string, x: Uint8Array) => des.ecb(hex(key), { padding: 'none' }).encrypt(x);
const block = fc.uint8Array({ minLength: 8, maxLength: 8 });
const only = (flag: 'weak' | 'semiWeak' | 'possiblyWeak') =>
  ({ weak: flag === 'weak', semiWeak: flag === 'semiWeak', possiblyWeak: flag === 'possiblyWeak' });
/** A key with its parity bits cleared: what the lists compare, since DES ignores those bits. */
const clearParity = (key: string) => toHex(hex(key).map((b) => b & 0xfe));

beforeAll(async () => { await ready(); });

describe('DES weak, semi-weak and possibly-weak keys (weak-keys.json)', () => {
  it(`lists ${weak.length} weak, ${semiWeak.length} semi-weak (${pairs.length} pairs), ${possiblyWeak.length} possibly-weak keys`, () => {
    expect([weak.length, semiWeak.length, possiblyWeak.length]).toEqual([4, 12, 48]);
    expect([cleared.weak.length, cleared.semi_weak.length, cleared.possibly_weak.length]).toEqual([4, 12, 48]);
  });

  for (const [name, keys, flag] of [['weak', weak, 'weak'], ['semi-weak', semiWeak, 'semiWeak'], ['possibly-weak', possiblyWeak, 'possiblyWeak']] as const) {
    it(`checkKey: all ${keys.length} ${name} keys (odd parity) report ${flag} only, with good parity`, () => {
      expect(keys.length).toBeGreaterThan(0);
      const wrong = keys.filter((k) => {
        const r = checkKey(hex(k));
        return !(r.parity && r.weak === only(flag).weak && r.semiWeak === only(flag).semiWeak && r.possiblyWeak === only(flag).possiblyWeak);
      });
      console.log(`[weak-keys] checkKey on ${keys.length} ${name} keys: ${keys.length - wrong.length} right`);
      expect(wrong).toEqual([]);
    });
  }

  for (const [name, flag] of [['weak', 'weak'], ['semi_weak', 'semiWeak'], ['possibly_weak', 'possiblyWeak']] as const) {
    it(`checkKey: all ${cleared[name].length} ${name} keys with parity bits cleared report ${flag} only`, () => {
      expect(cleared[name].length).toBeGreaterThan(0);
      const wrong = cleared[name].filter((k) => { const r = checkKey(hex(k)); return !(r.weak === only(flag).weak && r.semiWeak === only(flag).semiWeak && r.possiblyWeak === only(flag).possiblyWeak); });
      expect(wrong).toEqual([]);
    });
  }

  it('the parity-cleared lists are the odd-parity lists without their parity bits', () => {
    expect(weak.map(clearParity).sort()).toEqual([...cleared.weak].sort());
    expect(semiWeak.map(clearParity).sort()).toEqual([...cleared.semi_weak].sort());
    expect(possiblyWeak.map(clearParity).sort()).toEqual([...cleared.possibly_weak].sort());
  });

  it('keys from the other vector files that are in no list report no weakness', () => {
    const listed = new Set([...weak, ...semiWeak, ...possiblyWeak].map(clearParity));
    const go = loadJson('go-des-extra.json');
    const sp = loadJson('sp800-20-des-kat.json');
    const candidates = new Set<string>([
      ...go.encryptDESTests.map((v: { key: string }) => v.key),
      ...sp.variable_key_table_A2.vectors.map((v: { key: string }) => v.key),
      ...sp.permutation_operation_table_A3.vectors.map((v: { key: string }) => v.key),
      ...sp.substitution_table_table_A4.vectors.map((v: { key: string }) => v.key),
      loadJson('fips81-des-modes.json').key,
    ].map((k) => k.toLowerCase()));
    const unlisted = [...candidates].filter((k) => !listed.has(clearParity(k)));
    expect(unlisted.length).toBeGreaterThan(0);
    const wrong = unlisted.filter((k) => { const r = checkKey(hex(k)); return r.weak || r.semiWeak || r.possiblyWeak; });
    console.log(`[weak-keys] ${unlisted.length} unlisted keys from other files checked, ${candidates.size - unlisted.length} listed ones left out`);
    expect(wrong).toEqual([]);
  });

  it(`property: E_K(E_K(x)) = x for each of the ${weak.length} weak keys and their parity-cleared forms`, () => {
    for (const k of [...weak, ...cleared.weak]) {
      fc.assert(fc.property(block, (x) => toHex(E(k, E(k, x))) === toHex(x)), { numRuns: 100 });
    }
  });

  it(`property: E_K1(E_K2(x)) = x both ways for each of the ${pairs.length} semi-weak pairs`, () => {
    expect(pairs.length).toBeGreaterThan(0);
    for (const [k1, k2] of pairs) {
      fc.assert(fc.property(block, (x) => toHex(E(k1, E(k2, x))) === toHex(x) && toHex(E(k2, E(k1, x))) === toHex(x)), { numRuns: 100 });
    }
  });
});

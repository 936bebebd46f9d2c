/**
 * The extra DES and TDES ECB vectors and the weak / semi-weak key inputs of Go's crypto/des tests
 * (not from a standard). ECB vectors run both ways. Weak keys: E_K is an involution, so
 * E_K(E_K(x)) = x; semi-weak pairs: E_K1 undoes E_K2, so E_K1(E_K2(x)) = x. Both are checked on
 * the file's input and as properties over random blocks; checkKey must report each key.
 * Source: vectors/go-des-extra.json (see vectors/README.md).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkKey, des, ready, tdes } from '../../src/index.js';
import { differ, hex, loadJson, runAll, summarize, toHex } from '../helpers/vectors.js';

interface Vector { key: string; plaintext: string; ciphertext: string }
const go = loadJson<{
  encryptDESTests: Vector[]; encryptTripleDESTests: Vector[];
  weakKeyTests: { key: string; random_input: string }[];
  semiWeakKeyTests: { key: string; random_input: string; paired_semi_weak_key: string }[];
}>('go-des-extra.json');

const ecb = (key: string) => (key.length === 16 ? des : tdes).ecb(hex(key), { padding: 'none' });
const encrypt = (key: string, block: Uint8Array) => ecb(key).encrypt(block);
const block = fc.uint8Array({ minLength: 8, maxLength: 8 });

beforeAll(async () => { await ready(); });

describe('Go crypto/des extra vectors (go-des-extra.json)', () => {
  for (const [name, vectors] of [['encryptDESTests', go.encryptDESTests], ['encryptTripleDESTests', go.encryptTripleDESTests]] as const) {
    it(`${name}: ${vectors.length} ECB vectors, encrypt and decrypt`, () => {
      expect(vectors.length).toBeGreaterThan(0);
      const { ran, failures } = runAll(vectors, (v) => `${name} key ${v.key} pt ${v.plaintext}`, (v) => [
        differ('encrypt', hex(v.ciphertext), ecb(v.key).encrypt(hex(v.plaintext))),
        differ('decrypt', hex(v.plaintext), ecb(v.key).decrypt(hex(v.ciphertext))),
      ].filter(Boolean).join('; ') || undefined);
      console.log(`[go-extra] ${name}: ran ${ran} of ${vectors.length} vectors, ${failures.length} failed`);
      expect(summarize(failures)).toEqual([]);
      expect(ran).toBe(vectors.length);
    });
  }

  describe(`weakKeyTests: ${go.weakKeyTests.length} weak keys (parity variants included)`, () => {
    it('has records', () => { expect(go.weakKeyTests.length).toBeGreaterThan(0); });
    for (const t of go.weakKeyTests) {
      it(`${t.key}: E_K(E_K(x)) = x for the file's x and for random x; checkKey reports weak`, () => {
        const x = hex(t.random_input);
        expect(toHex(encrypt(t.key, encrypt(t.key, x)))).toBe(toHex(x));
        fc.assert(fc.property(block, (y) => toHex(encrypt(t.key, encrypt(t.key, y))) === toHex(y)), { numRuns: 50 });
        expect(checkKey(hex(t.key))).toMatchObject({ weak: true, semiWeak: false, possiblyWeak: false });
      });
    }
  });

  describe(`semiWeakKeyTests: ${go.semiWeakKeyTests.length} semi-weak pairs`, () => {
    it('has records', () => { expect(go.semiWeakKeyTests.length).toBeGreaterThan(0); });
    for (const t of go.semiWeakKeyTests) {
      const k1 = t.key, k2 = t.paired_semi_weak_key;
      it(`${k1} / ${k2}: E_K1(E_K2(x)) = x and E_K2(E_K1(x)) = x; checkKey reports both semi-weak`, () => {
        const x = hex(t.random_input);
        expect(toHex(encrypt(k1, encrypt(k2, x)))).toBe(toHex(x));
        expect(toHex(encrypt(k2, encrypt(k1, x)))).toBe(toHex(x));
        fc.assert(fc.property(block, (y) =>
          toHex(encrypt(k1, encrypt(k2, y))) === toHex(y) && toHex(encrypt(k2, encrypt(k1, y))) === toHex(y)), { numRuns: 50 });
        for (const k of [k1, k2]) expect(checkKey(hex(k)), k).toMatchObject({ weak: false, semiWeak: true, possiblyWeak: false });
      });
    }
  });
});

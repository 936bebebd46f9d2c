/**
 * Key check values (vectors/mac/key-check-value.json, ANSI X9.24-1 conventions):
 *   legacy  kcv(key)       the leftmost 3 bytes of E_K(0^64)           — the file's examples
 *   CMAC    kcv(key, { method: 'cmac' })   the leftmost 5 bytes of CMAC_K(0^64)        — against `openssl mac … CMAC`
 *                                                                        over one zero block
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { kcv } from '../../src/keys.js';
import { cmac } from '../../src/mac/index.js';
import { des, tdes } from '../../src/oneshot.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';

const file = loadJson('mac/key-check-value.json');

describe('legacy KCV (vectors/mac/key-check-value.json)', () => {
  it(`${file.examples.length} examples`, () => {
    expect(file.examples.length).toBe(2);
    const [twoKey, single] = file.examples;
    expect(kcv(hex(twoKey.key), { length: 2 })).toEqual(hex(twoKey.kcv_2_bytes));
    expect(kcv(hex(single.key))).toEqual(hex(single.kcv_3_bytes));
    expect(kcv(hex(single.key), { length: 8 })).toEqual(hex(single['E_K(0)']));
    const ecb = des.ecb(hex(single.key), { padding: 'none' });
    expect(ecb.encrypt(new Uint8Array(8))).toEqual(hex(single['E_K(0)']));
    ecb.destroy();
    console.log('[kcv] key-check-value.json: ran 2 of 2 examples');
  });
});

describe('CMAC KCV', () => {
  it('the file states the convention implemented: leftmost 5 bytes of CMAC_K over one zero block', () => {
    expect(file.convention_cmac).toBe('KCV = leftmost 5 bytes of CMAC_K(0x00 x 8)');
  });

  it('is CMAC over 8 zero bytes, truncated (default 5 bytes, any of 1 … 8)', () => {
    for (const example of file.examples) {
      const key = hex(example.key);
      const full = cmac(key, new Uint8Array(8));
      expect(kcv(key, { method: 'cmac' })).toEqual(full.subarray(0, 5));
      for (let n = 1; n <= 8; n++) expect(kcv(key, { method: 'cmac', length: n })).toEqual(full.subarray(0, n));
      // And differs from the legacy method.
      expect(kcv(key, { method: 'cmac', length: 3 })).not.toEqual(kcv(key));
    }
  });

  it('matches openssl mac CMAC over one zero block, 2-key and 3-key TDES (the file\'s key and 6 random keys)', () => {
    const keys = [hex(file.examples[0].key), ...[16, 24, 16, 24, 16, 24].map((n) => randomBytes(n))];
    for (const key of keys) {
      const cipher = key.length === 16 ? 'DES-EDE-CBC' : 'DES-EDE3-CBC';
      const expected = execFileSync('openssl', ['mac', '-cipher', cipher, '-macopt', `hexkey:${toHex(key)}`, 'CMAC'],
        { input: new Uint8Array(8), encoding: 'utf8' }).trim().toLowerCase().slice(0, 10);
      expect(toHex(kcv(key, { method: 'cmac' })), `key ${toHex(key)}`).toBe(expected);
    }
    console.log(`[kcv] CMAC method: ran ${keys.length} keys against openssl`);
  });

  it('bad input', () => {
    for (const length of [0, 9, 2.5, NaN]) {
      expect(() => kcv(hex(file.examples[0].key), { method: 'cmac', length: length })).toThrow(`kcv length: expected an integer from 1 to 8, got ${length}`);
    }
    expect(() => kcv(new Uint8Array(12), { method: 'cmac' })).toThrow('key: expected Uint8Array of length 8/16/24, got length=12');
    // The legacy method on TDES for completeness: E_K(0) under 2-key TDES.
    const ecb = tdes.ecb(hex(file.examples[0].key), { padding: 'none' });
    expect(kcv(hex(file.examples[0].key), { length: 8 })).toEqual(ecb.encrypt(new Uint8Array(8)));
    ecb.destroy();
  });
});

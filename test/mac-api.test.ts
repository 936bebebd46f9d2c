/**
 * The MAC API's contract: incremental equals one-shot however the data is cut, the choices made
 * for empty data, and exact errors for bad input (key length, MAC length, padding method, verify
 * length mismatch, use after digest). Known answers are in vectors/mac-iso9797-1.test.ts and
 * vectors/mac-cmac.test.ts; this file's truth is the API's own one-shot path and the standards' definitions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbcMac, cmac, retailMac, verifyCbcMac, verifyCmac, verifyRetailMac } from '../src/mac/index.js';
import type { IsoPadding, MacLength } from '../src/mac/index.js';
import { subkeysFromL } from '../src/mac/cmac.js';
import { tdes } from '../src/oneshot.js';
import { concat, hex } from './helpers/vectors.js';

const K8 = hex('0123456789abcdef');
const K16 = hex('0123456789abcdeffedcba9876543210');
const K24 = hex('0123456789abcdef23456789abcdef01456789abcdef0123');

/** Expect a DesError with this code and exactly this message. */
function expectError(run: () => unknown, code: string, message: string) {
  let error: any;
  try { run(); } catch (e) { error = e; }
  expect(error, 'expected a throw').toBeDefined();
  expect({ name: error.name, code: error.code, message: error.message }).toEqual({ name: 'DesError', code, message });
}

describe('incremental equals one-shot, however the data is cut', () => {
  // Up to 1200 bytes in up to 41 pieces: pieces smaller and larger than the 256 bytes the chain
  // gathers before calling the engine, and cuts on and off block boundaries.
  const cuts = fc.uint8Array({ minLength: 0, maxLength: 1200 }).chain((data) =>
    fc.tuple(fc.constant(data), fc.uniqueArray(fc.integer({ min: 0, max: data.length }), { maxLength: 40 })));
  const pieces = (data: Uint8Array, at: number[]) => {
    const points = [0, ...[...at].sort((a, b) => a - b), data.length];
    return points.slice(1).map((end, i) => data.subarray(points[i], end));
  };

  it('cbcMac and retailMac, every padding and key length; padding 3 buffered and with dataLength', () => {
    fc.assert(fc.property(cuts, fc.constantFrom<IsoPadding>(1, 2, 3), fc.constantFrom(8, 16, 24), ([data, at], padding, keyLength) => {
      const key = K24.subarray(0, keyLength);
      for (const [mac, k] of [[cbcMac, key], [retailMac, K16]] as const) {
        const expected = mac(k, data, { padding });
        for (const dataLength of [undefined, data.length]) {
          const m = mac.create(k, { padding, dataLength });
          for (const piece of pieces(data, at)) expect(m.update(piece)).toBe(m);
          expect(m.digest()).toEqual(expected);
        }
      }
    }), { numRuns: 200 });
  });

  it('cmac, every key length', () => {
    fc.assert(fc.property(cuts, fc.constantFrom(8, 16, 24), ([data, at], keyLength) => {
      const key = K24.subarray(0, keyLength);
      const m = cmac.create(key);
      for (const piece of pieces(data, at)) m.update(piece);
      expect(m.digest()).toEqual(cmac(key, data));
    }), { numRuns: 200 });
  });

  it('truncation keeps the leftmost bytes', () => {
    const data = new TextEncoder().encode('Now is the time for it');
    for (const [mac, key] of [[cbcMac, K24], [retailMac, K16], [cmac, K16]] as const) {
      const full = mac(key, data);
      expect(full.length).toBe(8);
      for (const length of [4, 6] as const) expect(mac(key, data, { length })).toEqual(full.subarray(0, length));
    }
  });

  it('takes any ArrayBufferView or ArrayBuffer as key and data', () => {
    const data = hex('4e6f77206973207468652074696d6520');
    const expected = cbcMac(K8, data);
    expect(cbcMac(Buffer.from(K8), Buffer.from(data))).toEqual(expected);
    expect(cbcMac(new DataView(K8.slice().buffer) as any, data.slice().buffer as any)).toEqual(expected);
  });
});

describe('empty data (the choices, per ISO/IEC 9797-1 and SP 800-38B)', () => {
  const zeros = new Uint8Array(8);
  it('padding method 1: one zero block, so the MAC of "" is E_K(0^64)', () => {
    expect(cbcMac(K8, new Uint8Array(0))).toEqual(cbcMac(K8, zeros, { padding: 1 }));
  });
  it('padding method 2: the block 80 00 … 00', () => {
    expect(cbcMac(K8, new Uint8Array(0), { padding: 2 })).toEqual(cbcMac(K8, hex('8000000000000000')));
  });
  it('padding method 3: the length block L = 0 alone', () => {
    expect(cbcMac(K8, new Uint8Array(0), { padding: 3 })).toEqual(cbcMac(K8, zeros, { padding: 1 }));
    expect(cbcMac(K8, hex('01'), { padding: 3 })).toEqual(cbcMac(K8, hex('0000000000000008' + '0100000000000000')));
  });
  it('CMAC: one block 80 00 … 00 ⊕ K2 (n = 1, M_1* empty)', () => {
    const ecb = tdes.ecb(K24, { padding: 'none' });
    const [, k2] = subkeysFromL(ecb.encrypt(new Uint8Array(8)));
    const block = hex('8000000000000000').map((x, i) => x ^ k2[i]);
    expect(cmac(K24, new Uint8Array(0))).toEqual(ecb.encrypt(block));
    expect(cmac.create(K24).digest()).toEqual(ecb.encrypt(block));
    ecb.destroy();
  });
});

describe('bad input', () => {
  const data = new Uint8Array(5);

  it('wrong key length', () => {
    for (const [fn, lengths] of [[cbcMac, '8/16/24'], [cmac, '8/16/24'], [retailMac, '16']] as const) {
      for (const n of [0, 7, 9, 32].concat(lengths === '16' ? [8, 24] : [])) {
        expectError(() => fn(new Uint8Array(n), data), 'ERR_CRYPTO_INVALID_KEYLEN', `key: expected Uint8Array of length ${lengths}, got length=${n}`);
        expectError(() => fn.create(new Uint8Array(n)), 'ERR_CRYPTO_INVALID_KEYLEN', `key: expected Uint8Array of length ${lengths}, got length=${n}`);
      }
    }
    expectError(() => cbcMac('0123456789abcdef' as any, data), 'ERR_INVALID_ARG_TYPE', 'key: expected Uint8Array, got string');
    expectError(() => cmac(K8, [1, 2] as any), 'ERR_INVALID_ARG_TYPE', 'data: expected Uint8Array, got Array');
  });

  it('MAC length out of range, odd, or not a number', () => {
    for (const length of [0, 2, 3, 5, 7, 9, 16, -4, 4.5, '8', null]) {
      for (const [fn, key] of [[cbcMac, K8], [retailMac, K16], [cmac, K24]] as const) {
        expectError(() => fn(key, data, { length } as any), 'ERR_INVALID_ARG_VALUE',
          `length: expected a MAC length of 4, 6 or 8 bytes, got ${JSON.stringify(length)}`);
      }
    }
  });

  it('unknown padding method; CMAC takes none', () => {
    for (const padding of [0, 4, '1', 'iso7816', null]) {
      expectError(() => cbcMac(K8, data, { padding } as any), 'ERR_INVALID_ARG_VALUE',
        `padding: expected ISO/IEC 9797-1 padding method 1, 2 or 3, got ${JSON.stringify(padding)}`);
      expectError(() => retailMac.create(K16, { padding } as any), 'ERR_INVALID_ARG_VALUE',
        `padding: expected ISO/IEC 9797-1 padding method 1, 2 or 3, got ${JSON.stringify(padding)}`);
    }
    expectError(() => cmac(K16, data, { padding: 2 } as any), 'ERR_INVALID_ARG_VALUE',
      'padding: CMAC pads by its own rule (SP 800-38B §6.2) and takes no padding option');
  });

  it('options that are not an object', () => {
    expectError(() => cbcMac(K8, data, 8 as any), 'ERR_INVALID_ARG_TYPE', 'options: expected an object, got number');
  });

  it('verify: a MAC whose length is not 4, 6 or 8, or not options.length', () => {
    const mac8 = cbcMac(K8, data);
    for (const [verify, key] of [[verifyCbcMac, K8], [verifyRetailMac, K16], [verifyCmac, K24]] as const) {
      for (const n of [0, 3, 5, 7, 9]) {
        expectError(() => verify(key, data, new Uint8Array(n)), 'ERR_INVALID_ARG_VALUE', `mac: expected Uint8Array of length 4/6/8, got length=${n}`);
      }
      expectError(() => verify(key, data, mac8, { length: 4 }), 'ERR_INVALID_ARG_VALUE',
        'mac: expected Uint8Array of length 4 (options.length), got length=8');
      expectError(() => verify(key, data, mac8.subarray(0, 6), { length: 8 }), 'ERR_INVALID_ARG_VALUE',
        'mac: expected Uint8Array of length 8 (options.length), got length=6');
      expectError(() => verify(key, data, mac8, { length: 5 as MacLength }), 'ERR_INVALID_ARG_VALUE',
        'length: expected a MAC length of 4, 6 or 8 bytes, got 5');
    }
    expect(verifyCbcMac(K8, data, mac8)).toBe(true);
    expect(verifyCbcMac(K8, data, mac8.subarray(0, 4))).toBe(true);
    expect(verifyCbcMac(K8, data, mac8.subarray(0, 6), { length: 6 })).toBe(true);
    expect(verifyCbcMac(K8, data, mac8, { padding: 2 })).toBe(false);
  });

  it('digest twice, update after digest, use after destroy', () => {
    const m = cbcMac.create(K8).update(data);
    m.digest();
    expectError(() => m.digest(), 'ERR_CRYPTO_INVALID_STATE', 'digest: this MAC object is finished (digest() was called, or destroy())');
    expectError(() => m.update(data), 'ERR_CRYPTO_INVALID_STATE', 'update: this MAC object is finished (digest() was called, or destroy())');
    const d = cmac.create(K24).update(data);
    d.destroy();
    d.destroy();
    expectError(() => d.digest(), 'ERR_CRYPTO_INVALID_STATE', 'digest: this MAC object is finished (digest() was called, or destroy())');
  });

  it('dataLength: invalid, exceeded, or not reached', () => {
    for (const dataLength of [-1, 1.5, '5', null]) {
      expectError(() => cbcMac.create(K8, { padding: 3, dataLength } as any), 'ERR_INVALID_ARG_VALUE',
        `dataLength: expected a non-negative integer, got ${JSON.stringify(dataLength)}`);
    }
    const over = cbcMac.create(K8, { padding: 3, dataLength: 4 }).update(data.subarray(0, 3));
    expectError(() => over.update(data.subarray(0, 2)), 'ERR_INVALID_ARG_VALUE', 'update: 5 bytes of data exceed the declared dataLength of 4');
    expect(over.update(data.subarray(0, 1)).digest()).toEqual(cbcMac(K8, data.subarray(0, 4), { padding: 3 }));
    const under = retailMac.create(K16, { padding: 1, dataLength: 6 }).update(data);
    expectError(() => under.digest(), 'ERR_INVALID_ARG_VALUE', 'digest: got 5 bytes of data, but dataLength declared 6');
    expectError(() => under.digest(), 'ERR_CRYPTO_INVALID_STATE', 'digest: this MAC object is finished (digest() was called, or destroy())');
    expectError(() => cmac.create(K24, { dataLength: 2 }).update(data), 'ERR_INVALID_ARG_VALUE',
      'update: 5 bytes of data exceed the declared dataLength of 2');
  });
});

describe('keys', () => {
  it('a 16-byte key is two-key TDES K1 ‖ K2 ‖ K1; K1 = K2 = K3 is DES', () => {
    const data = hex('4e6f77206973207468652074696d6520666f7220616c6c20');
    expect(cbcMac(K16, data)).toEqual(cbcMac(concat(K16, K16.subarray(0, 8)), data));
    expect(cmac(K16, data)).toEqual(cmac(concat(K16, K16.subarray(0, 8)), data));
    expect(cbcMac(concat(K8, K8, K8), data)).toEqual(cbcMac(K8, data));
    expect(cmac(concat(K8, K8), data)).toEqual(cmac(K8, data));
  });
});

// The bitsliced engine (SIMD build) against node:crypto and against the scalar build, on lengths
// around every batch boundary, and with the constant-time policy that forces it everywhere.
import { afterAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { engineInfo, expandKey, newState, runMode, runtimeHasSimd, selectEngine } from '../src/engine/index.js';
import type { Algorithm, Direction, EngineMode } from '../src/engine/index.js';

const BLOCK_COUNTS = [0, 1, 31, 32, 33, 127, 128, 129, 255, 256, 257, 1000, 4097];

function run(algorithm: Algorithm, mode: EngineMode, direction: Direction, key: Uint8Array, iv: Uint8Array,
  data: Uint8Array, constantTime = false): string {
  const schedule = expandKey(algorithm, key, mode === 'ecb' || mode === 'cbc' ? direction : 'encrypt', { constantTime });
  const out = new Uint8Array(data.length);
  runMode(mode, direction, schedule, newState(iv), data, out);
  return Buffer.from(out).toString('hex');
}

function node(name: string, direction: Direction, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): string {
  const c = direction === 'encrypt' ? crypto.createCipheriv(name, key, iv) : crypto.createDecipheriv(name, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]).toString('hex');
}

/** node:crypto has no DES CTR: XOR with its ECB encryption of the successive counters. */
function nodeCtr(key: Uint8Array, counter: Uint8Array, data: Uint8Array): string {
  const blocks = Buffer.alloc(Math.ceil(data.length / 8) * 8);
  let c = Buffer.from(counter).readBigUInt64BE(0);
  for (let at = 0; at < blocks.length; at += 8) { blocks.writeBigUInt64BE(c, at); c = BigInt.asUintN(64, c + 1n); }
  const ks = Buffer.from(node('des-ede3', 'encrypt', key, null, blocks), 'hex');
  return Buffer.from(data.map((b, i) => b ^ ks[i])).toString('hex');
}

const simd = runtimeHasSimd();

describe.skipIf(!simd)('bitsliced engine', () => {
  afterAll(() => selectEngine('simd'));
  const key = crypto.randomBytes(24);
  const iv = crypto.randomBytes(8);

  it('is the engine in use where the runtime has SIMD', () => {
    expect(engineInfo().simd).toBe(true);
  });

  for (const constantTime of [false, true]) {
    const label = constantTime ? 'constant-time' : 'default dispatch';
    for (const blocks of BLOCK_COUNTS) {
      it(`${label}: ${blocks} blocks, 3-key TDES ECB / CBC / CFB-64 / OFB / CTR both ways equal node:crypto`, () => {
        const data = crypto.randomBytes(blocks * 8 + 5);
        const whole = data.subarray(0, blocks * 8);
        for (const direction of ['encrypt', 'decrypt'] as const) {
          expect(run('tdes', 'ecb', direction, key, iv, whole, constantTime)).toBe(node('des-ede3', direction, key, null, whole));
          expect(run('tdes', 'cbc', direction, key, iv, whole, constantTime)).toBe(node('des-ede3-cbc', direction, key, iv, whole));
          expect(run('tdes', 'cfb64', direction, key, iv, data, constantTime)).toBe(node('des-ede3-cfb', direction, key, iv, data));
          expect(run('tdes', 'ofb', direction, key, iv, data, constantTime)).toBe(node('des-ede3-ofb', direction, key, iv, data));
        }
        expect(run('tdes', 'ctr', 'encrypt', key, iv, data, constantTime)).toBe(nodeCtr(key, iv, data));
      });
    }
  }

  it('CTR across the 2^64 wrap, in one bitsliced batch', () => {
    const counter = Buffer.from('ffffffffffffffc0', 'hex');
    const data = crypto.randomBytes(200 * 8);
    expect(run('tdes', 'ctr', 'encrypt', key, counter, data)).toBe(nodeCtr(key, counter, data));
  });

  it('single DES, 2-key TDES and DESX: bitsliced equals the scalar build on 1000 blocks', async () => {
    const data = crypto.randomBytes(1000 * 8);
    const cases: [Algorithm, Uint8Array][] = [
      ['des', key.subarray(0, 8)],
      ['tdes', Buffer.concat([key.subarray(0, 16), key.subarray(0, 8)])],
      ['desx', key],
    ];
    const modes: [EngineMode, Direction][] = [['ecb', 'encrypt'], ['ecb', 'decrypt'], ['cbc', 'decrypt'], ['cfb64', 'decrypt'], ['ctr', 'encrypt']];
    const bitsliced = cases.flatMap(([a, k]) => modes.map(([m, d]) => run(a, m, d, k, iv, data)));
    await selectEngine('scalar');
    expect(engineInfo().simd).toBe(false);
    const scalar = cases.flatMap(([a, k]) => modes.map(([m, d]) => run(a, m, d, k, iv, data)));
    await selectEngine('simd');
    expect(bitsliced).toEqual(scalar);
  });

  it('the constant-time key schedule equals the table-driven one', () => {
    for (let i = 0; i < 50; i++) {
      const k = crypto.randomBytes(24), block = crypto.randomBytes(8);
      expect(run('tdes', 'ecb', 'encrypt', k, iv, block, true)).toBe(run('tdes', 'ecb', 'encrypt', k, iv, block, false));
    }
  });
});

describe('scalar build (the fallback without SIMD)', () => {
  afterAll(() => (simd ? selectEngine('simd') : undefined));
  it('runs every mode like node:crypto and refuses the constant-time policy', async () => {
    await selectEngine('scalar');
    const key = crypto.randomBytes(24), iv = crypto.randomBytes(8), data = crypto.randomBytes(3000);
    expect(run('tdes', 'cbc', 'decrypt', key, iv, data.subarray(0, 2992))).toBe(node('des-ede3-cbc', 'decrypt', key, iv, data.subarray(0, 2992)));
    expect(run('tdes', 'ecb', 'encrypt', key, iv, data.subarray(0, 2992))).toBe(node('des-ede3', 'encrypt', key, null, data.subarray(0, 2992)));
    expect(run('tdes', 'ctr', 'encrypt', key, iv, data)).toBe(nodeCtr(key, iv, data));
    expect(() => expandKey('tdes', key, 'encrypt', { constantTime: true })).toThrow(/needs WebAssembly SIMD/);
  });
});

/**
 * The MACs against independent implementations, on random keys and data:
 *   CMAC (DES, two-key and three-key TDES)   `openssl mac -cipher … CMAC` (OpenSSL 3 CLI)
 *   ISO/IEC 9797-1 algorithms 1 and 3        node:crypto's des-ede-cbc / des-ede3-cbc with a zero IV
 *                                            and padding off, over data padded here by the
 *                                            standard's definition; the MAC is the last block
 * Spawning OpenSSL is slow, so its cases are a modest, fixed set of lengths plus a few random ones.
 */
import { execFileSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cbcMac, cmac, retailMac } from '../src/mac/index.js';
import type { IsoPadding, MacLength } from '../src/mac/index.js';
import { concat, toHex } from './helpers/vectors.js';

// ---------------------------------------------------------------------------------------------
// OpenSSL CMAC

const OPENSSL_CIPHER: Record<number, string[]> = {
  8: ['-provider', 'legacy', '-provider', 'default', '-cipher', 'DES-CBC'],   // single DES is in the legacy provider
  16: ['-cipher', 'DES-EDE-CBC'],
  24: ['-cipher', 'DES-EDE3-CBC'],
};

function opensslCmac(key: Uint8Array, message: Uint8Array): string {
  const out = execFileSync('openssl', ['mac', ...OPENSSL_CIPHER[key.length], '-macopt', `hexkey:${toHex(key)}`, 'CMAC'],
    { input: message, encoding: 'utf8' });
  return out.trim().toLowerCase();
}

const FIXED_LENGTHS = [0, 1, 7, 8, 9, 15, 16, 17, 64, 1023, 1024];

describe('CMAC against openssl mac CMAC', () => {
  for (const keyLength of [24, 16, 8]) {
    const name = { 8: 'DES-CMAC', 16: 'two-key TDES-CMAC', 24: 'three-key TDES-CMAC' }[keyLength];
    const lengths = keyLength === 8 ? [0, 8, 9, 100] : [...FIXED_LENGTHS, ...Array.from({ length: 5 }, () => randomInt(0, 1025))];
    it(`${name}: ${lengths.length} random keys, message lengths ${lengths.join(', ')}`, () => {
      const failures: string[] = [];
      for (const length of lengths) {
        const key = randomBytes(keyLength);
        const message = randomBytes(length);
        const expected = opensslCmac(key, message);
        const actual = toHex(cmac(key, message));
        if (actual !== expected) failures.push(`key ${toHex(key)}, ${length} bytes: openssl ${expected}, des-wasm ${actual}`);
      }
      console.log(`[mac-differential] ${name}: ran ${lengths.length} cases against openssl, ${failures.length} failed`);
      expect(failures).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// node:crypto CBC

/** ISO/IEC 9797-1 padding, written from the standard's definition. */
function isoPad(data: Uint8Array, method: IsoPadding): Uint8Array {
  const zerosTo8 = (m: Uint8Array) => concat(m, new Uint8Array((8 - (m.length % 8)) % 8));
  if (method === 1) return data.length === 0 ? new Uint8Array(8) : zerosTo8(data);
  if (method === 2) return zerosTo8(concat(data, Uint8Array.of(0x80)));
  const l = new Uint8Array(8);
  new DataView(l.buffer).setBigUint64(0, BigInt(data.length * 8));
  return concat(l, zerosTo8(data));
}

/** Node's TDES name and a key for it: a DES key K runs as three-key TDES K ‖ K ‖ K (= DES). */
function nodeKey(key: Uint8Array): [string, Uint8Array] {
  if (key.length === 8) return ['des-ede3', concat(key, key, key)];
  return [key.length === 16 ? 'des-ede' : 'des-ede3', key];
}

/** The last block of the CBC encryption of whole blocks under a zero IV. */
function nodeCbcLastBlock(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  const [name, k] = nodeKey(key);
  const c = createCipheriv(`${name}-cbc`, k, Buffer.alloc(8));
  c.setAutoPadding(false);
  const out = Buffer.concat([c.update(blocks), c.final()]);
  return new Uint8Array(out.subarray(out.length - 8));
}

function nodeBlock(key: Uint8Array, direction: 'encrypt' | 'decrypt', block: Uint8Array): Uint8Array {
  const [name, k] = nodeKey(key);
  const c = (direction === 'encrypt' ? createCipheriv : createDecipheriv)(`${name}-ecb`, k, null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(block), c.final()]));
}

function randomCase() {
  const padding = ([1, 2, 3] as const)[randomInt(3)];
  const length = ([4, 6, 8] as const)[randomInt(3)] as MacLength;
  return { padding, length };
}

/** 0 … 40 (every tail and block-count edge), some random up to 1024, and one past several engine runs. */
const CBC_LENGTHS = [...Array.from({ length: 41 }, (_, i) => i), ...Array.from({ length: 20 }, () => randomInt(0, 1025)), 40_000];

describe('ISO/IEC 9797-1 against node:crypto CBC with a zero IV', () => {
  for (const keyLength of [8, 16, 24]) {
    it(`algorithm 1, ${keyLength}-byte keys: ${CBC_LENGTHS.length} data lengths × random padding and MAC length`, () => {
      const failures: string[] = [];
      for (const n of CBC_LENGTHS) {
        const key = randomBytes(keyLength);
        const data = randomBytes(n);
        const { padding, length } = randomCase();
        const expected = nodeCbcLastBlock(key, isoPad(data, padding)).subarray(0, length);
        const actual = cbcMac(key, data, { padding, length });
        if (toHex(actual) !== toHex(expected)) {
          failures.push(`key ${toHex(key)}, ${n} bytes, padding ${padding}: node ${toHex(expected)}, des-wasm ${toHex(actual)}`);
        }
      }
      console.log(`[mac-differential] CBC-MAC, ${keyLength}-byte keys: ran ${CBC_LENGTHS.length} cases against node:crypto, ${failures.length} failed`);
      expect(failures).toEqual([]);
    });
  }

  it(`algorithm 3 (retail MAC): ${CBC_LENGTHS.length} data lengths, G = E_K(D_K'(H_q)) from node's DES`, () => {
    const failures: string[] = [];
    for (const n of CBC_LENGTHS) {
      const key = randomBytes(16);
      const [k, kPrime] = [key.subarray(0, 8), key.subarray(8)];
      const data = randomBytes(n);
      const { padding, length } = randomCase();
      const h = nodeCbcLastBlock(k, isoPad(data, padding));
      const expected = nodeBlock(k, 'encrypt', nodeBlock(kPrime, 'decrypt', h)).subarray(0, length);
      const actual = retailMac(key, data, { padding, length });
      if (toHex(actual) !== toHex(expected)) {
        failures.push(`key ${toHex(key)}, ${n} bytes, padding ${padding}: node ${toHex(expected)}, des-wasm ${toHex(actual)}`);
      }
    }
    console.log(`[mac-differential] retail MAC: ran ${CBC_LENGTHS.length} cases against node:crypto, ${failures.length} failed`);
    expect(failures).toEqual([]);
  });
});

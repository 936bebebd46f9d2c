/**
 * The readable reference (src/reference.ts, Grabbe's walk through FIPS 46-3) against node:crypto,
 * then the fast engine against the reference:
 *   desEncryptBlock / desDecryptBlock  = node:crypto des-ede3 ECB with K1 = K2 = K3 (which is
 *                                        E_K(D_K(E_K(x))) = E_K(x)), 200 random keys and blocks
 *   des.ecb(key, { padding: 'none' })  = the reference, 2000 random keys and blocks, both directions
 * The reference is the oracle the engine's own tests lean on; this is what makes it one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { des, ready } from '../src/node.js';
import { desDecryptBlock, desEncryptBlock, trace } from '../src/reference.js';
import { desEcbNode, hexOf, Rng, testSeed } from './helpers/peers.js';

const SEED = testSeed('reference', 0x0de5_7ef0);

beforeAll(async () => { await ready(); });

describe('reference DES = node:crypto (des-ede3 with K1 = K2 = K3)', () => {
  it('200 random keys and blocks, encrypt and decrypt', () => {
    const rng = new Rng(SEED);
    for (let i = 0; i < 200; i++) {
      const key = rng.bytes(8);
      const block = rng.bytes(8);
      const label = `key ${hexOf(key)} block ${hexOf(block)}`;
      expect(hexOf(desEncryptBlock(key, block)), label).toBe(hexOf(desEcbNode(key, block)));
      expect(hexOf(desDecryptBlock(key, block)), label).toBe(hexOf(desEcbNode(key, block, 'decrypt')));
    }
  });

  it('decrypt undoes encrypt, and the trace\'s result is the block function\'s', () => {
    const rng = new Rng(SEED + 1);
    for (let i = 0; i < 20; i++) {
      const key = rng.bytes(8);
      const block = rng.bytes(8);
      const c = desEncryptBlock(key, block);
      expect(hexOf(desDecryptBlock(key, c))).toBe(hexOf(block));
      expect(hexOf(trace(key, block).result)).toBe(hexOf(c));
    }
  });

  it('refuses anything but an 8-byte key and an 8-byte block', () => {
    expect(() => trace(new Uint8Array(7), new Uint8Array(8))).toThrow('key: expected Uint8Array of length 8, got length=7');
    expect(() => trace(new Uint8Array(8), new Uint8Array(16))).toThrow('block: expected Uint8Array of length 8, got length=16');
  });
});

describe('engine = reference', () => {
  it('des.ecb(key, { padding: \'none\' }): 2000 random keys and blocks, both directions', () => {
    const rng = new Rng(SEED + 2);
    for (let i = 0; i < 2000; i++) {
      const key = rng.bytes(8);
      const block = rng.bytes(8);
      const c = des.ecb(key, { padding: 'none' });
      const label = `key ${hexOf(key)} block ${hexOf(block)}`;
      expect(hexOf(c.encrypt(block)), label).toBe(hexOf(desEncryptBlock(key, block)));
      expect(hexOf(c.decrypt(block)), label).toBe(hexOf(desDecryptBlock(key, block)));
      c.destroy();
    }
  });

  it('one key, 256 blocks in one call (the engine\'s batched path): each block as the reference', () => {
    const rng = new Rng(SEED + 3);
    const key = rng.bytes(8);
    const blocks = rng.bytes(256 * 8);
    const c = des.ecb(key, { padding: 'none' });
    const out = c.encrypt(blocks);
    for (let i = 0; i < 256; i++) {
      const block = blocks.subarray(8 * i, 8 * i + 8);
      expect(hexOf(out.subarray(8 * i, 8 * i + 8)), `block ${i}`).toBe(hexOf(desEncryptBlock(key, block)));
    }
    c.destroy();
  });
});

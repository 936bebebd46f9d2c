/**
 * The block paddings of padding.ts on their own, against their definitions written out here:
 * PKCS #7 (RFC 5652 §6.3), ISO/IEC 7816-4 (0x80 then zeros), ANSI X9.23 (zeros then the count),
 * ISO 10126 (random then the count), zero padding, none. Every tail length 0 … 7, and every way a
 * last block can be malformed. (Whole messages under each padding are checked against openssl
 * enc -nopad in cli-openssl.test.ts and node:crypto in node-crypto-differential.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { pad, paddedLength, PADDINGS, padsAlignedData, unpaddedLength } from '../src/padding.js';
import type { Padding } from '../src/padding.js';
import { DesError } from '../src/errors.js';

/** The padded last block(s) for a tail, by each scheme's definition. */
function byDefinition(padding: Padding, tail: number[]): number[] | 'random' {
  const n = 8 - tail.length;                        // 1 … 8 bytes of padding
  switch (padding) {
    case 'pkcs7': return [...tail, ...Array(n).fill(n)];
    case 'iso7816': return [...tail, 0x80, ...Array(n - 1).fill(0)];
    case 'x923': return [...tail, ...Array(n - 1).fill(0), n];
    case 'iso10126': return 'random';
    case 'zero': return tail.length === 0 ? [] : [...tail, ...Array(n).fill(0)];
    case 'none': return tail;
  }
}

const code = (f: () => unknown) => { try { f(); return 'no error'; } catch (e) { expect(e).toBeInstanceOf(DesError); return (e as DesError).code; } };

describe('pad(): every scheme, every tail length', () => {
  for (const padding of PADDINGS) {
    it(padding, () => {
      for (let length = 0; length < 8; length++) {
        const tail = Array.from({ length }, (_, i) => 0x41 + i);
        const expected = byDefinition(padding, tail);
        if (padding === 'none' && length > 0) {
          expect(code(() => pad(Uint8Array.from(tail), padding))).toBe('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
          continue;
        }
        const out = pad(Uint8Array.from(tail), padding);
        expect(out.length).toBe(paddedLength(length, padding));
        if (expected === 'random') {
          expect([...out.subarray(0, length)]).toEqual(tail);
          expect(out[7]).toBe(8 - length);
        } else {
          expect([...out]).toEqual(expected);
        }
        if (out.length > 0) expect(unpaddedLength(out, padding)).toBe(padding === 'none' ? 8 : length);
      }
    });
  }

  it('which schemes add a block to aligned data', () => {
    expect(PADDINGS.filter(padsAlignedData)).toEqual(['pkcs7', 'iso7816', 'x923', 'iso10126']);
    for (const p of PADDINGS) expect(paddedLength(16, p)).toBe(padsAlignedData(p) ? 24 : 16);
  });

  it('the list of schemes cannot be changed by a caller', () => {
    expect(Object.isFrozen(PADDINGS)).toBe(true);
  });
});

describe('unpaddedLength(): malformed last blocks are a bad decrypt', () => {
  const block = (...bytes: number[]) => Uint8Array.from(bytes);
  it('PKCS #7: count 0, count over 8, and every wrong byte inside the padding', () => {
    expect(code(() => unpaddedLength(block(1, 2, 3, 4, 5, 6, 7, 0), 'pkcs7'))).toBe('ERR_OSSL_BAD_DECRYPT');
    expect(code(() => unpaddedLength(block(1, 2, 3, 4, 5, 6, 7, 9), 'pkcs7'))).toBe('ERR_OSSL_BAD_DECRYPT');
    for (let n = 2; n <= 8; n++) {
      for (let wrong = 8 - n; wrong < 7; wrong++) {
        const b = new Uint8Array(8).fill(n);
        b[wrong] ^= 1;
        expect(code(() => unpaddedLength(b, 'pkcs7')), `n=${n} byte ${wrong}`).toBe('ERR_OSSL_BAD_DECRYPT');
      }
    }
  });
  it('X9.23: a count out of range, or a filler that is not zero; ISO 10126 takes any filler', () => {
    expect(code(() => unpaddedLength(block(0, 0, 0, 0, 0, 0, 0, 0), 'x923'))).toBe('ERR_OSSL_BAD_DECRYPT');
    expect(code(() => unpaddedLength(block(1, 2, 3, 4, 5, 1, 0, 3), 'x923'))).toBe('ERR_OSSL_BAD_DECRYPT');
    expect(unpaddedLength(block(1, 2, 3, 4, 5, 1, 9, 3), 'iso10126')).toBe(5);
    expect(code(() => unpaddedLength(block(1, 2, 3, 4, 5, 1, 9, 12), 'iso10126'))).toBe('ERR_OSSL_BAD_DECRYPT');
  });
  it('ISO 7816-4: no 0x80 before the zeros, or an all-zero block', () => {
    expect(code(() => unpaddedLength(block(1, 2, 3, 4, 5, 0x81, 0, 0), 'iso7816'))).toBe('ERR_OSSL_BAD_DECRYPT');
    expect(code(() => unpaddedLength(new Uint8Array(8), 'iso7816'))).toBe('ERR_OSSL_BAD_DECRYPT');
    expect(unpaddedLength(block(0x80, 0, 0, 0, 0, 0, 0, 0), 'iso7816')).toBe(0);
  });
  it('zero padding strips trailing zeros (data ending in 0x00 cannot round-trip: documented)', () => {
    expect(unpaddedLength(block(1, 2, 0, 4, 0, 0, 0, 0), 'zero')).toBe(4);
  });
});

describe('what the README says of wrong passwords: about 1 in 256 still unpads cleanly', () => {
  it('2048 wrong keys over one des-ede3-cbc ciphertext: the padding check passes for about 1/256 of them', async () => {
    const { tdes, ready } = await import('../src/index.js');
    await ready();
    let seed = 0x2560;
    const next = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed >>> 24; };
    const key = Uint8Array.from({ length: 24 }, next), iv = Uint8Array.from({ length: 8 }, next);
    const ciphertext = tdes.cbc(key, iv).encrypt(Uint8Array.from({ length: 100 }, next));
    let clean = 0;
    for (let i = 0; i < 2048; i++) {
      try { tdes.cbc(Uint8Array.from({ length: 24 }, next), iv).decrypt(ciphertext); clean++; } catch { /* bad decrypt: the usual case */ }
    }
    // Expected 2048 × (1/256 + 1/256² + …) ≈ 8: a last byte of 01 alone passes, 02 02 less often, …
    expect(clean).toBeGreaterThanOrEqual(2);
    expect(clean).toBeLessThanOrEqual(20);
  });
});

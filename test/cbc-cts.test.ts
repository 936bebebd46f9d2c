/**
 * CBC with ciphertext stealing, NIST SP 800-38A Addendum (October 2010), variants CS1, CS2 and
 * CS3. The peer is the Addendum's definition written out here on node:crypto's CBC and ECB (no
 * padding): CBC over P1 … Pn-1 and P*n ‖ 0…, then Cn-1 cut to the d bytes of P*n, and the last two
 * ciphertext pieces in the variant's order. Botan's DES/CBC/CTS records (CS3) run in
 * vectors/botan.test.ts. Both the one-shot API and createCipheriv's streaming objects are checked,
 * over random lengths and random update() splits.
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, DesError, getCipherInfo, ready, tdes } from '../src/node.js';

beforeAll(async () => { await ready(); });

type Variant = 'cs1' | 'cs2' | 'cs3';

/** The Addendum's CBC-CS encryption on node:crypto's 3-key TDES. */
function ctsByDefinition(variant: Variant, key: Uint8Array, iv: Uint8Array, p: Uint8Array): Buffer {
  const n = Math.ceil(p.length / 8);
  const d = p.length - 8 * (n - 1);
  const padded = Buffer.alloc(8 * n);
  padded.set(p);
  const c = crypto.createCipheriv('des-ede3-cbc', key, iv).setAutoPadding(false);
  const all = Buffer.concat([c.update(padded), c.final()]);
  if (n === 1) return all;
  const head = all.subarray(0, 8 * (n - 2));
  const cPrevShort = all.subarray(8 * (n - 2), 8 * (n - 2) + d);
  const cLast = all.subarray(8 * (n - 1));
  const swap = variant === 'cs3' || (variant === 'cs2' && d < 8);
  return Buffer.concat(swap ? [head, cLast, cPrevShort] : [head, cPrevShort, cLast]);
}

const key = Uint8Array.from({ length: 24 }, (_, i) => (i * 29 + 7) & 0xff);
const iv = Uint8Array.from({ length: 8 }, (_, i) => 0x30 + i);

describe('CBC-CS1, CS2, CS3 against the Addendum\'s definition', () => {
  for (const variant of ['cs1', 'cs2', 'cs3'] as const) {
    it(`${variant}: one-shot and streaming, every length from 8 to 40 and random ones, random splits`, () => {
      fc.assert(fc.property(fc.oneof(fc.integer({ min: 8, max: 40 }), fc.integer({ min: 8, max: 300 })), fc.array(fc.nat(300), { maxLength: 4 }),
        (length, cutsIn) => {
          const p = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
          const expected = ctsByDefinition(variant, key, iv, p).toString('hex');
          expect(Buffer.from(tdes.cbc(key, iv, { padding: variant }).encrypt(p)).toString('hex')).toBe(expected);
          expect(Buffer.from(tdes.cbc(key, iv, { padding: variant }).decrypt(Buffer.from(expected, 'hex'))).toString('hex'))
            .toBe(Buffer.from(p).toString('hex'));
          const cuts = [...new Set(cutsIn.map((c) => c % (length + 1)))].sort((a, b) => a - b);
          const split = (data: Uint8Array, c: ReturnType<typeof createCipheriv>) => {
            const out: Buffer[] = [];
            let at = 0;
            for (const cut of [...cuts, data.length]) { out.push(c.update(data.subarray(at, cut)) as Buffer); at = cut; }
            out.push(c.final() as Buffer);
            return Buffer.concat(out).toString('hex');
          };
          expect(split(p, createCipheriv(`des-ede3-cbc-${variant}`, key, iv))).toBe(expected);
          expect(split(Buffer.from(expected, 'hex'), createDecipheriv(`des-ede3-cbc-${variant}`, key, iv))).toBe(Buffer.from(p).toString('hex'));
        }), { seed: 0xc75, numRuns: 150 });
    });
  }

  it('CS1 with whole blocks is plain CBC; CS2 too; CS3 swaps the last two blocks', () => {
    const p = Uint8Array.from({ length: 24 }, (_, i) => i);
    const c = crypto.createCipheriv('des-ede3-cbc', key, iv).setAutoPadding(false);
    const cbc = Buffer.concat([c.update(p), c.final()]);
    expect(Buffer.from(tdes.cbc(key, iv, { padding: 'cs1' }).encrypt(p))).toEqual(cbc);
    expect(Buffer.from(tdes.cbc(key, iv, { padding: 'cs2' }).encrypt(p))).toEqual(cbc);
    expect(Buffer.from(tdes.cbc(key, iv, { padding: 'cs3' }).encrypt(p))).toEqual(Buffer.concat([cbc.subarray(0, 8), cbc.subarray(16), cbc.subarray(8, 16)]));
  });

  it('a message shorter than one block is refused, in both APIs', () => {
    for (const f of [() => tdes.cbc(key, iv, { padding: 'cs3' }).encrypt(new Uint8Array(7)),
      () => { const c = createCipheriv('des-ede3-cbc-cs1', key, iv); c.update(new Uint8Array(5)); c.final(); }]) {
      expect(f).toThrow(DesError);
      expect(f).toThrow(/ciphertext stealing needs at least one whole block \(8 bytes\), got [57]/);
    }
  });

  it('getCipherInfo names them as CBC ciphers with an 8-byte IV', () => {
    expect(getCipherInfo('des-ede3-cbc-cs3')).toEqual({ mode: 'cbc', name: 'des-ede3-cbc-cs3', blockSize: 8, ivLength: 8, keyLength: 24 });
    expect(getCipherInfo('DES-CBC-CS1', { keyLength: 8 })?.name).toBe('des-cbc-cs1');
  });
});

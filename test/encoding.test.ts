/**
 * Strings in and out of update() / final() are node:crypto's, for any string and any split of
 * the calls: the peer is node:crypto itself, run beside des-wasm on the same key, IV and calls.
 * Both entries are checked: the Node entry (Node's own Buffer and StringDecoder) and the portable
 * core (src/encoding.ts, what browsers run).
 */
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nodeEntry from '../src/node.js';
import * as portable from '../src/index.js';

beforeAll(async () => { await portable.ready(); });

const KEY = new Uint8Array(24).map((_, i) => i * 7 + 1);
const IV = new Uint8Array(8).map((_, i) => 0xa0 + i);
const ENCODINGS = ['hex', 'base64', 'base64url', 'utf8', 'utf-8', 'utf16le', 'ucs2', 'latin1', 'binary', 'ascii'] as const;
const OUTPUT_ENCODINGS = ['hex', 'base64', 'base64url', 'utf8', 'utf16le', 'latin1', 'ascii'] as const;
const SEED = 0x5eed11;

type Entry = { name: string; createCipheriv: typeof portable.createCipheriv; createDecipheriv: typeof portable.createDecipheriv };
const ENTRIES: Entry[] = [
  { name: 'node entry', createCipheriv: nodeEntry.createCipheriv as never, createDecipheriv: nodeEntry.createDecipheriv as never },
  { name: 'portable core', createCipheriv: portable.createCipheriv, createDecipheriv: portable.createDecipheriv },
];

/** What a call gave: its bytes as hex, or its error code. */
function run(f: () => unknown): string {
  try {
    const out = f();
    return typeof out === 'string' ? `string ${JSON.stringify(out)}` : `bytes ${Buffer.from(out as Uint8Array).toString('hex')}`;
  } catch (error) {
    return `error ${(error as { code?: string }).code}`;
  }
}

/** Strings of every kind: '=' and white space anywhere, astral characters, lone surrogates, Latin-1. */
const anyString = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'AQZaz09+/-_= \n\t=.'.split('')) , maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFg\u0141\u0130'.split('')), maxLength: 40 }),
);

describe('input strings: the bytes node:crypto reads', () => {
  for (const entry of ENTRIES) {
    it(`${entry.name}: any string, any encoding, split over update() calls`, () => {
      fc.assert(fc.property(fc.array(fc.tuple(anyString, fc.constantFrom(...ENCODINGS)), { minLength: 1, maxLength: 4 }), (calls) => {
        const ours = entry.createCipheriv('des-ede3-ofb', KEY, IV);
        const node = crypto.createCipheriv('des-ede3-ofb', KEY, IV);
        for (const [text, encoding] of calls) {
          const expected = run(() => node.update(text, encoding));
          expect(run(() => ours.update(text, encoding)), `${JSON.stringify(text)} as ${encoding}`).toBe(expected);
          if (expected.startsWith('error')) return;
        }
      }), { seed: SEED, numRuns: 400 });
    });
  }

  it('the cases that differed once: base64 with "=" inside, astral characters in latin1 / ascii', () => {
    for (const entry of ENTRIES) {
      for (const [text, encoding] of [['QQ==QQ==', 'base64'], ['😀a😀', 'latin1'], ['😀', 'binary'], ['é😀', 'ascii'], ['\u0141\u0141==', 'base64'], ['\u0141a', 'hex']] as const) {
        expect(run(() => entry.createCipheriv('des-ede3-ofb', KEY, IV).update(text, encoding)), `${entry.name}: ${text} ${encoding}`)
          .toBe(run(() => crypto.createCipheriv('des-ede3-ofb', KEY, IV).update(text, encoding)));
      }
    }
  });

  it('odd-length hex is refused with node:crypto\'s code; unknown and non-string encodings are refused (node:crypto would read utf8)', () => {
    for (const entry of ENTRIES) {
      expect(run(() => entry.createCipheriv('des-ede3-ofb', KEY, IV).update('abc', 'hex'))).toBe('error ERR_INVALID_ARG_VALUE');
      expect(run(() => crypto.createCipheriv('des-ede3-ofb', KEY, IV).update('abc', 'hex'))).toBe('error ERR_INVALID_ARG_VALUE');
      expect(run(() => entry.createCipheriv('des-ede3-ofb', KEY, IV).update('abc', 'utf9' as never))).toBe('error ERR_UNKNOWN_ENCODING');
      expect(run(() => entry.createCipheriv('des-ede3-ofb', KEY, IV).update('abc', 5 as never))).toBe('error ERR_INVALID_ARG_TYPE');
      expect(run(() => entry.createCipheriv('des-ede3-ofb', KEY, IV).update(new Uint8Array(3), 'utf8', 5 as never))).toBe('error ERR_INVALID_ARG_TYPE');
      expect(run(() => entry.createCipheriv('des-ede3-ofb', KEY, IV).update(new Uint8Array(3), 'utf8', '__proto__' as never))).toBe('error ERR_UNKNOWN_ENCODING');
    }
  });
});

/** Plaintext bytes shaped to land on character boundaries: UTF-8 and UTF-16 text, cut and corrupted. */
const plaintext = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 24 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => new Uint8Array(Buffer.from(s, 'utf16le'))),
  fc.uint8Array({ maxLength: 40 }),
  fc.array(fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x80, 0xbf, 0xd8, 0x3d, 0xdc, 0x41, 0xff), { maxLength: 24 })
    .map((a) => Uint8Array.from(a)),
);

/** Cut `total` bytes into pieces at the given fractions. */
function cuts(total: number, points: number[]): [number, number][] {
  const at = [...new Set(points.map((p) => Math.floor(p * (total + 1))))].sort((a, b) => a - b).filter((p) => p <= total);
  const out: [number, number][] = [];
  let start = 0;
  for (const p of [...at, total]) { out.push([start, p]); start = p; }
  return out;
}

describe('output strings: split across update() and final() exactly as node:crypto (StringDecoder)', () => {
  for (const entry of ENTRIES) {
    it(`${entry.name}: each call returns what node:crypto's returns, in every output encoding`, () => {
      fc.assert(fc.property(plaintext, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        fc.constantFrom(...OUTPUT_ENCODINGS), fc.constantFrom('des-ede3-ofb', 'des-ede3-cbc'), (plain, points, encoding, name) => {
          const enc = crypto.createCipheriv(name, KEY, IV);
          const ciphertext = Buffer.concat([enc.update(plain), enc.final()]);
          const ours = entry.createDecipheriv(name, KEY, IV);
          const node = crypto.createDecipheriv(name, KEY, IV);
          for (const [from, to] of cuts(ciphertext.length, points)) {
            const piece = ciphertext.subarray(from, to);
            expect(run(() => ours.update(piece, undefined, encoding))).toBe(run(() => node.update(piece, undefined, encoding)));
          }
          expect(run(() => ours.final(encoding))).toBe(run(() => node.final(encoding)));
        }), { seed: SEED, numRuns: 600 });
    });

    it(`${entry.name}: when final() throws, the held-back part of a character is not returned`, () => {
      fc.assert(fc.property(plaintext, fc.constantFrom('utf8', 'utf16le', 'base64'), (plain, encoding) => {
        const enc = crypto.createCipheriv('des-ede3-cbc', KEY, IV);
        const ciphertext = Buffer.concat([enc.update(plain), enc.final()]);
        ciphertext[ciphertext.length - 1] ^= 0x5a;                 // the padding no longer checks (most of the time)
        const ours = entry.createDecipheriv('des-ede3-cbc', KEY, IV);
        const node = crypto.createDecipheriv('des-ede3-cbc', KEY, IV);
        expect(run(() => ours.update(ciphertext, undefined, encoding))).toBe(run(() => node.update(ciphertext, undefined, encoding)));
        expect(run(() => ours.final(encoding)).replace(/^error .*/, 'error')).toBe(run(() => node.final(encoding)).replace(/^error .*/, 'error'));
      }), { seed: SEED, numRuns: 300 });
    });
  }

  it('the output encoding cannot change midway, as in node:crypto; \'buffer\' means bytes', () => {
    for (const entry of ENTRIES) {
      const c = entry.createCipheriv('des-ede3-ofb', KEY, IV);
      c.update('ab', 'utf8', 'utf8');
      expect(run(() => c.update('ab', 'utf8', 'utf-8'))).toMatch(/^string/);
      expect(run(() => c.update('ab', 'utf8', 'hex'))).toBe('error ERR_INVALID_ARG_VALUE');
      expect(run(() => c.update('ab', 'utf8', 'buffer'))).toMatch(/^bytes/);
    }
  });
});

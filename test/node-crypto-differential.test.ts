/**
 * des-wasm's node:crypto drop-in against node:crypto itself (OpenSSL 3, default provider), for
 * every cipher name both answer to: the des-ede* and des-ede3* families and des3. Property tests
 * (fast-check, fixed seed, printed) over random keys, IVs, messages of 0 … 4096 bytes cut into
 * random update() calls, both directions, padding on and off: every update() and final() must
 * return the bytes node:crypto returns, and fail where node:crypto fails with the same code.
 * Then string input and output encodings, the Buffer return type, the Transform stream, and
 * des3-wrap (random IV inside, so each side unwraps what the other wrapped).
 *
 * Truth: node:crypto. Nothing expected here is computed with des-wasm.
 */
import fc from 'fast-check';
import * as crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, getCiphers, ready, unwrapKey, wrapKey } from '../src/node.js';
import { hexOf, splitAt, testSeed } from './helpers/peers.js';

const SEED = testSeed('node-crypto-differential', 0x0de5_2024);
const WRAP_NAMES = ['des3-wrap', 'id-smime-alg-cms3deswrap'];
const ours = new Set(getCiphers());
/** node:crypto's names that des-wasm also knows, key wrap apart. */
const NAMES = crypto.getCiphers().filter((n) => ours.has(n.toLowerCase()) && !WRAP_NAMES.includes(n.toLowerCase()));
const WRAPS = crypto.getCiphers().filter((n) => WRAP_NAMES.includes(n.toLowerCase()));

beforeAll(async () => { await ready(); });

interface Info { keyLength: number; ivLength: number; block: boolean }
/** Key and IV lengths and whether the mode pads, from node:crypto, not from us. */
function infoOf(name: string): Info {
  const i = crypto.getCipherInfo(name)!;
  return { keyLength: i.keyLength, ivLength: i.ivLength ?? 0, block: i.mode === 'ecb' || i.mode === 'cbc' };
}

type Maker = (name: string, key: Uint8Array, iv: Uint8Array | null) => {
  update(data: Uint8Array): Uint8Array; final(): Uint8Array; setAutoPadding(on: boolean): unknown;
};
const nodeEnc: Maker = (n, k, iv) => crypto.createCipheriv(n, k, iv);
const nodeDec: Maker = (n, k, iv) => crypto.createDecipheriv(n, k, iv);
const ourEnc: Maker = (n, k, iv) => createCipheriv(n, k, iv);
const ourDec: Maker = (n, k, iv) => createDecipheriv(n, k, iv);

/** Every update()'s output, final()'s, and the error code if one of them threw. */
function run(make: Maker, name: string, key: Uint8Array, iv: Uint8Array | null, pieces: Uint8Array[], autoPadding: boolean) {
  const chunks: string[] = [];
  try {
    const c = make(name, key, iv);
    c.setAutoPadding(autoPadding);
    for (const p of pieces) chunks.push(hexOf(c.update(p)));
    chunks.push(hexOf(c.final()));
    return { chunks };
  } catch (error) {
    return { chunks, error: (error as { code?: string }).code ?? (error as Error).message };
  }
}

const bytesOf = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
/** Lengths 0 … 4096, with the block boundaries and the ends drawn more often. */
const length = fc.oneof(fc.nat(4096), fc.constantFrom(0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 4095, 4096));
const message = length.chain(bytesOf);
const cuts = fc.array(fc.nat(4096), { maxLength: 6 });

function caseOf(info: Info) {
  return fc.record({
    key: bytesOf(info.keyLength),
    iv: info.ivLength > 0 ? bytesOf(info.ivLength) : fc.constant(null),
    data: message,
    cuts,
    autoPadding: fc.boolean(),
  }).map((c) =>
    // Padding off: ECB and CBC take whole blocks only (the unaligned case is a test of its own below).
    (!c.autoPadding && info.block ? { ...c, data: c.data.subarray(0, c.data.length - (c.data.length % 8)) } : c));
}

const RUNS = 60;

describe(`update()/final() byte-identical to node:crypto (${NAMES.length} names)`, () => {
  it('node:crypto and des-wasm share the expected names', () => {
    expect([...NAMES].sort()).toEqual(['des-ede', 'des-ede-cbc', 'des-ede-cfb', 'des-ede-ecb', 'des-ede-ofb', 'des-ede3',
      'des-ede3-cbc', 'des-ede3-cfb', 'des-ede3-cfb1', 'des-ede3-cfb8', 'des-ede3-ecb', 'des-ede3-ofb', 'des3']);
    expect(WRAPS.length).toBe(2);
  });

  NAMES.forEach((name, index) => {
    const info = infoOf(name);

    it(`${name}: encrypt, ${RUNS} random cases`, () => {
      fc.assert(fc.property(caseOf(info), ({ key, iv, data, cuts: c, autoPadding }) => {
        const pieces = splitAt(data, c);
        const expected = run(nodeEnc, name, key, iv, pieces, autoPadding);
        expect(expected.error).toBeUndefined();
        expect(run(ourEnc, name, key, iv, pieces, autoPadding)).toEqual(expected);
      }), { seed: SEED + index, numRuns: RUNS });
    });

    it(`${name}: decrypt node's ciphertext, ${RUNS} random cases`, () => {
      fc.assert(fc.property(caseOf(info), cuts, ({ key, iv, data, autoPadding }, decryptCuts) => {
        const ciphertext = Buffer.concat(run(nodeEnc, name, key, iv, [data], autoPadding).chunks.map((h) => Buffer.from(h, 'hex')));
        const pieces = splitAt(ciphertext, decryptCuts);
        const expected = run(nodeDec, name, key, iv, pieces, autoPadding);
        expect(expected.error).toBeUndefined();
        expect(Buffer.concat(expected.chunks.map((h) => Buffer.from(h, 'hex')))).toEqual(Buffer.from(data));
        expect(run(ourDec, name, key, iv, pieces, autoPadding)).toEqual(expected);
      }), { seed: SEED + 100 + index, numRuns: RUNS });
    });

    it(`${name}: decrypt arbitrary bytes (bad padding, unaligned lengths: same output, same error), ${RUNS} cases`, () => {
      const arbitrary = fc.record({
        key: bytesOf(info.keyLength),
        iv: info.ivLength > 0 ? bytesOf(info.ivLength) : fc.constant(null),
        // Short messages, often aligned, so that a valid-looking pad turns up now and then.
        data: fc.oneof(fc.nat(40), fc.constantFrom(8, 16, 24)).chain(bytesOf),
        cuts: fc.array(fc.nat(40), { maxLength: 3 }),
        autoPadding: fc.boolean(),
      });
      fc.assert(fc.property(arbitrary, ({ key, iv, data, cuts: c, autoPadding }) => {
        const pieces = splitAt(data, c);
        expect(run(ourDec, name, key, iv, pieces, autoPadding)).toEqual(run(nodeDec, name, key, iv, pieces, autoPadding));
      }), { seed: SEED + 200 + index, numRuns: RUNS });
    });

    if (info.block) {
      it(`${name}: padding off, unaligned: the same error as node:crypto, both directions`, () => {
        const key = crypto.randomBytes(info.keyLength);
        const iv = info.ivLength ? crypto.randomBytes(8) : null;
        for (const n of [1, 7, 9, 23]) {
          const data = crypto.randomBytes(n);
          for (const [ourMake, nodeMake] of [[ourEnc, nodeEnc], [ourDec, nodeDec]] as const) {
            const expected = run(nodeMake, name, key, iv, [data], false);
            expect(expected.error).toBe('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
            expect(run(ourMake, name, key, iv, [data], false)).toEqual(expected);
          }
        }
      });
    }
  });
});

describe('string encodings, as node:crypto', () => {
  const SAMPLE = ['des-ede3-cbc', 'des-ede-ecb', 'des-ede3-cfb8', 'des-ede-ofb'];
  const INPUT = ['hex', 'base64', 'latin1', 'binary', 'utf8', 'ascii', 'utf16le'] as const;
  const OUTPUT = ['hex', 'base64', 'base64url', 'latin1', 'utf8', 'ascii', 'utf16le', 'ucs2'] as const;

  /** update(string, inEnc, outEnc) on each piece, final(outEnc): every string returned. */
  type StringCipher = { update(d: string, i: string, o: string): string; final(o: string): string };
  function runStrings(cipher: unknown, pieces: string[], inEnc: string, outEnc: string): string[] {
    const c = cipher as StringCipher;
    return [...pieces.map((p) => c.update(p, inEnc, outEnc)), c.final(outEnc)];
  }

  SAMPLE.forEach((name, index) => {
    const info = infoOf(name);
    it(`${name}: input as hex/base64/latin1/utf8/…, output as hex/base64/latin1/utf8/… split across calls`, () => {
      const strings = fc.record({
        key: bytesOf(info.keyLength),
        iv: info.ivLength > 0 ? bytesOf(8) : fc.constant(null),
        pieces: fc.array(fc.nat(70).chain(bytesOf), { maxLength: 5 }),
        text: fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 4 }),
        inEnc: fc.constantFrom(...INPUT),
        outEnc: fc.constantFrom(...OUTPUT),
      });
      fc.assert(fc.property(strings, ({ key, iv, pieces, text, inEnc, outEnc }) => {
        // Input strings made from bytes in that encoding; for utf8, arbitrary text.
        const input = inEnc === 'utf8' ? text : pieces.map((p) => Buffer.from(p).toString(inEnc));
        const enc = runStrings(crypto.createCipheriv(name, key, iv), input, inEnc, outEnc);
        const ourEncStrings = runStrings(createCipheriv(name, key, iv), input, inEnc, outEnc);
        // Node keeps an unfinished character (utf8), base64 group or UTF-16 unit for the next
        // call, and so must we, call by call. Two of Node's StringDecoder habits change only
        // where the strings break, not what they join to: for utf16le it holds back a lone high
        // surrogate; for utf8 it holds back any byte 0xC0 … 0xFF at the end of a call, even one
        // that can never start a character (0xC0, 0xF5), and replaces it in the next call, where
        // TextDecoder replaces it at once. Valid UTF-8 breaks identically (see the next test).
        if (['utf16le', 'ucs2', 'utf8'].includes(outEnc)) expect(ourEncStrings.join('')).toBe(enc.join(''));
        else expect(ourEncStrings).toEqual(enc);
      }), { seed: SEED + 300 + index, numRuns: 60 });
    });

    it(`${name}: decrypt hex/base64 input to utf8 output, split across calls`, () => {
      fc.assert(fc.property(bytesOf(info.keyLength), fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(200), { maxLength: 4 }), fc.constantFrom('hex', 'base64'), (key, texts, c, inEnc) => {
          const iv = info.ivLength ? Buffer.alloc(8, 7) : null;
          const plaintext = texts.join('');
          const whole = crypto.createCipheriv(name, key, iv);
          const ct = Buffer.concat([whole.update(plaintext, 'utf8'), whole.final()]);
          // Cut the ciphertext at whole bytes, then write each piece in the input encoding
          // (base64 pieces at multiples of 3 bytes so that each decodes on its own).
          const unit = inEnc === 'base64' ? 3 : 1;
          const pieces = splitAt(ct, c.map((x) => x - (x % unit))).map((p) => Buffer.from(p).toString(inEnc));
          const expected = runStrings(crypto.createDecipheriv(name, key, iv), pieces, inEnc, 'utf8');
          expect(expected.join('')).toBe(plaintext);
          expect(runStrings(createDecipheriv(name, key, iv), pieces, inEnc, 'utf8')).toEqual(expected);
        }), { seed: SEED + 400 + index, numRuns: 40 });
    });
  });

  it('a lone surrogate in utf8 input encodes as node:crypto encodes it (EF BF BD)', () => {
    const key = crypto.randomBytes(24);
    const iv = crypto.randomBytes(8);
    for (const text of ['\ud800', 'a\udc00b', '\ud83d\ude00', '\udfff\ud800']) {
      const n = crypto.createCipheriv('des-ede3-cbc', key, iv);
      const o = createCipheriv('des-ede3-cbc', key, iv);
      expect(o.update(text, 'utf8', 'hex') + o.final('hex')).toBe(n.update(text, 'utf8', 'hex') + n.final('hex'));
    }
  });

  it('keys and IVs given as strings are utf8, as in node:crypto', () => {
    const key = 'Ω'.repeat(12);           // 12 characters, 24 bytes in utf8
    const iv = 'ivivivIV';
    const n = crypto.createCipheriv('des-ede3-cbc', key, iv);
    const o = createCipheriv('des-ede3-cbc', key, iv);
    expect(o.update('attack at dawn', 'utf8', 'base64') + o.final('base64'))
      .toBe(n.update('attack at dawn', 'utf8', 'base64') + n.final('base64'));
  });

  it('a secret KeyObject or an ArrayBuffer is a key, as in node:crypto; another kind of KeyObject fails with its code', () => {
    const raw = crypto.randomBytes(16), iv = crypto.randomBytes(8), data = crypto.randomBytes(100);
    const key = crypto.createSecretKey(raw);
    const n = crypto.createCipheriv('des-ede-cbc', key, iv);
    const expected = Buffer.concat([n.update(data), n.final()]);
    const o = createCipheriv('des-ede-cbc', key, iv);
    expect(hexOf(Buffer.concat([o.update(data), o.final()]))).toBe(hexOf(expected));
    const d = createDecipheriv('des-ede-cbc', key, iv);
    expect(hexOf(Buffer.concat([d.update(expected), d.final()]))).toBe(hexOf(data));
    expect(raw.equals(key.export())).toBe(true);          // the KeyObject itself is untouched

    // An ArrayBuffer is a key or an IV too.
    const buffer = (b: Buffer) => new Uint8Array(b).buffer;
    const a = createCipheriv('des-ede-cbc', buffer(raw), buffer(iv));
    expect(hexOf(Buffer.concat([a.update(data), a.final()]))).toBe(hexOf(expected));
    const an = crypto.createCipheriv('des-ede-cbc', buffer(raw) as never, buffer(iv) as never);   // its types say no; it takes them
    expect(hexOf(Buffer.concat([an.update(data), an.final()]))).toBe(hexOf(expected));

    const { publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const theirs = (() => { try { crypto.createCipheriv('des-ede3-cbc', publicKey, iv); } catch (e) { return e as NodeJS.ErrnoException; } })();
    const mine = (() => { try { createCipheriv('des-ede3-cbc', publicKey, iv); } catch (e) { return e as NodeJS.ErrnoException; } })();
    expect(theirs?.code).toBe('ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE');
    expect({ code: mine?.code, message: mine?.message }).toEqual({ code: theirs?.code, message: theirs?.message });
  });
});

describe('the padding option (ours; node:crypto has pkcs7 only)', () => {
  it('x923 and iso7816 on ECB and CBC: node:crypto without padding over the data padded by the rule', () => {
    for (const name of ['des-ede3-cbc', 'des-ede3']) {
      const key = crypto.randomBytes(24), iv = name.endsWith('cbc') ? crypto.randomBytes(8) : null;
      for (const length of [0, 1, 7, 8, 23]) {
        const data = crypto.randomBytes(length), n = 8 - (length % 8);
        const rules = {
          x923: Buffer.concat([data, Buffer.alloc(n - 1), Buffer.from([n])]),
          iso7816: Buffer.concat([data, Buffer.from([0x80]), Buffer.alloc(n - 1)]),
        };
        for (const [padding, padded] of Object.entries(rules)) {
          const theirs = crypto.createCipheriv(name, key, iv).setAutoPadding(false);
          const expected = Buffer.concat([theirs.update(padded), theirs.final()]);
          const enc = createCipheriv(name, key, iv, { padding: padding as 'x923' });
          expect(hexOf(Buffer.concat([enc.update(data), enc.final()])), `${name} ${padding} ${length}`).toBe(hexOf(expected));
          const dec = createDecipheriv(name, key, iv, { padding: padding as 'x923' });
          expect(hexOf(Buffer.concat([dec.update(expected), dec.final()]))).toBe(hexOf(data));
          const off = createCipheriv(name, key, iv, { padding: padding as 'x923' }).setAutoPadding(false);
          expect(hexOf(Buffer.concat([off.update(padded), off.final()]))).toBe(hexOf(expected));
        }
      }
    }
  });

  it('refuses a padding for a stream mode and an unknown scheme', () => {
    const e = (f: () => unknown) => { try { f(); } catch (error) { return (error as NodeJS.ErrnoException).message; } };
    expect(e(() => createCipheriv('des-ede3-ofb', crypto.randomBytes(24), crypto.randomBytes(8), { padding: 'x923' })))
      .toBe('padding: des-ede3-ofb takes no padding');
    expect(e(() => createCipheriv('des-ede3-cbc', crypto.randomBytes(24), crypto.randomBytes(8), { padding: 'pkcs5' as never })))
      .toBe('padding: expected one of pkcs7, none, zero, iso7816, x923, iso10126, got "pkcs5"');
  });
});

describe('return types', () => {
  it('update() and final() return Buffers without an output encoding (also with "buffer")', () => {
    for (const name of NAMES) {
      const info = infoOf(name);
      const c = createCipheriv(name, crypto.randomBytes(info.keyLength), info.ivLength ? crypto.randomBytes(8) : null);
      const a = c.update(crypto.randomBytes(13));
      const b = c.update(crypto.randomBytes(3), undefined, 'buffer');
      const f = c.final();
      for (const out of [a, b, f]) expect(Buffer.isBuffer(out), name).toBe(true);
    }
  });

  it('setAutoPadding returns the cipher, as node:crypto', () => {
    const c = createCipheriv('des-ede3-cbc', crypto.randomBytes(24), crypto.randomBytes(8));
    expect(c.setAutoPadding(false)).toBe(c);
  });
});

describe('Transform stream, piped like node:crypto', () => {
  async function through(stream: NodeJS.ReadWriteStream, pieces: Uint8Array[]): Promise<Buffer> {
    const out: Buffer[] = [];
    await pipeline(Readable.from(pieces.filter((p) => p.length > 0).map((p) => Buffer.from(p))), stream,
      async (source: AsyncIterable<Buffer | string>) => { for await (const chunk of source) out.push(Buffer.from(chunk)); });
    return Buffer.concat(out);
  }

  it('every name: a Readable piped through createCipheriv / createDecipheriv gives node:crypto\'s bytes', async () => {
    const samples = fc.sample(fc.tuple(length.chain(bytesOf), cuts), { seed: SEED + 500, numRuns: NAMES.length * 3 });
    let ran = 0;
    for (const [i, name] of NAMES.entries()) {
      const info = infoOf(name);
      for (const [data, c] of samples.slice(3 * i, 3 * i + 3)) {
        const key = crypto.randomBytes(info.keyLength);
        const iv = info.ivLength ? crypto.randomBytes(8) : null;
        const pieces = splitAt(data, c);
        const expected = await through(crypto.createCipheriv(name, key, iv), pieces);
        expect(hexOf(await through(createCipheriv(name, key, iv), pieces)), name).toBe(hexOf(expected));
        const back = await through(createDecipheriv(name, key, iv), splitAt(expected, c));
        expect(hexOf(back), name).toBe(hexOf(data));
        ran++;
      }
    }
    console.log(`[node-crypto-differential] streamed ${ran} messages through ${NAMES.length} names`);
  });

  it('a bad pad rejects the pipeline with node:crypto\'s code', async () => {
    const key = crypto.randomBytes(24);
    const iv = crypto.randomBytes(8);
    // A ciphertext made under another key, chosen so that node:crypto finds its pad bad under `key`.
    const nodeFails = (ct: Buffer) => {
      const d = crypto.createDecipheriv('des-ede3-cbc', key, iv);
      try { d.update(ct); d.final(); return false; } catch { return true; }
    };
    let ct: Buffer;
    do ct = crypto.createCipheriv('des-ede3-cbc', crypto.randomBytes(24), iv).update(crypto.randomBytes(16));
    while (!nodeFails(ct));
    const nodeError = await through(crypto.createDecipheriv('des-ede3-cbc', key, iv), [ct]).then(() => null, (e) => e.code);
    const ourError = await through(createDecipheriv('des-ede3-cbc', key, iv), [ct]).then(() => null, (e) => e.code);
    expect(ourError).toBe(nodeError);
  });
});

describe('des3-wrap (RFC 3217): each side unwraps what the other wrapped', () => {
  const wrapCase = fc.record({ kek: bytesOf(24), cek: fc.integer({ min: 1, max: 8 }).chain((n) => bytesOf(8 * n)) });

  for (const name of WRAPS) {
    it(`${name}: createCipheriv(…, null) wraps for node, node wraps for createDecipheriv`, () => {
      fc.assert(fc.property(wrapCase, ({ kek, cek }) => {
        const ours = createCipheriv(name, kek, null);
        const wrapped = Buffer.concat([ours.update(cek), ours.final()]);
        expect(wrapped.length).toBe(cek.length + 16);
        const n = crypto.createDecipheriv(name, kek, null);
        expect(hexOf(Buffer.concat([n.update(wrapped), n.final()]))).toBe(hexOf(cek));

        const nw = crypto.createCipheriv(name, kek, null);
        const nodeWrapped = Buffer.concat([nw.update(cek), nw.final()]);
        const od = createDecipheriv(name, kek, null);
        expect(hexOf(Buffer.concat([od.update(nodeWrapped), od.final()]))).toBe(hexOf(cek));
        // The IV is random: two wraps of the same key differ (2^-64 chance of a false alarm).
        const again = createCipheriv(name, kek, null);
        expect(hexOf(again.update(cek))).not.toBe(hexOf(wrapped));
      }), { seed: SEED + 600, numRuns: 40 });
    });
  }

  it('wrapKey / unwrapKey agree with node:crypto\'s des3-wrap', () => {
    fc.assert(fc.property(wrapCase, ({ kek, cek }) => {
      const n = crypto.createDecipheriv('des3-wrap', kek, null);
      expect(hexOf(Buffer.concat([n.update(wrapKey(kek, cek)), n.final()]))).toBe(hexOf(cek));
      const nw = crypto.createCipheriv('des3-wrap', kek, null);
      expect(hexOf(unwrapKey(kek, Buffer.concat([nw.update(cek), nw.final()])))).toBe(hexOf(cek));
    }), { seed: SEED + 601, numRuns: 40 });
  });

  it('a zero-length IV is accepted like null, as node:crypto does', () => {
    const kek = crypto.randomBytes(24);
    const cek = crypto.randomBytes(24);
    const c = createCipheriv('des3-wrap', kek, Buffer.alloc(0));
    const n = crypto.createDecipheriv('des3-wrap', kek, Buffer.alloc(0));
    expect(hexOf(Buffer.concat([n.update(Buffer.concat([c.update(cek), c.final()])), n.final()]))).toBe(hexOf(cek));
  });
});

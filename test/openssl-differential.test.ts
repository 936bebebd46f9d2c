/**
 * Single DES and DESX, which node:crypto refuses without the legacy provider, against the
 * `openssl enc` command line (OpenSSL 3, `-provider legacy -provider default`):
 * des-ecb, des-cbc, des-cfb (64-bit), des-cfb1, des-cfb8, des-ofb and desx-cbc.
 * Random keys, IVs and messages of 0 … 300 bytes, cut into random update() calls, both
 * directions, padding on and off; spawning is slow, so a modest number of cases per name. Then
 * many more cases in one child `node --openssl-legacy-provider`, the same OpenSSL behind Node's API.
 *
 * Truth: OpenSSL. Nothing expected here is computed with des-wasm.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, ready } from '../src/node.js';
import type { LegacyCase } from './helpers/peers.js';
import { hexOf, legacyNode, opensslEnc, opensslOutcome, Rng, splitAt, testSeed } from './helpers/peers.js';

const SEED = testSeed('openssl-differential', 0x0de5_0551);

/** The names, with key length and whether the mode pads (OpenSSL's own table: `openssl enc -list`, `EVP_CIPHER_get_*`). */
const NAMES: { name: string; keyLength: number; iv: boolean; block: boolean }[] = [
  { name: 'des-ecb', keyLength: 8, iv: false, block: true },
  { name: 'des-cbc', keyLength: 8, iv: true, block: true },
  { name: 'des-cfb', keyLength: 8, iv: true, block: false },
  { name: 'des-cfb1', keyLength: 8, iv: true, block: false },
  { name: 'des-cfb8', keyLength: 8, iv: true, block: false },
  { name: 'des-ofb', keyLength: 8, iv: true, block: false },
  { name: 'desx-cbc', keyLength: 24, iv: true, block: true },
];
const CASES = 8;

beforeAll(async () => { await ready(); });

/** Ours, through update() on random pieces then final(); an error's code instead of bytes. */
function ours(name: string, direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array | null,
  data: Uint8Array, padding: boolean, rng: Rng): { ok: string } | { error: string } {
  try {
    const c = direction === 'encrypt' ? createCipheriv(name, key, iv) : createDecipheriv(name, key, iv);
    c.setAutoPadding(padding);
    const cuts = Array.from({ length: rng.int(0, 4) }, () => rng.int(0, data.length));
    const out = [...splitAt(data, cuts).map((p) => c.update(p)), c.final()];
    return { ok: hexOf(Buffer.concat(out)) };
  } catch (error) {
    return { error: (error as { code: string }).code };
  }
}

describe('openssl enc (legacy provider)', () => {
  NAMES.forEach(({ name, keyLength, iv: hasIv, block }, index) => {
    it(`${name}: ${CASES} encryptions and ${CASES} decryptions, padding on and off`, () => {
      const rng = new Rng(SEED + index);
      for (let i = 0; i < CASES; i++) {
        const key = rng.bytes(keyLength);
        const iv = hasIv ? rng.bytes(8) : null;
        // Half the cases with padding, half without; stream modes never pad whatever the flag.
        const padding = i % 2 === 0;
        let length = rng.int(0, 300);
        if (!padding && block) length -= length % 8;
        const data = rng.bytes(length);
        const label = `${name} case ${i} (length ${length}, padding ${padding})`;

        // Encrypt: the same ciphertext as openssl.
        const expected = opensslEnc(name, 'encrypt', key, iv, data, { padding });
        expect(ours(name, 'encrypt', key, iv, data, padding, rng), label).toEqual({ ok: hexOf(expected) });

        // Decrypt openssl's ciphertext: the plaintext back, as openssl -d gives it.
        expect(hexOf(opensslEnc(name, 'decrypt', key, iv, expected, { padding })), label).toBe(hexOf(data));
        expect(ours(name, 'decrypt', key, iv, expected, padding, rng), label).toEqual({ ok: hexOf(data) });

        // Decrypt arbitrary bytes: the same plaintext, or the same failure (bad decrypt,
        // wrong final block length) as openssl -d.
        const junk = rng.bytes(block && padding ? 8 * rng.int(0, 5) + (i === 2 ? 3 : 0) : rng.int(0, 40));
        expect(ours(name, 'decrypt', key, iv, junk, padding, rng), `${label}, arbitrary`)
          .toEqual(opensslOutcome(name, 'decrypt', key, iv, junk, { padding }));
      }
    });
  });

  it('des-cbc, des-ecb, desx-cbc: PKCS#7 padding of every tail length 0 … 16 as openssl pads it', () => {
    const rng = new Rng(SEED + 50);
    for (const { name, keyLength, iv: hasIv } of NAMES.filter((n) => n.block)) {
      const key = rng.bytes(keyLength);
      const iv = hasIv ? rng.bytes(8) : null;
      for (let length = 0; length <= 16; length++) {
        const data = rng.bytes(length);
        expect(ours(name, 'encrypt', key, iv, data, true, rng), `${name} length ${length}`)
          .toEqual({ ok: hexOf(opensslEnc(name, 'encrypt', key, iv, data)) });
      }
    }
  });

  it('the aliases des (= des-cbc) and desx (= desx-cbc) as openssl reads them', () => {
    const rng = new Rng(SEED + 51);
    for (const [alias, keyLength] of [['des', 8], ['desx', 24]] as const) {
      const key = rng.bytes(keyLength);
      const iv = rng.bytes(8);
      const data = rng.bytes(37);
      expect(ours(alias, 'encrypt', key, iv, data, true, rng)).toEqual({ ok: hexOf(opensslEnc(alias, 'encrypt', key, iv, data)) });
    }
  });
});

describe('node --openssl-legacy-provider (one child process, many cases)', () => {
  it('every name, 40 random cases each, both directions, padding on and off', () => {
    const rng = new Rng(SEED + 100);
    const cases: LegacyCase[] = [];
    for (const { name, keyLength, iv: hasIv, block } of NAMES) {
      for (let i = 0; i < 40; i++) {
        const padding = rng.int(0, 1) === 1;
        let length = rng.int(0, 1000);
        if (block && (!padding || i % 2 === 1)) length -= length % 8;
        // Odd cases decrypt arbitrary bytes: with padding most fail, as they should, the same way.
        cases.push({ name, direction: i % 2 === 0 ? 'encrypt' : 'decrypt', key: rng.bytes(keyLength),
          iv: hasIv ? rng.bytes(8) : null, data: rng.bytes(length), padding });
      }
    }
    const expected = legacyNode(cases);
    const cutRng = new Rng(SEED + 101);
    const actual = cases.map((c) => ours(c.name, c.direction, c.key, c.iv, c.data, c.padding !== false, cutRng));
    const wrong = cases.map((c, i) => ({ c, i })).filter(({ i }) => JSON.stringify(actual[i]) !== JSON.stringify(expected[i]));
    console.log(`[openssl-differential] legacy node: ${cases.length - wrong.length} of ${cases.length} cases agree`
      + ` (${expected.filter((e) => 'error' in e).length} expected failures)`);
    expect(wrong.map(({ c, i }) => ({ name: c.name, direction: c.direction, length: c.data.length, padding: c.padding, expected: expected[i], actual: actual[i] })))
      .toEqual([]);
  });
});

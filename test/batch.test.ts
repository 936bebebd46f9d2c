// The batch API (encryptMany / decryptMany) against node:crypto message by message.
import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { tdes, des, desx, DesError } from '../src/index.js';
import { engineInfo, leftovers, runtimeHasSimd, selectEngine } from '../src/engine/index.js';

function nodeEncrypt(name: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): string {
  const c = crypto.createCipheriv(name, key, iv);
  return Buffer.concat([c.update(data), c.final()]).toString('hex');
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const lengths = (n: number) => Array.from({ length: n }, (_, i) => (i * 7) % 70);

describe('tdes.cbc.encryptMany / decryptMany', () => {
  for (const count of [0, 1, 2, 31, 128, 129, 1000]) {
    it(`${count} messages of 0 … 69 bytes, each its own IV, equal node:crypto des-ede3-cbc and round-trip`, () => {
      const key = crypto.randomBytes(24);
      const items = lengths(count).map((n) => ({ iv: crypto.randomBytes(8), data: crypto.randomBytes(n) }));
      const out = tdes.cbc.encryptMany(key, items);
      expect(out.map(hex)).toEqual(items.map((it) => nodeEncrypt('des-ede3-cbc', key, it.iv, it.data)));
      const back = tdes.cbc.decryptMany(key, items.map((it, i) => ({ iv: it.iv, data: out[i] })));
      expect(back.map(hex)).toEqual(items.map((it) => hex(it.data)));
    });
  }

  it('groups that fill the engine\'s data region, a message longer than the region between short ones, on each build; nothing left in the engine\'s memory', async () => {
    const region = engineInfo().dataRegionBytes;
    const sizes = [5, 16, region + 13, 0, 64, ...Array.from({ length: 700 }, (_, i) => 40 + (i % 9)), region - 100, 7];
    const key = crypto.randomBytes(24);
    const items = sizes.map((n) => ({ iv: crypto.randomBytes(8), data: crypto.randomBytes(n) }));
    const expected = items.map((it) => nodeEncrypt('des-ede3-cbc', key, it.iv, it.data));
    for (const kind of runtimeHasSimd() ? ['scalar', 'simd'] as const : ['scalar'] as const) {
      await selectEngine(kind);
      expect(tdes.cbc.encryptMany(key, items).map(hex), kind).toEqual(expected);
      expect(leftovers(), kind).toEqual([]);
      if (kind === 'simd') {
        expect(tdes.cbc.encryptMany(key, items, { constantTime: true }).map(hex), 'constant-time').toEqual(expected);
        expect(leftovers(), 'constant-time').toEqual([]);
      }
    }
  });

  it('2-key keys and padding none', () => {
    const key = crypto.randomBytes(16);
    const items = Array.from({ length: 300 }, (_, i) => ({ iv: crypto.randomBytes(8), data: crypto.randomBytes(8 * (i % 5)) }));
    const out = tdes.cbc.encryptMany(key, items, { padding: 'none' });
    expect(out.map(hex)).toEqual(items.map((it) => {
      const c = crypto.createCipheriv('des-ede-cbc', key, it.iv);
      c.setAutoPadding(false);
      return Buffer.concat([c.update(it.data), c.final()]).toString('hex');
    }));
  });

  it('a bad padding names the message and returns nothing', () => {
    const key = crypto.randomBytes(24);
    const good = tdes.cbc.encryptMany(key, [{ iv: new Uint8Array(8), data: new Uint8Array(3) }])[0];
    const items = [{ iv: new Uint8Array(8), data: good }, { iv: new Uint8Array(8), data: crypto.randomBytes(16) }];
    let error: unknown;
    try { tdes.cbc.decryptMany(crypto.randomBytes(24), items); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DesError);
    expect((error as DesError).code).toBe('ERR_OSSL_BAD_DECRYPT');
    expect((error as DesError).message).toMatch(/^message \d: bad decrypt/);
  });

  it('refuses an IV of the wrong length with the item named', () => {
    expect(() => tdes.cbc.encryptMany(crypto.randomBytes(24), [{ iv: new Uint8Array(7), data: new Uint8Array(1) }]))
      .toThrow(expect.objectContaining({ code: 'ERR_CRYPTO_INVALID_IV', message: 'items[0].iv: expected Uint8Array of length 8, got length=7' }));
  });

  it('leaves the caller\'s buffers untouched (Buffer.slice aliases; nothing of theirs is wiped)', () => {
    const key = crypto.randomBytes(24), iv = crypto.randomBytes(8), data = crypto.randomBytes(20);
    const before = [hex(key), hex(iv), hex(data)];
    tdes.cbc.encryptMany(key, [{ iv, data }]);
    tdes.cbc(key, iv).encrypt(data);
    expect([hex(key), hex(iv), hex(data)]).toEqual(before);
  });
});

describe('ecb.encryptMany / decryptMany and ctr.encryptMany', () => {
  it('des, tdes and desx ECB, 500 messages, equal one-shot and node:crypto', () => {
    const messages = lengths(500).map((n) => crypto.randomBytes(n));
    const k24 = crypto.randomBytes(24);
    expect(tdes.ecb.encryptMany(k24, messages).map(hex)).toEqual(messages.map((m) => nodeEncrypt('des-ede3', k24, null, m)));
    const k8 = crypto.randomBytes(8);
    const ours = des.ecb.encryptMany(k8, messages);
    expect(ours.map(hex)).toEqual(messages.map((m) => hex(des.ecb(k8).encrypt(m))));
    expect(des.ecb.decryptMany(k8, ours).map(hex)).toEqual(messages.map(hex));
    expect(desx.ecb.encryptMany(k24, messages).map(hex)).toEqual(messages.map((m) => hex(desx.ecb(k24).encrypt(m))));
  });

  it('CTR, 400 messages with their own counters, equal the one-shot CTR and round-trip', () => {
    const key = crypto.randomBytes(24);
    const items = lengths(400).map((n) => ({ counter: crypto.randomBytes(8), data: crypto.randomBytes(n) }));
    const out = tdes.ctr.encryptMany(key, items);
    expect(out.map(hex)).toEqual(items.map((it) => hex(tdes.ctr(key, it.counter).encrypt(it.data))));
    expect(tdes.ctr.decryptMany(key, items.map((it, i) => ({ counter: it.counter, data: out[i] }))).map(hex))
      .toEqual(items.map((it) => hex(it.data)));
  });
});

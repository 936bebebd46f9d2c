/**
 * The cipher registry against OpenSSL itself: getCipherInfo() gives what node:crypto's gives for
 * every DES-family name (read in a `node --openssl-legacy-provider` child, so single DES is
 * there), and getCiphers() lists those names plus des-wasm's own.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCipheriv, getCipherInfo, getCiphers } from '../src/index.js';
import { pycryptodome } from './helpers/feedback-peer.js';
import type { PyCase } from './helpers/feedback-peer.js';

const OPENSSL: Record<string, Record<string, unknown>> = JSON.parse(execFileSync(process.execPath,
  ['--openssl-legacy-provider', '-p',
    'const c = require("node:crypto"); JSON.stringify(Object.fromEntries(c.getCiphers().filter((n) => /des/i.test(n)).map((n) => [n, c.getCipherInfo(n)])))'],
  { encoding: 'utf8' }));

describe('getCipherInfo(), as node:crypto\'s', () => {
  it('every OpenSSL DES-family name and alias: mode, nid, block size, IV and key length', () => {
    for (const [name, info] of Object.entries(OPENSSL)) {
      // Key wrap goes by des3-wrap here (OpenSSL's long name is an alias).
      const expected = info.mode === 'wrap' ? { ...info, name: 'des3-wrap' } : info;
      expect(getCipherInfo(name), name).toEqual(expected);
      expect(getCipherInfo(name.toUpperCase()), name).toEqual(expected);
    }
    expect(Object.keys(OPENSSL).length).toBeGreaterThanOrEqual(24);
  });

  it('undefined for unknown names and for lengths the cipher does not take, as node:crypto', () => {
    expect(getCipherInfo('aes-128-cbc')).toBeUndefined();
    expect(getCipherInfo('des-ede3-cbc', { keyLength: 16 })).toBeUndefined();
    expect(getCipherInfo('des-ede3-cbc', { ivLength: 16 })).toBeUndefined();
    expect(getCipherInfo('des-ede3-cbc', { keyLength: 24, ivLength: 8 })?.nid).toBe(44);
  });

  it('every name getCiphers() lists has a record', () => {
    for (const name of getCiphers()) expect(getCipherInfo(name), name).toBeDefined();
  });
});

describe('des-wasm\'s own CFB-n and OFB-n names, streamed, against pycryptodome', () => {
  it('createCipheriv(des-cfbN / des-ede3-ofbN) over uneven update() calls gives the peer\'s bytes', () => {
    const cases: PyCase[] = [];
    const runs: { name: string; key: Uint8Array; iv: Uint8Array; data: Uint8Array }[] = [];
    for (const [prefix, algorithm, keyLength] of [['des', 'des', 8], ['des-ede3', 'tdes', 24]] as const) {
      for (const family of ['cfb', 'ofb'] as const) {
        for (const bits of [8, 16, 24, 32, 40, 48, 56]) {
          if (family === 'cfb' && bits === 8) continue;              // OpenSSL's des-cfb8, checked elsewhere
          const key = Uint8Array.from({ length: keyLength }, (_, i) => (i * 17 + bits) & 0xff);
          const iv = Uint8Array.from({ length: 8 }, (_, i) => (i * 5 + bits) & 0xff);
          const data = Uint8Array.from({ length: 3 * bits + 5 }, (_, i) => (i * 11) & 0xff);
          runs.push({ name: `${prefix}-${family}${bits}`, key, iv, data });
          cases.push({ algorithm, family, bits, decrypt: false, key: Buffer.from(key).toString('hex'), iv: Buffer.from(iv).toString('hex'), data: Buffer.from(data).toString('hex') });
        }
      }
    }
    const { selfCheck, answers } = pycryptodome(cases);
    expect(selfCheck).toBe('ok');
    runs.forEach((r, i) => {
      const c = createCipheriv(r.name, r.key, r.iv);
      const out = Buffer.concat([3, 1, 7, 0, 9].reduce<{ at: number; parts: Uint8Array[] }>((acc, n) => {
        acc.parts.push(c.update(r.data.subarray(acc.at, acc.at + n)) as Uint8Array);
        return { at: acc.at + n, parts: acc.parts };
      }, { at: 0, parts: [] }).parts.concat([c.update(r.data.subarray(20)) as Uint8Array, c.final() as Uint8Array]));
      expect(out.toString('hex'), r.name).toBe(answers[i]);
    });
  });
});

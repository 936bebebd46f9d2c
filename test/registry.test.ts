/**
 * The cipher registry against OpenSSL itself: getCipherInfo() gives what node:crypto's gives for
 * every DES-family name (read in a `node --openssl-legacy-provider` child, so single DES is
 * there), and getCiphers() lists those names plus des-wasm's own.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getCipherInfo, getCiphers } from '../src/index.js';

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

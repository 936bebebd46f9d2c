/**
 * FIPS PUB 81 (DES modes of operation) appendix examples: key 0123456789abcdef, IV
 * 1234567890abcdef, "Now is the time for all " in ECB, CBC, CFB-64, OFB-64 and CFB-8, plus Bouncy
 * Castle's 13-byte partial-block CFB-64 and OFB-64 cases. Every example runs both ways.
 * and OFB with 8-bit feedback.
 * Source: vectors/fips81-des-modes.json (see vectors/README.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { des, ready } from '../../src/index.js';
import type { Cipher } from '../../src/index.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';

const v = loadJson('fips81-des-modes.json');
const key = () => hex(v.key);
const iv = () => hex(v.iv);
const partialKey = Object.keys(v).find((k) => k.startsWith('partial_block_tests'))!;
const cfb8Key = Object.keys(v).find((k) => k.startsWith('CFB-8'))!;
const ofb8Key = Object.keys(v).find((k) => k.startsWith('OFB-8'))!;

interface Example { name: string; cipher: () => Cipher; plaintext: string; ciphertext: string }
const examples: Example[] = [
  { name: 'ECB', cipher: () => des.ecb(key(), { padding: 'none' }), plaintext: v.plaintext_hex, ciphertext: v.ECB.ciphertext },
  { name: 'CBC', cipher: () => des.cbc(key(), iv(), { padding: 'none' }), plaintext: v.plaintext_hex, ciphertext: v.CBC.ciphertext },
  { name: 'CFB-64', cipher: () => des.cfb(key(), iv(), { segment: 64 }), plaintext: v.plaintext_hex, ciphertext: v['CFB-64'].ciphertext },
  { name: 'OFB-64', cipher: () => des.ofb(key(), iv()), plaintext: v.plaintext_hex, ciphertext: v['OFB-64'].ciphertext },
  { name: 'CFB-8, 10 bytes', cipher: () => des.cfb(key(), iv(), { segment: 8 }), plaintext: v[cfb8Key].plaintext_hex, ciphertext: v[cfb8Key].ciphertext },
  { name: 'OFB-8, 10 bytes', cipher: () => des.ofb(key(), iv(), { segment: 8 }), plaintext: v[ofb8Key].plaintext_hex, ciphertext: v[ofb8Key].ciphertext },
  { name: 'CFB-64, 13 bytes (partial last block)', cipher: () => des.cfb(key(), iv(), { segment: 64 }), plaintext: v[partialKey].plaintext_hex, ciphertext: v[partialKey]['CFB-64'] },
  { name: 'OFB-64, 13 bytes (partial last block)', cipher: () => des.ofb(key(), iv()), plaintext: v[partialKey].plaintext_hex, ciphertext: v[partialKey]['OFB-64'] },
];
const skipped: { name: string; reason: string; present: boolean }[] = [];

beforeAll(async () => { await ready(); });

describe(`FIPS 81 DES mode examples (fips81-des-modes.json): ${examples.length} run, ${skipped.length} skipped`, () => {
  it('the plaintext hex is the ASCII text FIPS 81 uses', () => {
    expect(new TextDecoder().decode(hex(v.plaintext_hex))).toBe(v.plaintext_ascii);
  });
  for (const e of examples) {
    it(`${e.name}: encrypt`, () => { expect(toHex(e.cipher().encrypt(hex(e.plaintext)))).toBe(e.ciphertext.toLowerCase()); });
    it(`${e.name}: decrypt`, () => { expect(toHex(e.cipher().decrypt(hex(e.ciphertext)))).toBe(e.plaintext.toLowerCase()); });
  }
  for (const s of skipped) {
    it.skip(`${s.name}: skipped — ${s.reason}`, () => {});
  }
  it(`covers every example in the file (${examples.length} run + ${skipped.length} skipped)`, () => {
    expect(skipped.every((s) => s.present)).toBe(true);
    // ECB, CBC, CFB-64, OFB-64, the CFB-8 and OFB-8 examples, and the two partial-block cases.
    const inFile = ['ECB', 'CBC', 'CFB-64', 'OFB-64'].filter((k) => v[k]).length + [cfb8Key, ofb8Key].filter(Boolean).length + 2;
    console.log(`[fips81] ran ${examples.length} examples both ways; skipped ${skipped.length}`);
    expect(examples.length + skipped.length).toBe(inFile);
  });
});

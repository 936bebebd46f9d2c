// Differential tests on random inputs against an independent Python implementation
// (test/legacy/peers/legacy_peer.py: pycryptodome's DES and MD4, hashlib, and the machine's
// libcrypt through Python's crypt module for crypt(3)), run by helpers/pycryptodome.ts: fails, with
// the command that installs it, where no Python has pycryptodome and crypt.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { crypt, kerberos, mschapv2, ntlm, vnc } from '../../src/legacy/index.js';
import { Rng, testSeed } from '../helpers/peers.js';
import { toHex } from '../helpers/vectors.js';
import { runPython } from '../helpers/pycryptodome.js';

const PEER = fileURLToPath(new URL('./peers/legacy_peer.py', import.meta.url));
const peer = (cases: object[]) => runPython<any[]>(PEER, cases, ['crypt']);

const rng = new Rng(testSeed('legacy python peer', 0x1e9ac7));
const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random password: printable ASCII mostly, sometimes any BMP code unit (lone surrogates too) or an emoji. */
function password(maxLength: number, unicode: boolean): string {
  const n = rng.int(0, maxLength);
  let out = '';
  for (let i = 0; i < n; i++) {
    const kind = unicode ? rng.int(0, 9) : 0;
    if (kind < 7) out += String.fromCharCode(rng.int(0x20, 0x7e));
    else if (kind < 9) out += String.fromCharCode(rng.int(0x80, 0xffff));
    else out += '😀';
  }
  return out;
}
/** A password with no lone surrogates (what UTF-8 can carry exactly). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function wellFormed(maxLength: number): string {
  let p: string;
  do p = password(maxLength, true); while (LONE_SURROGATE.test(p));
  return p;
}
const hexOf = (n: number) => toHex(rng.bytes(n));
const fromHex = (h: string) => new Uint8Array(h.match(/../g)?.map((x) => parseInt(x, 16)) ?? []);
const chars = (n: number) => Array.from({ length: n }, () => ALPHABET[rng.int(0, 63)]).join('');

describe('legacy protocols against an independent Python implementation, random inputs', () => {
  it('NTLMv1, NTLMv1 with extended session security, MS-CHAPv2, VNC, Kerberos: 100 of each', () => {
    const cases: any[] = [];
    for (let i = 0; i < 100; i++) {
      cases.push({ kind: 'ntlm.v1', password: password(i % 2 ? 14 : 30, i % 3 === 0), serverChallenge: hexOf(8) });
      cases.push({ kind: 'ntlm.v1ess', password: password(30, true), serverChallenge: hexOf(8), clientChallenge: hexOf(8) });
      cases.push({ kind: 'mschapv2', username: wellFormed(20), password: password(30, true), authenticatorChallenge: hexOf(16), peerChallenge: hexOf(16) });
      cases.push({ kind: 'vnc', password: wellFormed(12), challenge: hexOf(16) });
      cases.push({ kind: 'kerberos', password: wellFormed(20), salt: wellFormed(30) });
    }
    const expected = peer(cases);
    let lmNull = 0;
    cases.forEach((c, i) => {
      const e = expected[i];
      const what = JSON.stringify(c);
      if (c.kind === 'ntlm.v1') {
        const r = ntlm.v1({ password: c.password, serverChallenge: fromHex(c.serverChallenge) });
        expect(toHex(r.ntResponse), what).toBe(e.nt);
        expect(r.lmResponse && toHex(r.lmResponse), what).toBe(e.lm);
        if (e.lm === null) lmNull++;
      } else if (c.kind === 'ntlm.v1ess') {
        const r = ntlm.v1ess({ password: c.password, serverChallenge: fromHex(c.serverChallenge), clientChallenge: fromHex(c.clientChallenge) });
        expect(toHex(r.ntResponse), what).toBe(e.nt);
        expect(toHex(r.lmResponse), what).toBe(e.lm);
      } else if (c.kind === 'mschapv2') {
        const params = { username: c.username, password: c.password, authenticatorChallenge: fromHex(c.authenticatorChallenge), peerChallenge: fromHex(c.peerChallenge) };
        const nt = mschapv2.ntResponse(params);
        expect(toHex(nt), what).toBe(e.nt);
        expect(mschapv2.authenticatorResponse({ ...params, ntResponse: nt }), what).toBe(e.auth);
      } else if (c.kind === 'vnc') {
        expect(toHex(vnc.response(c.password, fromHex(c.challenge))), what).toBe(e.response);
      } else {
        expect(toHex(kerberos.desStringToKey(c.password, c.salt)), what).toBe(e.key);
      }
    });
    console.log(`[legacy peer] 500 cases agree (ntlm.v1: ${100 - lmNull} with an LM response, ${lmNull} without)`);
    expect(lmNull).toBeGreaterThan(10);
    expect(lmNull).toBeLessThan(90);
  });

  it('crypt.verify against libxcrypt: 150 traditional and 150 BSDi hashes of random passwords and salts', () => {
    const cases: any[] = [];
    for (let i = 0; i < 150; i++) cases.push({ kind: 'crypt', password: wellFormed(12), setting: chars(2) });
    for (let i = 0; i < 150; i++) {
      const count = rng.int(1, 300);
      const countChars = [0, 1, 2, 3].map((k) => ALPHABET[(count >> (6 * k)) & 63]).join('');
      cases.push({ kind: 'crypt', password: wellFormed(40), setting: `_${countChars}${chars(4)}` });
    }
    const expected = peer(cases);
    let ran = 0;
    cases.forEach((c, i) => {
      const hash: string = expected[i].hash;
      expect(hash.length, JSON.stringify(c)).toBe(c.setting.startsWith('_') ? 20 : 13);
      expect(crypt.verify(c.password, hash), JSON.stringify({ ...c, hash })).toBe(true);
      expect(crypt.verify(c.password + 'x', hash), JSON.stringify({ ...c, hash })).toBe(c.setting.startsWith('_') ? false : new TextEncoder().encode(c.password).length >= 8);
      ran++;
    });
    console.log(`[legacy peer] crypt: ${ran} libxcrypt hashes verify, and with one more character only where traditional crypt cannot see it`);
  });
});

// des-wasm/smartcard against an independent model on seeded random inputs: reference.py, written
// for this test in Python on pycryptodome's single-block DES / TDES (CBC, the ISO 9797-1 MACs,
// CMAC subkeys, AN10922 padding and the protocol steps are its own). Covers what the vectors
// cannot: security level 03, ICV encryption off, every APDU case and length, AN10922 inputs
// shorter than a block, 3K3DES authentication, legacy authentication with real (non-weak) keys.
// Needs python3 with pycryptodome (apt-get install -y python3-pycryptodome); fails without it.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { desfire, scp02 } from '../../src/smartcard/index.js';
import { Rng, testSeed } from '../helpers/peers.js';
import { toHex } from '../helpers/vectors.js';
import { runPython } from '../helpers/pycryptodome.js';

const SCRIPT = fileURLToPath(new URL('./reference.py', import.meta.url));
const H = (bytes: Uint8Array) => toHex(bytes).toUpperCase();

function reference(cases: object[]): any[] {
  return runPython<any[]>(SCRIPT, cases);
}

/** A random short command APDU of case 1–4, with up to `maxData` data bytes. */
function randomApdu(rng: Rng, maxData: number): Uint8Array {
  const kind = rng.int(1, 4);
  const header = [0x80 | rng.int(0, 3), rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
  const n = kind >= 3 ? (rng.int(0, 3) === 0 ? maxData : rng.int(1, maxData)) : 0;
  const data = kind >= 3 ? [n, ...rng.bytes(n)] : [];
  const le = kind === 2 || kind === 4 ? [rng.int(0, 255)] : [];
  return Uint8Array.from([...header, ...data, ...le]);
}

describe('smartcard vs an independent Python model (pycryptodome block cipher only)', () => {
  it('scp02 sessions, scp02 and AN10922 diversification, key versions, DESFire authentication', () => {
    const rng = new Rng(testSeed('smartcard-crosscheck', 0x5c0216));
    expect(existsSync(SCRIPT)).toBe(true);
    const cases: any[] = [];
    const ours: any[] = [];
    const counts: Record<string, number> = {};
    const add = (kind: string, input: object, result: object) => {
      cases.push({ kind, ...input });
      ours.push(result);
      counts[kind] = (counts[kind] ?? 0) + 1;
    };

    for (let i = 0; i < 60; i++) {
      const keys = { enc: rng.bytes(16), mac: rng.bytes(16), dek: rng.bytes(16) };
      const seq = rng.bytes(2), host = rng.bytes(8), card = rng.bytes(6);
      const level = [0x00, 0x01, 0x03][i % 3], icvEncryption = rng.int(0, 1) === 1;
      const apdus = Array.from({ length: rng.int(1, 5) }, () => randomApdu(rng, level === 0x03 ? 239 : 247));
      const s = scp02.session({ keys, sequenceCounter: seq, hostChallenge: host, cardChallenge: card, securityLevel: level, icvEncryption });
      const sk = scp02.sessionKeys(keys, seq);
      expect(H(sk.enc)).toBe(H(s.sessionKeys.enc));
      add('scp02', {
        keys: { enc: H(keys.enc), mac: H(keys.mac), dek: H(keys.dek) }, seq: H(seq), host: H(host), card: H(card), level, icvEncryption,
        apdus: apdus.map(H),
      }, {
        enc: H(sk.enc), cmac: H(sk.cmac), rmac: H(sk.rmac), dek: H(sk.dek),
        cardCryptogram: H(s.cardCryptogram), hostCryptogram: H(s.hostCryptogram),
        externalAuthenticate: H(s.externalAuthenticate()), wrapped: apdus.map((a) => H(s.wrap(a))),
      });
    }
    for (let i = 0; i < 40; i++) {
      const master = rng.bytes(16), kdd = rng.bytes(10), method = i % 2 ? 'emv' as const : 'visa2' as const;
      const k = scp02.diversify(master, kdd, { method });
      add('scp02Diversify', { master: H(master), kdd: H(kdd), method }, { enc: H(k.enc), mac: H(k.mac), dek: H(k.dek) });
    }
    for (let i = 0; i < 60; i++) {
      const master = rng.bytes(i % 2 ? 16 : 24), input = rng.bytes(1 + (i % 15));
      add('desfireDiversify', { master: H(master), input: H(input) }, { key: H(desfire.diversify(master, input)) });
    }
    for (let i = 0; i < 30; i++) {
      const key = rng.bytes([8, 16, 24][i % 3]), version = rng.int(0, 255);
      add('setKeyVersion', { key: H(key), version }, { key: H(desfire.setKeyVersion(key, version)) });
    }
    for (let i = 0; i < 90; i++) {
      const key = rng.bytes([8, 16, 24][i % 3]);
      const command = key.length === 24 || rng.int(0, 1) === 0 ? 'iso' as const : 'legacy' as const;
      const size = key.length === 24 ? 16 : 8;
      const rndA = rng.bytes(size), encRndB = rng.bytes(size);
      const r = desfire.authenticate(key, { rndA, encRndB, command });
      add('authenticate', { key: H(key), rndA: H(rndA), encRndB: H(encRndB), command },
        { hostResponse: H(r.hostResponse), expectedCardFinal: H(r.expectedCardFinal), sessionKey: H(r.sessionKey) });
    }

    const theirs = reference(cases);
    expect(theirs).toHaveLength(cases.length);
    for (let i = 0; i < cases.length; i++) expect(ours[i], JSON.stringify(cases[i])).toEqual(theirs[i]);
    console.log(`[smartcard-crosscheck] ${cases.length} random cases agree with reference.py: ${JSON.stringify(counts)}`);
  });
});

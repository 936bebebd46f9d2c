// MIFARE DESFire against vectors/payments/desfire_des_tdes.json: libfreefare's legacy
// send / receive blocks, key versions in the parity bits and NXP AN10922 2K3DES / 3K3DES
// diversification; patsys/desfire-python's recorded AuthenticateISO exchanges. Every `match`
// value is used. Then every error path, with its code and exact message.
import { describe, expect, it } from 'vitest';
import { des } from '../../src/index.js';
import { desfire } from '../../src/smartcard/index.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';
import { expectDesError } from '../helpers/errors.js';
import { countStatus } from '../helpers/vector-status.js';

interface Vector {
  source_ref: string; step: string; status: string; expected: string; key?: string; master?: string; m_hex?: string;
  raw_cmac_output?: string; card_enc_rndB?: string; case?: string; rndA?: string; session_key_des?: string;
}
const file = loadJson<{ vectors: Vector[] }>('payments/desfire_des_tdes.json');
const matches = file.vectors.filter((v) => v.status === 'match');
const H = (bytes: Uint8Array) => toHex(bytes).toUpperCase();

/** A key's version as the records define it: the least significant bits of bytes 0–7, byte 0 first. */
const versionOf = (key: Uint8Array) => Array.from(key.subarray(0, 8)).reduce((v, b) => (v << 1) | (b & 1), 0);

describe('desfire_des_tdes.json: every match value', () => {
  it('legacy send / receive, key versions, AN10922, AuthenticateISO', () => {
    let ran = 0, extra = 0;
    const send = matches.find((v) => v.step.startsWith('legacy send mode'))!;
    const receive = matches.find((v) => v.step.startsWith('legacy receive mode'))!;
    for (const v of matches) {
      if (v === send) {
        // libfreefare's pair: send mode deciphers receive's output back to send's input. Our
        // legacy host response starts with send mode over RndA, so RndA = receive.expected.
        const r = desfire.authenticate(hex(v.key!), { rndA: hex(receive.expected), encRndB: new Uint8Array(8), command: 'legacy' });
        expect(H(r.hostResponse.subarray(0, 8)), v.step).toBe(v.expected);
      } else if (v === receive) {
        // Receive mode over the card's E(RndB): encRndB = send.expected gives RndB = receive.expected.
        // The host response's second block is D(rotl(RndB) ⊕ B1), so E of it ⊕ B1 is rotl(RndB).
        const key = hex(v.key!);
        const r = desfire.authenticate(key, { rndA: new Uint8Array(8), encRndB: hex(send.expected), command: 'legacy' });
        const e = des.ecb(key, { padding: 'none' }).encrypt(r.hostResponse.subarray(8, 16));
        const rotB = e.map((b, i) => b ^ r.hostResponse[i]);
        const rndB = Uint8Array.from([rotB[7], ...rotB.subarray(0, 7)]);
        expect(H(rndB), v.step).toBe(v.expected);
        expect(H(r.sessionKey.subarray(4, 8))).toBe(v.expected.slice(0, 8));
      } else if (v.step.startsWith('key version = parity')) {
        // setKeyVersion with the key's own version leaves bytes 0–7 as they are.
        const key = hex(v.key!);
        expect(H(setVersionBytes(key, parseInt(v.expected, 16))), v.step).toBe(H(key.subarray(0, 8)));
        expect(versionOf(key)).toBe(parseInt(v.expected, 16));
      } else if (v.step.startsWith('AN10922')) {
        const master = hex(v.master!);
        const raw = desfire.diversify(master, hex(v.m_hex!));
        expect(H(raw), `${v.step} (raw)`).toBe(v.raw_cmac_output!.toUpperCase());
        expect(H(desfire.setKeyVersion(raw, versionOf(master))), v.step).toBe(v.expected);
      } else if (v.step.startsWith('AuthenticateISO')) {
        const r = desfire.authenticate(hex(v.key!), { rndA: hex(v.rndA!), encRndB: hex(v.card_enc_rndB!), command: 'iso' });
        expect(H(r.hostResponse), v.case).toBe(v.expected);
        if (v.session_key_des) { expect(H(r.sessionKey), `${v.case} session key`).toBe(v.session_key_des); extra++; }
      } else {
        throw new Error(`no check for the record "${v.step}"`);
      }
      ran++;
    }
    console.log(`[desfire_des_tdes] ran ${ran} match values (and ${extra} recorded session keys), skipped ${file.vectors.length - matches.length} of other statuses`);
    expect(ran).toBe(14);            // the count vectors/payments/README.md gives for this file
    expect(ran).toBe(countStatus(file, 'match'));
  });
});

/** setKeyVersion's bytes 0–7. */
function setVersionBytes(key: Uint8Array, version: number): Uint8Array {
  return desfire.setKeyVersion(key, version).subarray(0, 8);
}

describe('desfire behaviour the vectors do not show', () => {
  it('setKeyVersion: ~version into bytes 8–15 of a 2K3DES key only; a new array, the input untouched', () => {
    const k16 = new Uint8Array(16), k24 = new Uint8Array(24);
    expect(H(desfire.setKeyVersion(k16, 0x80))).toBe('0100000000000000' + '0001010101010101');
    expect(H(desfire.setKeyVersion(k24, 0x01))).toBe('0000000000000001' + '00'.repeat(16));
    expect(k16.every((b) => b === 0)).toBe(true);
  });

  it('a 16-byte key with identical halves authenticates as DES (and its session key is DES-shaped)', () => {
    const k8 = hex('0011223344556677');
    const k16 = Uint8Array.from([...k8, ...k8]);
    const o = { rndA: hex('0102030405060708'), encRndB: hex('1112131415161718'), command: 'iso' as const };
    const a = desfire.authenticate(k8, o), b = desfire.authenticate(k16, o);
    expect(H(b.hostResponse)).toBe(H(a.hostResponse));
    expect(H(b.sessionKey)).toBe(H(a.sessionKey));
    expect(H(a.sessionKey.subarray(0, 8))).toBe(H(a.sessionKey.subarray(8)));
  });
});

describe('desfire: every bad input is a DesError with an exact message', () => {
  const K16 = new Uint8Array(16).fill(0x11);

  it('diversify', () => {
    expectDesError(() => desfire.diversify(new Uint8Array(8), hex('01')), 'ERR_DESFIRE_INPUT', 'masterKey: expected 16 or 24 bytes, got 8');
    expectDesError(() => desfire.diversify(K16, new Uint8Array(0)), 'ERR_DESFIRE_INPUT', 'input: expected 1 to 15 bytes, got 0');
    expectDesError(() => desfire.diversify(K16, new Uint8Array(16)), 'ERR_DESFIRE_INPUT', 'input: expected 1 to 15 bytes, got 16');
    expectDesError(() => desfire.diversify(K16, 'uid' as never), 'ERR_INVALID_ARG_TYPE', 'input: expected Uint8Array, got string');
  });

  it('setKeyVersion', () => {
    expectDesError(() => desfire.setKeyVersion(new Uint8Array(32), 1), 'ERR_DESFIRE_INPUT', 'key: expected 8 or 16 or 24 bytes, got 32');
    expectDesError(() => desfire.setKeyVersion(K16, 256), 'ERR_DESFIRE_INPUT', 'version: expected an integer from 0 to 255, got 256');
    expectDesError(() => desfire.setKeyVersion(K16, -1), 'ERR_DESFIRE_INPUT', 'version: expected an integer from 0 to 255, got -1');
    expectDesError(() => desfire.setKeyVersion(K16, 1.5), 'ERR_DESFIRE_INPUT', 'version: expected an integer from 0 to 255, got 1.5');
    expectDesError(() => desfire.setKeyVersion(K16, '1' as never), 'ERR_DESFIRE_INPUT', 'version: expected an integer from 0 to 255, got string');
  });

  it('authenticate', () => {
    const o = { rndA: new Uint8Array(8), encRndB: new Uint8Array(8), command: 'iso' as const };
    expectDesError(() => desfire.authenticate(new Uint8Array(12), o), 'ERR_DESFIRE_INPUT', 'key: expected 8 or 16 or 24 bytes, got 12');
    expectDesError(() => desfire.authenticate(K16, { ...o, encRndB: new Uint8Array(16) }), 'ERR_DESFIRE_INPUT', 'encRndB: expected 8 bytes for a 2K3DES key, got 16');
    expectDesError(() => desfire.authenticate(new Uint8Array(8), { ...o, encRndB: new Uint8Array(7) }), 'ERR_DESFIRE_INPUT', 'encRndB: expected 8 bytes for a DES key, got 7');
    expectDesError(() => desfire.authenticate(new Uint8Array(24), o), 'ERR_DESFIRE_INPUT', 'rndA: expected 16 bytes for a 3K3DES key, got 8');
    expectDesError(() => desfire.authenticate(new Uint8Array(24), { ...o, rndA: new Uint8Array(16) }), 'ERR_DESFIRE_INPUT', 'encRndB: expected 16 bytes for a 3K3DES key, got 8');
    expectDesError(() => desfire.authenticate(new Uint8Array(24), { rndA: new Uint8Array(16), encRndB: new Uint8Array(16), command: 'legacy' }), 'ERR_DESFIRE_INPUT',
      "command: 'legacy' (0x0A) authenticates DES and 2K3DES keys only; use 'iso' for 3K3DES");
    expectDesError(() => desfire.authenticate(K16, { ...o, command: 'ISO' } as never), 'ERR_DESFIRE_INPUT', "command: expected 'iso' or 'legacy', got \"ISO\"");
    expectDesError(() => desfire.authenticate(K16, { ...o, command: undefined } as never), 'ERR_DESFIRE_INPUT', "command: expected 'iso' or 'legacy', got undefined");
    expectDesError(() => desfire.authenticate(K16, { ...o, rndB: 1 } as never), 'ERR_DES_UNKNOWN_OPTION', 'options: unknown option "rndB" (did you mean rndA?)');
    expectDesError(() => desfire.authenticate(K16, { ...o, rndA: undefined } as never), 'ERR_INVALID_ARG_TYPE', 'rndA: expected Uint8Array, got undefined');
  });
});

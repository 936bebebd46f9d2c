// emv.* and cardValues.* against an independent implementation on seeded random inputs:
// emv_card_values_peer.py, Python written from the standards with pycryptodome (DES and TDES
// blocks) and hashlib (SHA-1). It shares no code with des-wasm: its MAC, parity and
// decimalization are its own. Without pycryptodome this test fails (helpers/pycryptodome.ts says
// how to install it): it never skips.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { emv, cardValues } from '../../src/payments/index.js';
import { bytesToHex, hexToBytes } from '../../src/index.js';
import { Rng, testSeed } from '../helpers/peers.js';
import { runPython } from '../helpers/pycryptodome.js';

const PEER = join(__dirname, 'emv_card_values_peer.py');
type PeerOutput = { emv: Record<string, string>[]; card: Record<string, string>[] };

const HEX = (b: Uint8Array) => bytesToHex(b);

describe('emv and cardValues against an independent Python implementation', () => {
  const rng = new Rng(testSeed('emv-card-values-peer', 13_2024));
  const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
  const hex = (n: number) => HEX(rng.bytes(n));
  const N = 300;

  const emvCases = Array.from({ length: N }, (_, i) => ({
    imk: hex(16),
    pan: digits(13 + (i % 7)),                                   // 13 … 19 digits, all of them
    ...(i % 5 === 0 ? {} : { psn: digits(2) }),                  // PSN absent: '00'
    option: i % 2 === 0 ? 'A' as const : 'B' as const,
    atc: hex(2),
    data: hex(rng.int(0, 48)),
    padding: (i >> 1) % 2 === 0 ? 1 as const : 2 as const,
    arpcMethod: (i >> 2) % 2 === 0 ? 1 as const : 2 as const,
    arc: hex(2),
    csu: hex(4),
    proprietary: hex(rng.int(0, 8)),
  }));
  const SERVICE_CODES = ['000', '999', '101', '201', '120', '226'];
  const TABLES = ['0123456789012345', '1234567890123456'];
  const cardCases = Array.from({ length: N }, (_, i) => ({
    cvk: hex(16),
    pan: digits(13 + (i % 7)),
    expiry: digits(4),
    serviceCode: i % 3 === 2 ? digits(3) : SERVICE_CODES[i % SERVICE_CODES.length],
    pvk: hex(16),
    pvki: i % 7,                                                 // PVKI 0 … 6
    pin: digits(4 + (i % 3 === 0 ? rng.int(0, 8) : 0)),
    ibmKey: hex([8, 16, 24][i % 3]),
    validationData: hex(8).toUpperCase(),
    decimalization: TABLES[i % 2],
  }));
  const peer = runPython<PeerOutput>(PEER, { emv: emvCases, card: cardCases });

  it(`EMV: ${N} cases (PANs 13-19 digits, options A and B, paddings 1 and 2, ARPC methods 1 and 2)`, () => {
    expect(peer.emv).toHaveLength(N);
    emvCases.forEach((c, i) => {
      const want = peer.emv[i];
      const where = JSON.stringify(c);
      const mk = emv.masterKey(hexToBytes(c.imk), { pan: c.pan, psn: c.psn, method: c.option });
      expect(HEX(mk), where).toBe(want.mk);
      const sk = emv.sessionKey(mk, hexToBytes(c.atc));
      expect(HEX(sk), where).toBe(want.sk);
      const data = hexToBytes(c.data);
      const arqc = emv.arqc(sk, data, { padding: c.padding });
      expect(HEX(arqc), where).toBe(want.arqc);
      expect(emv.verifyArqc(sk, data, hexToBytes(want.arqc), { padding: c.padding }), where).toBe(true);
      const arpc = c.arpcMethod === 1
        ? emv.arpc(sk, arqc, { method: 1, arc: hexToBytes(c.arc) })
        : emv.arpc(sk, arqc, { method: 2, csu: hexToBytes(c.csu), proprietary: hexToBytes(c.proprietary) });
      expect(HEX(arpc), where).toBe(want.arpc);
    });
    const count = (f: (c: (typeof emvCases)[number]) => boolean) => emvCases.filter(f).length;
    console.log(`[emv-peer] ${N} cases: option B with PANs over 16 digits ${count((c) => c.option === 'B' && c.pan.length > 16)}, `
      + `padding 1 ${count((c) => c.padding === 1)}, ARPC method 2 ${count((c) => c.arpcMethod === 2)}`);
  });

  it(`card values: ${N} cases (CVV service codes 000 / 999 / others, PVKI 0-6, IBM 3624 with two tables and 8/16/24-byte keys)`, () => {
    expect(peer.card).toHaveLength(N);
    cardCases.forEach((c, i) => {
      const want = peer.card[i];
      const where = JSON.stringify(c);
      expect(cardValues.cvv(hexToBytes(c.cvk), { pan: c.pan, expiry: c.expiry, serviceCode: c.serviceCode }), where).toBe(want.cvv);
      expect(cardValues.verifyCvv(hexToBytes(c.cvk), { pan: c.pan, expiry: c.expiry, serviceCode: c.serviceCode, cvv: want.cvv }), where).toBe(true);
      const pvvOptions = { pan: c.pan, pin: c.pin, pvki: c.pvki };
      expect(cardValues.pvv(hexToBytes(c.pvk), pvvOptions), where).toBe(want.pvv);
      expect(cardValues.verifyPvv(hexToBytes(c.pvk), { ...pvvOptions, pvv: want.pvv }), where).toBe(true);
      const ibm = { validationData: c.validationData, decimalization: c.decimalization };
      expect(cardValues.ibm3624Offset(hexToBytes(c.ibmKey), { ...ibm, pin: c.pin }), where).toBe(want.offset);
      expect(cardValues.ibm3624Pin(hexToBytes(c.ibmKey), { ...ibm, offset: want.offset }), where).toBe(c.pin);
    });
  });
});

// emv.* and cardValues.* against an independent implementation on seeded random inputs: Python
// with pycryptodome (single DES and Triple-DES blocks) and hashlib (SHA-1), written here from the
// standards' descriptions (EMV 4.3 Book 2 A1.3.1, A1.4.1, A1.4.2, 8.1.2, 8.2.1, 8.2.2; ISO/IEC
// 9797-1 MAC algorithm 3 built from DES blocks; the Visa CVV / PVV and IBM 3624 rules quoted in
// vectors/payments/card_and_pin_verification_values.json). It shares no code with des-wasm: its
// MAC, parity and decimalization are its own.
//
// Needs pycryptodome: `apt-get install -y python3-pycryptodome` (module Cryptodome) or
// `pip install pycryptodome` (module Crypto). Without it this test fails: it never skips.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { emv, cardValues } from '../../src/payments/index.js';
import { bytesToHex, hexToBytes } from '../../src/index.js';
import { Rng, testSeed } from '../helpers/peers.js';

const PEER = String.raw`
import sys, json, hashlib
try:
    from Cryptodome.Cipher import DES, DES3
except ImportError:
    from Crypto.Cipher import DES, DES3

def e(key, block):
    # One ECB encryption: single DES for 8-byte keys, EDE Triple-DES for 16 or 24.
    if len(key) == 8:
        return DES.new(key, DES.MODE_ECB).encrypt(block)
    return DES3.new(key, DES3.MODE_ECB).encrypt(block)

def d1(key, block):
    return DES.new(key, DES.MODE_ECB).decrypt(block)

def xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))

def odd_parity(key):
    out = bytearray()
    for b in key:
        high = b & 0xFE
        out.append(high | (0 if bin(high).count('1') % 2 else 1))
    return bytes(out)

def mac3(key, data, method):
    # ISO/IEC 9797-1 MAC algorithm 3: CBC with single DES under K, last block e_K(d_K'(H_q)).
    if method == 2:
        data = data + b'\x80'
    if len(data) % 8 or not data:
        data = data + b'\x00' * (8 - len(data) % 8)
    k, k2 = key[:8], key[8:16]
    h = bytes(8)
    for i in range(0, len(data), 8):
        h = e(k, xor(h, data[i:i + 8]))
    return e(k, d1(k2, h))

def letters_after_digits(hexstring, n):
    hexstring = hexstring.upper()
    picked = [c for c in hexstring if c in '0123456789']
    picked += [str('ABCDEF'.index(c)) for c in hexstring if c in 'ABCDEF']
    return ''.join(picked[:n])

def icc_mk(imk, pan, psn, option):
    if option == 'B' and len(pan) > 16:
        x = pan + psn
        if len(x) % 2:
            x = '0' + x
        y = letters_after_digits(hashlib.sha1(bytes.fromhex(x)).hexdigest(), 16)
    else:
        y = (pan + psn)[-16:].rjust(16, '0')
    y = bytes.fromhex(y)
    return odd_parity(e(imk, y) + e(imk, xor(y, b'\xff' * 8)))

def session_key(mk, atc):
    r = atc + bytes(6)
    f1 = r[:2] + b'\xf0' + r[3:]
    f2 = r[:2] + b'\x0f' + r[3:]
    return odd_parity(e(mk, f1) + e(mk, f2))

def emv_case(c):
    imk = bytes.fromhex(c['imk'])
    mk = icc_mk(imk, c['pan'], c.get('psn', '00'), c['option'])
    sk = session_key(mk, bytes.fromhex(c['atc']))
    arqc = mac3(sk, bytes.fromhex(c['data']), c['padding'])
    if c['arpcMethod'] == 1:
        arc = bytes.fromhex(c['arc'])
        arpc = e(sk, xor(arqc, arc + bytes(6)))
    else:
        arpc = mac3(sk, arqc + bytes.fromhex(c['csu']) + bytes.fromhex(c['proprietary']), 2)[:4]
    return {'mk': mk.hex(), 'sk': sk.hex(), 'arqc': arqc.hex(), 'arpc': arpc.hex()}

def card_case(c):
    cvk = bytes.fromhex(c['cvk'])
    digits = (c['pan'] + c['expiry'] + c['serviceCode']).ljust(32, '0')
    b1, b2 = bytes.fromhex(digits[:16]), bytes.fromhex(digits[16:])
    r = e(cvk, xor(e(cvk[:8], b1), b2))
    cvv = letters_after_digits(r.hex(), 3)
    pvk = bytes.fromhex(c['pvk'])
    tsp = c['pan'][-12:-1] + str(c['pvki']) + c['pin'][:4]
    pvv = letters_after_digits(e(pvk, bytes.fromhex(tsp)).hex(), 4)
    ibm_key = bytes.fromhex(c['ibmKey'])
    table = c['decimalization']
    intermediate = ''.join(table[int(h, 16)] for h in e(ibm_key, bytes.fromhex(c['validationData'])).hex())
    natural = intermediate[:len(c['pin'])]
    offset = ''.join(str((int(p) - int(n)) % 10) for p, n in zip(c['pin'], natural))
    return {'cvv': cvv, 'pvv': pvv, 'offset': offset}

cases = json.load(sys.stdin)
json.dump({'emv': [emv_case(c) for c in cases['emv']], 'card': [card_case(c) for c in cases['card']]}, sys.stdout)
`;

function runPeer(input: unknown): { emv: Record<string, string>[]; card: Record<string, string>[] } {
  const errors: string[] = [];
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', PEER], { input: JSON.stringify(input), maxBuffer: 1 << 26 });
    if (r.status === 0) return JSON.parse(r.stdout.toString());
    errors.push(`${python}: ${r.error?.message ?? r.stderr.toString().trim().split('\n').pop()}`);
  }
  throw new Error(`no Python with pycryptodome (apt-get install -y python3-pycryptodome): ${errors.join('; ')}`);
}

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
  const peer = runPeer({ emv: emvCases, card: cardCases });

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

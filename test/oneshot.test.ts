/**
 * The one-shot API (des, tdes, desx: ecb, cbc, cfb, ofb, ctr) against independent peers:
 *   tdes   node:crypto's des-ede* and des-ede3* names
 *   des    `openssl enc` with the legacy provider (des-ecb, des-cbc, des-cfb1/8, des-cfb, des-ofb)
 *   desx   `openssl enc -desx-cbc`; for the other modes, DESX's definition C = K2 ⊕ DES_K(P ⊕ K1)
 *          (Rivest; OpenSSL's key layout K ‖ K1 ‖ K2) on node:crypto's DES, checked first against
 *          openssl, run through the modes as NIST SP 800-38A defines them
 * Then: 2-key TDES equals 3-key K1‖K2‖K1 (SP 800-67 keying option 2); every padding, its exact
 * bytes read back with node:crypto and checked against the padding's own definition; CTR is
 * plaintext ⊕ E(counter), E(counter + 1), … with a big-endian 64-bit counter that wraps
 * (SP 800-38A §6.5 and Appendix B.1) — the counter blocks encrypted by node:crypto.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { des, desx, ready, tdes } from '../src/node.js';
import type { Cipher, Family } from '../src/node.js';
import {
  counterBlocks, desEcbNode, hexOf, nodeWhole, opensslEnc, Rng, tdesEcbNode, testSeed, xorBytes,
} from './helpers/peers.js';

const SEED = testSeed('oneshot', 0x0de5_1500);
const rng = new Rng(SEED);
const LENGTHS = [0, 1, 7, 8, 9, 16, 23, 100];
const PADDINGS = ['pkcs7', 'none', 'zero', 'iso7816', 'x923', 'iso10126'] as const;

beforeAll(async () => { await ready(); });

/** Run one message through a fresh cipher object and destroy it. */
function once(make: () => Cipher, direction: 'encrypt' | 'decrypt', data: Uint8Array): Uint8Array {
  const c = make();
  try {
    return c[direction](data);
  } finally {
    c.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Block-cipher modes as NIST SP 800-38A defines them, over any block function (used for DESX,
// which no peer offers in these modes)

type Block = (x: Uint8Array) => Uint8Array;

/** CFB with s = 1, 8 or 64 (§6.3): I1 = IV; Oj = CIPH(Ij); Cj = Pj ⊕ MSBs(Oj); Ij+1 = LSB(64−s)(Ij) ‖ Cj. */
function cfbByDefinition(E: Block, iv: Uint8Array, data: Uint8Array, s: 1 | 8 | 64, decrypt: boolean): Uint8Array {
  const out = new Uint8Array(data.length);
  let register = BigInt('0x' + hexOf(iv));
  const bits = (b: Uint8Array) => BigInt('0x' + (hexOf(b) || '0'));
  const block = (v: bigint) => Uint8Array.from(Buffer.from(v.toString(16).padStart(16, '0'), 'hex'));
  const mask = (1n << 64n) - 1n;
  const totalBits = data.length * 8;
  for (let at = 0; at < totalBits; at += s) {
    const n = Math.min(s, totalBits - at);                         // a short last segment for CFB-64
    const o = bits(E(block(register))) >> BigInt(64 - n);          // MSB_n(O_j)
    const byte0 = at >> 3;
    let p: bigint;
    if (s === 1) p = BigInt((data[byte0] >> (7 - (at & 7))) & 1);
    else p = bits(data.subarray(byte0, byte0 + n / 8));
    const c = p ^ o;
    if (s === 1) out[byte0] |= Number(c) << (7 - (at & 7));
    else out.set(block(c).subarray(8 - n / 8), byte0);
    const feedback = decrypt ? p : c;                              // the ciphertext segment goes back in
    register = ((register << BigInt(n)) | feedback) & mask;
  }
  return out;
}

/** OFB (§6.4): O1 = CIPH(IV), Oj = CIPH(Oj−1); C = P ⊕ O. */
function ofbByDefinition(E: Block, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const stream = new Uint8Array(data.length + 8);
  let o = iv;
  for (let at = 0; at < data.length; at += 8) { o = E(o); stream.set(o, at); }
  return xorBytes(data, stream);
}

/** CTR (§6.5, the counter of Appendix B.1 over all 64 bits): C = P ⊕ CIPH(T1) ‖ CIPH(T2) ‖ …. */
function ctrByDefinition(encryptBlocks: (blocks: Uint8Array) => Uint8Array, counter: Uint8Array, data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / 8);
  return xorBytes(data, encryptBlocks(counterBlocks(counter, blocks)));
}

// ---------------------------------------------------------------------------------------------
// DESX from its definition on node:crypto's DES

function desxBlock(key: Uint8Array): Block {
  const [k, inner, outer] = [key.subarray(0, 8), key.subarray(8, 16), key.subarray(16, 24)];
  return (x) => xorBytes(desEcbNode(k, xorBytes(x, inner)), outer);
}
function desxBlocks(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  const E = desxBlock(key);
  const out = new Uint8Array(blocks.length);
  for (let at = 0; at < blocks.length; at += 8) out.set(E(blocks.subarray(at, at + 8)), at);
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('tdes: every mode as node:crypto, 16- and 24-byte keys', () => {
  for (const keyLength of [16, 24]) {
    const three = keyLength === 24 ? 'des-ede3' : 'des-ede';
    // node:crypto has no des-ede-cfb1 / -cfb8: for 16-byte keys those go through des-ede3-* with K1‖K2‖K1.
    const cases: [string, (k: Uint8Array, iv: Uint8Array) => Cipher, string, boolean][] = [
      ['ecb', (k) => tdes.ecb(k), three, false],
      ['ecb none', (k) => tdes.ecb(k, { padding: 'none' }), three, true],
      ['cbc', (k, iv) => tdes.cbc(k, iv), `${three}-cbc`, false],
      ['cbc none', (k, iv) => tdes.cbc(k, iv, { padding: 'none' }), `${three}-cbc`, true],
      ['cfb (64)', (k, iv) => tdes.cfb(k, iv), `${three}-cfb`, false],
      ['cfb segment 64', (k, iv) => tdes.cfb(k, iv, { segment: 64 }), `${three}-cfb`, false],
      ['cfb segment 8', (k, iv) => tdes.cfb(k, iv, { segment: 8 }), 'des-ede3-cfb8', false],
      ['cfb segment 1', (k, iv) => tdes.cfb(k, iv, { segment: 1 }), 'des-ede3-cfb1', false],
      ['ofb', (k, iv) => tdes.ofb(k, iv), `${three}-ofb`, false],
    ];
    for (const [label, make, nodeName, aligned] of cases) {
      it(`tdes.${label}, ${keyLength}-byte key = node:crypto ${nodeName}`, () => {
        for (const length of LENGTHS) {
          if (aligned && length % 8 !== 0) continue;
          const key = rng.bytes(keyLength);
          const iv = rng.bytes(8);
          const nodeKey = nodeName.startsWith('des-ede3') && keyLength === 16 ? Buffer.concat([key, key.subarray(0, 8)]) : key;
          const nodeIv = nodeName === three ? null : iv;
          const data = rng.bytes(length);
          const expected = nodeWhole(nodeName, 'encrypt', nodeKey, nodeIv, data, !aligned);
          expect(hexOf(once(() => make(key, iv), 'encrypt', data)), `${label} length ${length}`).toBe(hexOf(expected));
          expect(hexOf(once(() => make(key, iv), 'decrypt', expected)), `${label} length ${length}`).toBe(hexOf(data));
        }
      });
    }
  }
});

describe('des: every mode as openssl enc (legacy provider)', () => {
  const cases: [string, (k: Uint8Array, iv: Uint8Array) => Cipher, string, boolean][] = [
    ['ecb', (k) => des.ecb(k), 'des-ecb', true],
    ['ecb none', (k) => des.ecb(k, { padding: 'none' }), 'des-ecb', false],
    ['cbc', (k, iv) => des.cbc(k, iv), 'des-cbc', true],
    ['cbc none', (k, iv) => des.cbc(k, iv, { padding: 'none' }), 'des-cbc', false],
    ['cfb segment 64', (k, iv) => des.cfb(k, iv, { segment: 64 }), 'des-cfb', false],
    ['cfb segment 8', (k, iv) => des.cfb(k, iv, { segment: 8 }), 'des-cfb8', false],
    ['cfb segment 1', (k, iv) => des.cfb(k, iv, { segment: 1 }), 'des-cfb1', false],
    ['ofb', (k, iv) => des.ofb(k, iv), 'des-ofb', false],
  ];
  for (const [label, make, name, padding] of cases) {
    it(`des.${label} = openssl ${name}${padding ? '' : ' -nopad'}`, () => {
      for (const length of [0, 5, 8, 21, 64]) {
        if (!padding && name.match(/ecb|cbc/) && length % 8 !== 0) continue;
        const key = rng.bytes(8);
        const iv = rng.bytes(8);
        const data = rng.bytes(length);
        const expected = opensslEnc(name, 'encrypt', key, name === 'des-ecb' ? null : iv, data, { padding });
        expect(hexOf(once(() => make(key, iv), 'encrypt', data)), `${label} length ${length}`).toBe(hexOf(expected));
        expect(hexOf(once(() => make(key, iv), 'decrypt', expected)), `${label} length ${length}`).toBe(hexOf(data));
      }
    });
  }

  it('des.ecb and des.cbc (whole blocks) = node:crypto des-ede3 with K1 = K2 = K3', () => {
    const key = rng.bytes(8);
    const iv = rng.bytes(8);
    const data = rng.bytes(48);
    const k3 = Buffer.concat([key, key, key]);
    expect(hexOf(once(() => des.ecb(key, { padding: 'none' }), 'encrypt', data))).toBe(hexOf(desEcbNode(key, data)));
    expect(hexOf(once(() => des.cbc(key, iv), 'encrypt', data))).toBe(hexOf(nodeWhole('des-ede3-cbc', 'encrypt', k3, iv, data)));
  });
});

describe('desx', () => {
  it('desx.cbc = openssl desx-cbc, with and without padding', () => {
    for (const length of [0, 3, 8, 19, 40]) {
      const key = rng.bytes(24);
      const iv = rng.bytes(8);
      const data = rng.bytes(length);
      const expected = opensslEnc('desx-cbc', 'encrypt', key, iv, data);
      expect(hexOf(once(() => desx.cbc(key, iv), 'encrypt', data))).toBe(hexOf(expected));
      expect(hexOf(once(() => desx.cbc(key, iv), 'decrypt', expected))).toBe(hexOf(data));
      const aligned = data.subarray(0, length - (length % 8));
      expect(hexOf(once(() => desx.cbc(key, iv, { padding: 'none' }), 'encrypt', aligned)))
        .toBe(hexOf(opensslEnc('desx-cbc', 'encrypt', key, iv, aligned, { padding: false })));
    }
  });

  it('the DESX definition on node:crypto\'s DES is what openssl desx-cbc computes (one block, zero IV)', () => {
    for (let i = 0; i < 4; i++) {
      const key = rng.bytes(24);
      const block = rng.bytes(8);
      expect(hexOf(desxBlock(key)(block))).toBe(hexOf(opensslEnc('desx-cbc', 'encrypt', key, new Uint8Array(8), block, { padding: false })));
    }
  });

  it('desx.ecb, desx.cfb (1, 8, 64), desx.ofb and desx.ctr = SP 800-38A modes over that DESX', () => {
    for (const length of [0, 1, 8, 13, 32, 45]) {
      const key = rng.bytes(24);
      const iv = rng.bytes(8);
      const data = rng.bytes(length);
      const E = desxBlock(key);
      const aligned = data.subarray(0, length - (length % 8));
      expect(hexOf(once(() => desx.ecb(key, { padding: 'none' }), 'encrypt', aligned))).toBe(hexOf(desxBlocks(key, aligned)));
      for (const segment of [1, 8, 64] as const) {
        const expected = cfbByDefinition(E, iv, data, segment, false);
        expect(hexOf(once(() => desx.cfb(key, iv, { segment }), 'encrypt', data)), `cfb${segment} ${length}`).toBe(hexOf(expected));
        expect(hexOf(once(() => desx.cfb(key, iv, { segment }), 'decrypt', expected)), `cfb${segment} ${length}`).toBe(hexOf(data));
      }
      expect(hexOf(once(() => desx.ofb(key, iv), 'encrypt', data))).toBe(hexOf(ofbByDefinition(E, iv, data)));
      expect(hexOf(once(() => desx.ctr(key, iv), 'encrypt', data))).toBe(hexOf(ctrByDefinition((b) => desxBlocks(key, b), iv, data)));
    }
  });

  it('the SP 800-38A CFB helper reproduces node:crypto\'s des-ede3-cfb1/-cfb8/-cfb (so it can stand in for DESX)', () => {
    const key = rng.bytes(24);
    const iv = rng.bytes(8);
    const data = rng.bytes(21);
    const E: Block = (x) => tdesEcbNode(key, x);
    expect(hexOf(cfbByDefinition(E, iv, data, 1, false))).toBe(hexOf(nodeWhole('des-ede3-cfb1', 'encrypt', key, iv, data)));
    expect(hexOf(cfbByDefinition(E, iv, data, 8, false))).toBe(hexOf(nodeWhole('des-ede3-cfb8', 'encrypt', key, iv, data)));
    expect(hexOf(cfbByDefinition(E, iv, data, 64, false))).toBe(hexOf(nodeWhole('des-ede3-cfb', 'encrypt', key, iv, data)));
    expect(hexOf(ofbByDefinition(E, iv, data))).toBe(hexOf(nodeWhole('des-ede3-ofb', 'encrypt', key, iv, data)));
  });
});

describe('2-key TDES is 3-key TDES with K3 = K1 (SP 800-67 keying option 2)', () => {
  const modes: [string, (k: Uint8Array, iv: Uint8Array) => Cipher][] = [
    ['ecb', (k) => tdes.ecb(k)], ['cbc', (k, iv) => tdes.cbc(k, iv)], ['cfb 1', (k, iv) => tdes.cfb(k, iv, { segment: 1 })],
    ['cfb 8', (k, iv) => tdes.cfb(k, iv, { segment: 8 })], ['cfb 64', (k, iv) => tdes.cfb(k, iv)],
    ['ofb', (k, iv) => tdes.ofb(k, iv)], ['ctr', (k, iv) => tdes.ctr(k, iv)],
  ];
  for (const [label, make] of modes) {
    it(`tdes.${label}`, () => {
      const key16 = rng.bytes(16);
      const key24 = Buffer.concat([key16, key16.subarray(0, 8)]);
      const iv = rng.bytes(8);
      const data = rng.bytes(77);
      const a = once(() => make(key16, iv), 'encrypt', data);
      expect(hexOf(once(() => make(key24, iv), 'encrypt', data))).toBe(hexOf(a));
      expect(hexOf(once(() => make(key24, iv), 'decrypt', a))).toBe(hexOf(data));
    });
  }
});

describe('paddings', () => {
  const families: [string, Family, number][] = [['des', des, 8], ['tdes', tdes, 24], ['desx', desx, 24]];

  for (const padding of PADDINGS) {
    it(`${padding}: round trip for every length 0 … 24, ECB and CBC, des/tdes/desx`, () => {
      for (const [name, family, keyLength] of families) {
        const key = rng.bytes(keyLength);
        const iv = rng.bytes(8);
        for (let length = 0; length <= 24; length++) {
          if (padding === 'none' && length % 8 !== 0) continue;
          // Zero padding cannot tell trailing zeros of the data from padding: end in a non-zero byte.
          const data = rng.bytes(length);
          if (padding === 'zero' && length > 0) data[length - 1] |= 1;
          for (const make of [() => family.ecb(key, { padding }), () => family.cbc(key, iv, { padding })]) {
            const ct = once(make, 'encrypt', data);
            expect(ct.length % 8, `${name} ${padding} ${length}`).toBe(0);
            expect(hexOf(once(make, 'decrypt', ct)), `${name} ${padding} ${length}`).toBe(hexOf(data));
          }
        }
      }
    });
  }

  /** The padded plaintext, read back by node:crypto's des-ede3 ECB without padding. */
  function padded(padding: (typeof PADDINGS)[number], data: Uint8Array): Uint8Array {
    const key = rng.bytes(24);
    const ct = once(() => tdes.ecb(key, { padding }), 'encrypt', data);
    const plain = nodeWhole('des-ede3', 'decrypt', key, null, ct, false);
    // Our own decryption with padding 'none' shows the same bytes.
    expect(hexOf(once(() => tdes.ecb(key, { padding: 'none' }), 'decrypt', ct))).toBe(hexOf(plain));
    expect(hexOf(plain.subarray(0, data.length))).toBe(hexOf(data));
    return plain.subarray(data.length);
  }
  const expectPads = (padding: (typeof PADDINGS)[number], expected: (n: number, length: number) => number[] | null) => {
    for (let length = 0; length <= 24; length++) {
      const data = rng.bytes(length);
      const tail = padded(padding, data);
      const n = 8 - (length % 8);                                   // 1 … 8: the bytes to the next block boundary
      const want = expected(n, length);
      if (want) expect([...tail], `${padding} length ${length}`).toEqual(want);
    }
  };

  it('pkcs7 (RFC 5652 §6.3): n bytes of value n, n = 8 − (length mod 8), a whole block when aligned', () => {
    expectPads('pkcs7', (n) => new Array(n).fill(n));
  });

  it('iso7816 (ISO/IEC 7816-4, ISO/IEC 9797-1 method 2): 0x80 then zeros, 1 … 8 bytes', () => {
    expectPads('iso7816', (n) => [0x80, ...new Array(n - 1).fill(0)]);
  });

  it('x923 (ANSI X9.23): zeros then the count n', () => {
    expectPads('x923', (n) => [...new Array(n - 1).fill(0), n]);
  });

  it('zero (ISO/IEC 9797-1 method 1, as documented: none when aligned, none for the empty message)', () => {
    expectPads('zero', (n, length) => (length % 8 === 0 ? [] : new Array(n).fill(0)));
  });

  it('iso10126 (ISO 10126-2): n − 1 random bytes then n; the filler varies', () => {
    const fillers = new Set<string>();
    for (let length = 0; length <= 24; length++) {
      const tail = padded('iso10126', rng.bytes(length));
      const n = 8 - (length % 8);
      expect(tail.length, `length ${length}`).toBe(n);
      expect(tail[n - 1], `length ${length}`).toBe(n);
      if (n === 8) fillers.add(hexOf(tail.subarray(0, 7)));
    }
    // Four messages padded with a whole block: four different 7-byte fillers (2^-56 odds against).
    expect(fillers.size).toBe(4);
  });

  it('unpadding follows the definitions: malformed pads are refused with ERR_OSSL_BAD_DECRYPT', () => {
    const key = rng.bytes(24);
    // Last plaintext blocks, encrypted by node:crypto without padding, then decrypted by us.
    const verdict = (padding: (typeof PADDINGS)[number], last: number[]) => {
      const ct = nodeWhole('des-ede3', 'encrypt', key, null, Uint8Array.from(last), false);
      try {
        return hexOf(once(() => tdes.ecb(key, { padding }), 'decrypt', ct));
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    const BAD = 'ERR_OSSL_BAD_DECRYPT';
    expect(verdict('pkcs7', [1, 2, 3, 4, 5, 3, 3, 3])).toBe('0102030405');
    expect(verdict('pkcs7', [8, 8, 8, 8, 8, 8, 8, 8])).toBe('');
    expect(verdict('pkcs7', [1, 2, 3, 4, 5, 6, 3, 3])).toBe(BAD);     // one padding byte wrong
    expect(verdict('pkcs7', [1, 2, 3, 4, 5, 6, 7, 0])).toBe(BAD);     // n = 0
    expect(verdict('pkcs7', [9, 9, 9, 9, 9, 9, 9, 9])).toBe(BAD);     // n > 8
    expect(verdict('iso7816', [1, 2, 3, 0x80, 0, 0, 0, 0])).toBe('010203');
    expect(verdict('iso7816', [0x80, 0, 0, 0, 0, 0, 0, 0])).toBe('');
    expect(verdict('iso7816', [1, 2, 3, 4, 5, 6, 7, 0x80])).toBe('01020304050607');
    expect(verdict('iso7816', [1, 2, 3, 4, 0, 0, 0, 0])).toBe(BAD);   // no 0x80 marker
    expect(verdict('iso7816', [0, 0, 0, 0, 0, 0, 0, 0])).toBe(BAD);
    expect(verdict('iso7816', [1, 2, 3, 0x81, 0, 0, 0, 0])).toBe(BAD);
    expect(verdict('x923', [1, 2, 3, 4, 5, 0, 0, 3])).toBe('0102030405');
    expect(verdict('x923', [1, 2, 3, 4, 5, 0, 9, 3])).toBe(BAD);      // non-zero filler
    expect(verdict('x923', [1, 2, 3, 4, 5, 6, 7, 0])).toBe(BAD);
    expect(verdict('x923', [1, 2, 3, 4, 5, 6, 7, 9])).toBe(BAD);
    expect(verdict('iso10126', [1, 2, 3, 4, 5, 0xaa, 0xbb, 3])).toBe('0102030405');
    expect(verdict('iso10126', [1, 2, 3, 4, 5, 6, 7, 0])).toBe(BAD);
    expect(verdict('iso10126', [1, 2, 3, 4, 5, 6, 7, 9])).toBe(BAD);
    expect(verdict('zero', [1, 2, 3, 0, 5, 0, 0, 0])).toBe('0102030005');
    expect(verdict('zero', [0, 0, 0, 0, 0, 0, 0, 0])).toBe('');
    expect(verdict('none', [0, 0, 0, 0, 0, 0, 0, 9])).toBe('0000000000000009');
  });
});

describe('CTR: P ⊕ E(T), E(T + 1), … with a big-endian 64-bit counter (SP 800-38A §6.5, B.1)', () => {
  const STARTS = ['0000000000000000', 'fffffffffffffffe', 'fffffffffffffffd', '00000000fffffffe', '00fffffffffffffe', '0123456789abcdef'];
  const families: [string, (k: Uint8Array, c: Uint8Array) => Cipher, number, (k: Uint8Array, b: Uint8Array) => Uint8Array][] = [
    ['des', (k, c) => des.ctr(k, c), 8, (k, b) => desEcbNode(k, b)],
    ['tdes 2-key', (k, c) => tdes.ctr(k, c), 16, (k, b) => tdesEcbNode(k, b)],
    ['tdes 3-key', (k, c) => tdes.ctr(k, c), 24, (k, b) => tdesEcbNode(k, b)],
  ];
  for (const [label, make, keyLength, ecb] of families) {
    it(`${label}: counter blocks encrypted by node:crypto, including the wrap ffffffffffffffff → 0000000000000000`, () => {
      for (const start of STARTS) {
        const key = rng.bytes(keyLength);
        const counter = Buffer.from(start, 'hex');
        for (const length of [0, 5, 8, 24, 29]) {
          const data = rng.bytes(length);
          const expected = ctrByDefinition((b) => ecb(key, b), counter, data);
          expect(hexOf(once(() => make(key, counter), 'encrypt', data)), `${start} length ${length}`).toBe(hexOf(expected));
          expect(hexOf(once(() => make(key, counter), 'decrypt', expected)), `${start} length ${length}`).toBe(hexOf(data));
        }
      }
    });
  }

  it('the counter blocks the helper makes are the standard\'s: ffffffffffffffff is followed by 0000000000000000', () => {
    expect(hexOf(counterBlocks(Buffer.from('fffffffffffffffe', 'hex'), 3))).toBe('fffffffffffffffe' + 'ffffffffffffffff' + '0000000000000000');
    expect(hexOf(counterBlocks(Buffer.from('00000000ffffffff', 'hex'), 2))).toBe('00000000ffffffff' + '0000000100000000');
  });

  it('the keystream after the wrap is E(0), E(1), … (a message of 4 blocks from fffffffffffffffe)', () => {
    const key = rng.bytes(24);
    const keystream = once(() => tdes.ctr(key, Buffer.from('fffffffffffffffe', 'hex')), 'encrypt', new Uint8Array(32));
    const zeroStart = once(() => tdes.ctr(key, new Uint8Array(8)), 'encrypt', new Uint8Array(16));
    expect(hexOf(keystream.subarray(16))).toBe(hexOf(zeroStart));
    expect(hexOf(keystream.subarray(16, 24))).toBe(hexOf(tdesEcbNode(key, new Uint8Array(8))));
  });

  it('a caller\'s counter is not changed by a call, and each call starts again from it', () => {
    const key = rng.bytes(24);
    const counter = Buffer.from('fffffffffffffffe', 'hex');
    const c = tdes.ctr(key, counter, { allowIvReuse: true });
    const data = rng.bytes(40);
    const first = c.encrypt(data);
    expect(hexOf(c.encrypt(data))).toBe(hexOf(first));
    expect(hexOf(c.decrypt(first))).toBe(hexOf(data));
    expect(counter.toString('hex')).toBe('fffffffffffffffe');
    c.destroy();
  });
});

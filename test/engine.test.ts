/**
 * The WebAssembly engine (assembly/, src/engine/) on its own, below the public API.
 *
 * Where the truth comes from:
 *   - FIPS 46-3's tables (src/fips46.ts), used bit by bit in this file, for the derived SP and
 *     key-schedule tables, the swap-move IP / IP⁻¹ and the layout of the expanded key;
 *   - the readable reference (src/reference.ts) for the subkeys and single blocks;
 *   - published answers: Grabbe's worked example, FIPS 81's "Now is the time for all ";
 *   - OpenSSL through node:crypto for every mode: Triple-DES in this process (des-ede3-*), single
 *     DES and DESX in one child `node --openssl-legacy-provider` (des-*, desx-cbc), CTR as the XOR
 *     with OpenSSL's ECB of the successive counters. OpenSSL has DESX in CBC only; for DESX's other
 *     modes the expected output comes from textbook modes written here over DESX's block function
 *     (whitening around OpenSSL's DES), and those textbook modes are first checked against
 *     OpenSSL's own modes on Triple-DES.
 * Every case runs on the scalar build, and where the runtime has SIMD also on the SIMD build and
 * under its constant-time policy, with the message cut into random pieces across calls.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { E, IP, IP_INVERSE, P, PC1, PC2, S, SHIFTS } from '../src/fips46.js';
import { engineTables, keyScheduleLookups, keyScheduleTables, spTables } from '../src/engine/derive.js';
import * as engine from '../src/engine/index.js';
import type { Algorithm, Direction, EngineMode, Schedule } from '../src/engine/index.js';
import { createSubkeys, desDecryptBlock, desEncryptBlock } from '../src/reference.js';
import { legacyNode } from './helpers/peers.js';
import type { LegacyCase } from './helpers/peers.js';

// ---------------------------------------------------------------------------------------------
// Helpers: bytes, bits, a seeded generator (a failure can be replayed).

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const xor = (a: Uint8Array, b: Uint8Array) => a.map((v, i) => v ^ b[i]);

/** mulberry32: small, seeded, good enough to pick lengths and bytes. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    bytes: (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}

/** The bits of a value, most significant first (FIPS 46-3 numbers bit 1 as the most significant). */
function bitsOf(value: bigint, width: number): number[] {
  return Array.from({ length: width }, (_, i) => Number((value >> BigInt(width - 1 - i)) & 1n));
}
function valueOf(bits: number[]): bigint {
  return bits.reduce((v, bit) => (v << 1n) | BigInt(bit), 0n);
}
/** Output bit i is input bit table[i], 1-based: how FIPS 46-3 defines every permutation. */
const permute = (bits: number[], table: readonly number[]) => table.map((p) => bits[p - 1]);
const blockValue = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
function blockBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, v));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The builds to run: the scalar one always; the SIMD one and its constant-time policy where the
// runtime has SIMD.

interface Build { name: string; kind: 'simd' | 'scalar'; constantTime: boolean }
const builds: Build[] = [{ name: 'scalar build', kind: 'scalar', constantTime: false }];
if (engine.runtimeHasSimd()) {
  builds.push({ name: 'SIMD build', kind: 'simd', constantTime: false });
  builds.push({ name: 'SIMD build, constant-time', kind: 'simd', constantTime: true });
}

function expand(build: Build, algorithm: Algorithm, key: Uint8Array, direction: Direction): Schedule {
  return engine.expandKey(algorithm, key, direction, { constantTime: build.constantTime });
}

// ---------------------------------------------------------------------------------------------

describe('derived tables (src/engine/derive.ts) against FIPS 46-3', () => {
  const sp = spTables();

  /** P(S_box(six)) as a 32-bit word, bit by bit from the standard's tables. */
  function pOfS(box: number, six: number): number {
    const b = bitsOf(BigInt(six), 6);
    const value = S[box][(b[0] << 1) | b[5]][(b[1] << 3) | (b[2] << 2) | (b[3] << 1) | b[4]];
    const before = new Array(32).fill(0);
    bitsOf(BigInt(value), 4).forEach((bit, i) => { before[4 * box + i] = bit; });
    return Number(valueOf(permute(before, P)));
  }
  const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;
  const rotr = (x: number, n: number) => ((x >>> n) | (x << (32 - n))) >>> 0;

  it('each SP entry is P(S_i(x)) rotated left by three, for all 8 × 64 inputs', () => {
    for (let box = 0; box < 8; box++) {
      for (let x = 0; x < 64; x++) expect(sp[box * 64 + x], `S${box + 1}(${x})`).toBe(rotl(pOfS(box, x), 3));
    }
  });

  it('the round function the engine builds from them is f(R, K) = P(S(E(R) ⊕ K))', () => {
    // The engine's claim (halfRound in assembly/index.ts): with R rotated left by three, E is
    // free: S2/S4/S6/S8 read the top six bits of the bytes of rol(R, 3) ⊕ (k0 << 2) and
    // S1/S3/S5/S7 those of ror(rol(R, 3), 4) ⊕ (k1 << 2), where k1 = B1 B3 B5 B7 and
    // k0 = B2 B4 B6 B8, one 6-bit chunk in the low bits of each byte.
    const rand = generator(46);
    for (let n = 0; n < 500; n++) {
      const r = rand.int(2 ** 32), key = rand.bytes(6);
      const kBits = bitsOf(valueOf([...key].flatMap((v) => bitsOf(BigInt(v), 8))), 48);
      const sIn = permute(bitsOf(BigInt(r), 32), E).map((bit, i) => bit ^ kBits[i]);
      const sOut = Array.from({ length: 8 }, (_, box) => {
        const b = sIn.slice(6 * box, 6 * box + 6);
        return bitsOf(BigInt(S[box][(b[0] << 1) | b[5]][(b[1] << 3) | (b[2] << 2) | (b[3] << 1) | b[4]]), 4);
      }).flat();
      const expected = Number(valueOf(permute(sOut, P)));

      const chunk = (i: number) => Number(valueOf(kBits.slice(6 * i, 6 * i + 6)));
      const k1 = ((chunk(0) << 24) | (chunk(2) << 16) | (chunk(4) << 8) | chunk(6)) >>> 0;
      const k0 = ((chunk(1) << 24) | (chunk(3) << 16) | (chunk(5) << 8) | chunk(7)) >>> 0;
      const look = (box: number, t: number, shift: number) => sp[box * 64 + ((t >>> shift) & 0x3f)];
      const r3 = rotl(r, 3);
      let t = (r3 ^ (k0 << 2)) >>> 0;
      let f = look(1, t, 26) ^ look(3, t, 18) ^ look(5, t, 10) ^ look(7, t, 2);
      t = (rotr(r3, 4) ^ (k1 << 2)) >>> 0;
      f ^= look(0, t, 26) ^ look(2, t, 18) ^ look(4, t, 10) ^ look(6, t, 2);
      expect(rotr(f >>> 0, 3)).toBe(expected);
    }
  });

  it('PC-1, PC-2 and the shifts are the standard\'s, entry for entry', () => {
    const { pc1, pc2, shifts } = keyScheduleTables();
    expect([...pc1]).toEqual([...PC1]);
    expect([...pc2]).toEqual([...PC2]);
    expect([...shifts]).toEqual([...SHIFTS]);
  });

  it('PC-1 by key byte: the OR of the 8 entries is PC-1(K) = C0‖D0', () => {
    const { pc1Bytes } = keyScheduleLookups();
    const rand = generator(1);
    for (let n = 0; n < 200; n++) {
      const key = rand.bytes(8);
      let cd = 0n;
      key.forEach((v, i) => { cd |= pc1Bytes[i * 256 + v]; });
      const kPlus = permute(bitsOf(blockValue(key), 64), PC1);
      expect(cd).toBe((valueOf(kPlus.slice(0, 28)) << 32n) | valueOf(kPlus.slice(28)));
    }
  });

  it('PC-2 by 7-bit piece: the XOR of the 8 entries is PC-2(CD), packed as k1 = B1 B3 B5 B7, k0 = B2 B4 B6 B8', () => {
    const { pc2Pieces } = keyScheduleLookups();
    const rand = generator(2);
    for (let n = 0; n < 200; n++) {
      const cd = valueOf([...rand.bytes(7)].flatMap((v) => bitsOf(BigInt(v), 8)));   // 56 bits
      let packed = 0n;
      for (let piece = 0; piece < 8; piece++) packed ^= pc2Pieces[piece * 128 + Number((cd >> BigInt(49 - 7 * piece)) & 0x7fn)];
      const k = permute(bitsOf(cd, 56), PC2);
      const chunk = (i: number) => valueOf(k.slice(6 * i, 6 * i + 6));
      const k1 = (chunk(0) << 24n) | (chunk(2) << 16n) | (chunk(4) << 8n) | chunk(6);
      const k0 = (chunk(1) << 24n) | (chunk(3) << 16n) | (chunk(5) << 8n) | chunk(7);
      expect(packed).toBe((k1 << 32n) | k0);
    }
  });
});

for (const build of builds) describe(build.name, () => {
  beforeAll(() => engine.selectEngine(build.kind));

  it('starts with derive.ts\'s tables in its memory (the build writes them into the data segment), byte for byte', () => {
    const tables = engineTables(engine.engineInfo().simd);
    expect(tables.length).toBe(build.kind === 'simd' ? 5 : 4);
    for (const { offsetExport, bytes } of tables) {
      expect(hex(engine.memoryAt(offsetExport, bytes.length)), offsetExport).toBe(hex(bytes));
    }
  });

  it('derives the key-schedule look-ups itself at instantiation: derive.ts\'s, byte for byte', () => {
    const { pc1Bytes, pc2Pieces } = keyScheduleLookups();
    const raw = (t: BigUint64Array) => new Uint8Array(t.buffer, t.byteOffset, t.byteLength);
    expect(hex(engine.memoryAt('pc1BytesOffset', pc1Bytes.byteLength))).toBe(hex(raw(pc1Bytes)));
    expect(hex(engine.memoryAt('pc2PiecesOffset', pc2Pieces.byteLength))).toBe(hex(raw(pc2Pieces)));
  });

  describe('swap-move IP and IP⁻¹ against FIPS 46-3', () => {
    // Both sides are linear over GF(2) (bit permutations), so agreeing on the 64 one-bit blocks
    // proves agreement on every block; a few random blocks are added only as a sanity check.
    const samples = [0n, ...Array.from({ length: 64 }, (_, i) => 1n << BigInt(i))];
    const rand = generator(3);
    for (let i = 0; i < 64; i++) samples.push(blockValue(rand.bytes(8)));

    it('IP', () => {
      const { ip } = engine.permutations();
      for (const s of samples) expect(ip(s)).toBe(valueOf(permute(bitsOf(s, 64), IP)));
    });
    it('IP⁻¹', () => {
      const { fp } = engine.permutations();
      for (const s of samples) expect(fp(s)).toBe(valueOf(permute(bitsOf(s, 64), IP_INVERSE)));
    });
  });

  describe('the expanded key: subkeys in the order the rounds run, whitening in the header', () => {
    // Layout (assembly/index.ts): pass count (u32), pre- and post-whitening (u64, the block as a
    // big-endian number), then 16 rounds per pass as k0, k1 (u32, little-endian).
    function decode(schedule: Schedule) {
      const bytes = (schedule as unknown as { bytes: Uint8Array }).bytes;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const passes = view.getUint32(0, true);
      const rounds: bigint[] = [];
      for (let i = 0; i < 16 * passes; i++) {
        const k0 = view.getUint32(24 + 8 * i, true), k1 = view.getUint32(28 + 8 * i, true);
        // Unpack B1 … B8 (6 bits each, low bits of the bytes of k1 and k0 in turn) into 48 bits.
        let k = 0n;
        for (let c = 0; c < 8; c++) k = (k << 6n) | BigInt(((c & 1 ? k0 : k1) >>> (24 - 8 * (c >> 1))) & 0x3f);
        rounds.push(k);
      }
      return { passes, pre: view.getBigUint64(8, true), post: view.getBigUint64(16, true), rounds };
    }
    const subkeys = (key: Uint8Array) => createSubkeys(key).k.slice(1).map(valueOf)    // K1 … K16 (k[n] is Kn);
    const reversed = (k: bigint[]) => [...k].reverse();
    const rand = generator(4);

    it('des: K1 … K16 to encrypt, K16 … K1 to decrypt (Grabbe\'s subkeys from src/reference.ts)', () => {
      for (let n = 0; n < 20; n++) {
        const key = rand.bytes(8);
        const enc = decode(expand(build, 'des', key, 'encrypt'));
        expect(enc).toEqual({ passes: 1, pre: 0n, post: 0n, rounds: subkeys(key) });
        expect(decode(expand(build, 'des', key, 'decrypt')).rounds).toEqual(reversed(subkeys(key)));
      }
    });

    it('tdes: E(K1) D(K2) E(K3) to encrypt, D(K3) E(K2) D(K1) to decrypt', () => {
      const key = rand.bytes(24);
      const [k1, k2, k3] = [0, 8, 16].map((i) => subkeys(key.subarray(i, i + 8)));
      expect(decode(expand(build, 'tdes', key, 'encrypt')).rounds).toEqual([...k1, ...reversed(k2), ...k3]);
      expect(decode(expand(build, 'tdes', key, 'decrypt')).rounds).toEqual([...reversed(k3), ...k2, ...reversed(k1)]);
      expect(decode(expand(build, 'tdes', key, 'encrypt')).passes).toBe(3);
    });

    it('desx: inner whitening before and outer after to encrypt, the reverse to decrypt', () => {
      const key = rand.bytes(24);
      const inner = blockValue(key.subarray(8)), outer = blockValue(key.subarray(16));
      const enc = decode(expand(build, 'desx', key, 'encrypt'));
      expect(enc).toEqual({ passes: 1, pre: inner, post: outer, rounds: subkeys(key.subarray(0, 8)) });
      const dec = decode(expand(build, 'desx', key, 'decrypt'));
      expect(dec).toEqual({ passes: 1, pre: outer, post: inner, rounds: reversed(subkeys(key.subarray(0, 8))) });
    });

    it('wipe() zeroes the copy held in JS', () => {
      const schedule = expand(build, 'tdes', rand.bytes(24), 'encrypt');
      schedule.wipe();
      expect((schedule as unknown as { bytes: Uint8Array }).bytes.every((b) => b === 0)).toBe(true);
    });
  });

  describe('single blocks: published answers and the reference', () => {
    function run(mode: EngineMode, direction: Direction, key: string, input: string, iv?: string): string {
      const out = new Uint8Array(input.length / 2);
      engine.runMode(mode, direction, expand(build, 'des', unhex(key), direction), engine.newState(iv ? unhex(iv) : undefined), unhex(input), out);
      return hex(out);
    }
    const NOW = '4e6f77206973207468652074696d6520666f7220616c6c20';   // "Now is the time for all "

    it('Grabbe: key 133457799BBCDFF1, 0123456789ABCDEF → 85E813540F0AB405, and back', () => {
      expect(run('ecb', 'encrypt', '133457799bbcdff1', '0123456789abcdef')).toBe('85e813540f0ab405');
      expect(run('ecb', 'decrypt', '133457799bbcdff1', '85e813540f0ab405')).toBe('0123456789abcdef');
    });
    it('FIPS 81 ECB: key 0123456789abcdef, "Now is the time for all "', () => {
      expect(run('ecb', 'encrypt', '0123456789abcdef', NOW)).toBe('3fa40e8a984d48156a271787ab8883f9893d51ec4b563b53');
      expect(run('ecb', 'decrypt', '0123456789abcdef', '3fa40e8a984d48156a271787ab8883f9893d51ec4b563b53')).toBe(NOW);
    });
    it('FIPS 81 CBC: the same with IV 1234567890abcdef', () => {
      expect(run('cbc', 'encrypt', '0123456789abcdef', NOW, '1234567890abcdef')).toBe('e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6');
      expect(run('cbc', 'decrypt', '0123456789abcdef', 'e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6', '1234567890abcdef')).toBe(NOW);
    });
    it('random keys and blocks agree with src/reference.ts both ways', () => {
      const rand = generator(5);
      for (let n = 0; n < 50; n++) {
        const key = rand.bytes(8), block = rand.bytes(8);
        expect(run('ecb', 'encrypt', hex(key), hex(block))).toBe(hex(desEncryptBlock(key, block)));
        expect(run('ecb', 'decrypt', hex(key), hex(block))).toBe(hex(desDecryptBlock(key, block)));
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Modes against OpenSSL.

/**
 * The modes OpenSSL has (and CTR), checked here; the other CFB segments and OFB feedbacks are
 * checked against pycryptodome in test/engine-modes.test.ts.
 */
type OpenSslMode = Extract<EngineMode, 'ecb' | 'cbc' | 'cfb64' | 'cfb8' | 'cfb1' | 'ofb' | 'ctr'>;

/** OpenSSL's names for the modes (CTR has none: it is checked against ECB of the counters). */
const OPENSSL_MODE: Record<Exclude<OpenSslMode, 'ctr'>, string> = {
  ecb: 'ecb', cbc: 'cbc', cfb64: 'cfb', cfb8: 'cfb8', cfb1: 'cfb1', ofb: 'ofb',
};

/** A request to OpenSSL: `blockwise` runs each 8-byte block on its own (ECB out of CBC with a zero IV). */
interface Request { name: string; key: string; iv: string | null; data: string; decrypt: boolean; blockwise?: boolean }

function opensslHere(r: Request): string {
  const run = (data: Uint8Array) => {
    const key = unhex(r.key), iv = r.iv === null ? null : unhex(r.iv);
    const c = r.decrypt ? crypto.createDecipheriv(r.name, key, iv) : crypto.createCipheriv(r.name, key, iv);
    c.setAutoPadding(false);
    return Buffer.concat([c.update(data), c.final()]);
  };
  const data = unhex(r.data);
  if (!r.blockwise) return hex(run(data));
  const parts = [];
  for (let i = 0; i < data.length; i += 8) parts.push(run(data.subarray(i, i + 8)));
  return hex(Buffer.concat(parts));
}

/**
 * Single DES and DESX live in OpenSSL 3's legacy provider: the shared helper's one child
 * `node --openssl-legacy-provider` answers every such request at once. A blockwise request
 * becomes one case per 8-byte block.
 */
function opensslLegacy(requests: Request[]): string[] {
  if (requests.length === 0) return [];
  const cases: LegacyCase[] = [];
  const spans = requests.map((r) => {
    const data = unhex(r.data);
    const pieces = r.blockwise ? Array.from({ length: data.length / 8 }, (_, i) => data.subarray(8 * i, 8 * i + 8)) : [data];
    const start = cases.length;
    for (const piece of pieces) {
      cases.push({ name: r.name, direction: r.decrypt ? 'decrypt' : 'encrypt', key: unhex(r.key),
        iv: r.iv === null ? null : unhex(r.iv), data: piece, padding: false });
    }
    return [start, cases.length] as const;
  });
  const answers = legacyNode(cases).map((o) => {
    if (!('ok' in o)) throw new Error(`node --openssl-legacy-provider refused a case (single DES and DESX need it): ${o.error}`);
    return o.ok;
  });
  return spans.map(([start, end]) => answers.slice(start, end).join(''));
}

/** One block of DESX by OpenSSL's DES (as des-ede3-ecb with K‖K‖K, which is E_K) inside the whitening. */
function desxBlock(key: Uint8Array): (block: Uint8Array) => Uint8Array {
  const des = crypto.createCipheriv('des-ede3-ecb', Buffer.concat([key.subarray(0, 8), key.subarray(0, 8), key.subarray(0, 8)]), null);
  des.setAutoPadding(false);
  const inner = key.subarray(8, 16), outer = key.subarray(16, 24);
  return (block) => xor(new Uint8Array(des.update(xor(block, inner))), outer);
}

/** One block of Triple-DES by OpenSSL. */
function tdesBlock(key: Uint8Array): (block: Uint8Array) => Uint8Array {
  const c = crypto.createCipheriv('des-ede3-ecb', key, null);
  c.setAutoPadding(false);
  return (block) => new Uint8Array(c.update(block));
}

/**
 * The feedback and counter modes as SP 800-38A and FIPS 81 describe them, over a block-encryption
 * function: the expected output for DESX, where OpenSSL has no such modes.
 */
function textbook(mode: 'cfb64' | 'cfb8' | 'cfb1' | 'ofb' | 'ctr', encryptBlock: (b: Uint8Array) => Uint8Array,
  iv: Uint8Array, input: Uint8Array, decrypt: boolean): Uint8Array {
  const out = new Uint8Array(input.length);
  let register: Uint8Array = iv.slice();
  if (mode === 'cfb1') {
    for (let i = 0; i < input.length * 8; i++) {
      const x = (input[i >> 3] >> (7 - (i & 7))) & 1;
      const o = x ^ (encryptBlock(register)[0] >> 7);
      out[i >> 3] |= o << (7 - (i & 7));
      register = blockBytes((blockValue(register) << 1n) | BigInt(decrypt ? x : o));
    }
    return out;
  }
  if (mode === 'cfb8') {
    for (let i = 0; i < input.length; i++) {
      out[i] = input[i] ^ encryptBlock(register)[0];
      register = Uint8Array.from([...register.subarray(1), decrypt ? input[i] : out[i]]);
    }
    return out;
  }
  for (let i = 0; i < input.length; i += 8) {
    const keystream = encryptBlock(register);
    const n = Math.min(8, input.length - i);
    for (let j = 0; j < n; j++) out[i + j] = input[i + j] ^ keystream[j];
    if (mode === 'ofb') register = keystream;
    else if (mode === 'ctr') register = blockBytes(blockValue(register) + 1n);
    else register = (decrypt ? input : out).slice(i, i + 8);          // cfb64: the ciphertext block
  }
  return out;
}

/** The successive counters from `iv` (mod 2^64) covering `length` bytes, as one buffer. */
function counters(iv: Uint8Array, length: number): Uint8Array {
  const blocks = Math.ceil(length / 8);
  const out = new Uint8Array(blocks * 8);
  for (let i = 0; i < blocks; i++) out.set(blockBytes(blockValue(iv) + BigInt(i)), i * 8);
  return out;
}

interface Case {
  algorithm: Algorithm; mode: OpenSslMode; direction: Direction;
  key: Uint8Array; iv: Uint8Array; input: Uint8Array;
  /** Where to cut the message into process() calls. */
  cuts: number[];
  expected?: Uint8Array;
}

const MODES: OpenSslMode[] = ['ecb', 'cbc', 'cfb64', 'cfb8', 'cfb1', 'ofb', 'ctr'];
const ALGORITHMS: Algorithm[] = ['des', 'tdes', 'desx'];
const KEY_BYTES: Record<Algorithm, number> = { des: 8, tdes: 24, desx: 24 };

/** Random messages of 0 … 5000 bytes (fewer bytes for CFB-1, a block operation per bit), and the edges. */
function makeCases(): Case[] {
  const rand = generator(20240601);
  const cases: Case[] = [];
  for (const algorithm of ALGORITHMS) {
    for (const mode of MODES) {
      for (const direction of ['encrypt', 'decrypt'] as Direction[]) {
        const whole = mode === 'ecb' || mode === 'cbc';
        const lengths = whole ? [0, 8, 16, 24, 256, 264] : [0, 1, 7, 8, 9, 15, 16, 17, 255, 256, 257];
        for (let i = 0; i < 6; i++) lengths.push(rand.int(mode === 'cfb1' ? 1500 : 5001));
        for (let length of lengths) {
          if (whole) length -= length % 8;
          const input = rand.bytes(length);
          const cuts = [];
          for (let at = 0; at < length;) {
            at += 1 + rand.int(rand.int(2) ? 24 : 1200);
            if (whole) at += (8 - (at % 8)) % 8;
            cuts.push(Math.min(at, length));
          }
          cases.push({ algorithm, mode, direction, key: rand.bytes(KEY_BYTES[algorithm]), iv: rand.bytes(8), input, cuts });
        }
      }
    }
  }
  return cases;
}

/** The expected output of every case, from OpenSSL (see the top of this file). */
function computeExpected(cases: Case[]): void {
  const legacy: { request: Request; finish: (out: Uint8Array) => void }[] = [];
  for (const c of cases) {
    const decrypt = c.direction === 'decrypt';
    const { key, iv, input, algorithm, mode } = c;
    const prefix = algorithm === 'tdes' ? 'des-ede3' : 'des';
    if (mode === 'ctr') {
      // CTR: input ⊕ ECB(counter, counter + 1, …), the same both ways.
      const blocks = counters(iv, input.length);
      const finish = (ks: Uint8Array) => { c.expected = xor(input, ks.subarray(0, input.length)); };
      if (algorithm === 'tdes') finish(unhex(opensslHere({ name: 'des-ede3-ecb', key: hex(key), iv: null, data: hex(blocks), decrypt: false })));
      else if (algorithm === 'des') legacy.push({ request: { name: 'des-ecb', key: hex(key), iv: null, data: hex(blocks), decrypt: false }, finish });
      else legacy.push({ request: { name: 'desx-cbc', key: hex(key), iv: '0000000000000000', data: hex(blocks), decrypt: false, blockwise: true }, finish });
      continue;
    }
    if (algorithm === 'desx') {
      if (mode === 'ecb' || mode === 'cbc') {
        const request = { name: 'desx-cbc', key: hex(key), iv: mode === 'ecb' ? '0000000000000000' : hex(iv), data: hex(input), decrypt, blockwise: mode === 'ecb' };
        legacy.push({ request, finish: (out) => { c.expected = out; } });
      } else {
        c.expected = textbook(mode, desxBlock(key), iv, input, decrypt);
      }
      continue;
    }
    const name = `${prefix}-${OPENSSL_MODE[mode]}`;
    const request = { name, key: hex(key), iv: mode === 'ecb' ? null : hex(iv), data: hex(input), decrypt };
    if (algorithm === 'tdes') c.expected = unhex(opensslHere(request));
    else legacy.push({ request, finish: (out) => { c.expected = out; } });
  }
  const answers = opensslLegacy(legacy.map((l) => l.request));
  legacy.forEach((l, i) => l.finish(unhex(answers[i])));
}

/** Run a case through the engine, one process() call per piece, some in place. */
function runCase(build: Build, c: Case): Uint8Array {
  const streaming = c.mode !== 'ecb' && c.mode !== 'cbc';
  const schedule = expand(build, c.algorithm, c.key, streaming ? 'encrypt' : c.direction);
  const state = engine.newState(c.iv);
  const out = new Uint8Array(c.input.length);
  let from = 0;
  for (const [i, to] of c.cuts.entries()) {
    if (i % 3 === 2) {                                             // in place
      const piece = c.input.slice(from, to);
      engine.runMode(c.mode, c.direction, schedule, state, piece, piece);
      out.set(piece, from);
    } else {
      engine.runMode(c.mode, c.direction, schedule, state, c.input.subarray(from, to), out.subarray(from, to));
    }
    from = to;
  }
  schedule.wipe();
  return out;
}

const cases = makeCases();
computeExpected(cases);

describe('the textbook modes used for DESX agree with OpenSSL on Triple-DES', () => {
  const rand = generator(7);
  for (const mode of ['cfb64', 'cfb8', 'cfb1', 'ofb'] as const) {
    for (const decrypt of [false, true]) {
      it(`${mode} ${decrypt ? 'decrypt' : 'encrypt'}`, () => {
        const key = rand.bytes(24), iv = rand.bytes(8), input = rand.bytes(mode === 'cfb1' ? 100 : 1003);
        const request = { name: `des-ede3-${OPENSSL_MODE[mode]}`, key: hex(key), iv: hex(iv), data: hex(input), decrypt };
        expect(hex(textbook(mode, tdesBlock(key), iv, input, decrypt))).toBe(opensslHere(request));
      });
    }
  }
  it('and the DESX block function agrees with OpenSSL\'s desx-cbc on single blocks', () => {
    const key = rand.bytes(24), input = rand.bytes(64);
    const blockwise = opensslLegacy([{ name: 'desx-cbc', key: hex(key), iv: '0000000000000000', data: hex(input), decrypt: false, blockwise: true }])[0];
    const ours = [];
    for (let i = 0; i < 64; i += 8) ours.push(hex(desxBlock(key)(input.subarray(i, i + 8))));
    expect(ours.join('')).toBe(blockwise);
  });
});

for (const build of builds) describe(`modes against OpenSSL, ${build.name}`, () => {
  beforeAll(() => engine.selectEngine(build.kind));
  for (const algorithm of ALGORITHMS) {
    for (const mode of MODES) {
      for (const direction of ['encrypt', 'decrypt'] as Direction[]) {
        const mine = cases.filter((c) => c.algorithm === algorithm && c.mode === mode && c.direction === direction);
        const longest = Math.max(...mine.map((c) => c.input.length));
        it(`${algorithm} ${mode} ${direction}: ${mine.length} messages of 0 … ${longest} bytes, in random pieces`, () => {
          for (const c of mine) {
            expect(hex(runCase(build, c)), `${c.input.length} bytes cut at ${c.cuts.join(',')}`).toBe(hex(c.expected!));
          }
        });
      }
    }
  }
});

for (const build of builds) describe(`edges, ${build.name}`, () => {
  beforeAll(() => engine.selectEngine(build.kind));
  const rand = generator(8);

  it('CTR: the counter is the whole block, big-endian, wrapping from ffffffffffffffff to 0', () => {
    // 7 counters fd, fe, ff, 0, 1, 2, 3 for 52 bytes (scalar path), and 300 counters across the
    // wrap (the bitsliced batches on the SIMD build).
    const plans = [{ iv: 'fffffffffffffffd', length: 52, next: '0000000000000004' },
      { iv: 'ffffffffffffff80', length: 2397, next: '00000000000000ac' }];
    for (const { iv, length, next } of plans) {
      const input = rand.bytes(length);
      const blocks = counters(unhex(iv), length);
      const key24 = rand.bytes(24), key8 = key24.subarray(0, 8);
      const [desEcb, desxEcb] = opensslLegacy([
        { name: 'des-ecb', key: hex(key8), iv: null, data: hex(blocks), decrypt: false },
        { name: 'desx-cbc', key: hex(key24), iv: '0000000000000000', data: hex(blocks), decrypt: false, blockwise: true },
      ]);
      const expected: Record<Algorithm, string> = {
        des: desEcb,
        tdes: opensslHere({ name: 'des-ede3-ecb', key: hex(key24), iv: null, data: hex(blocks), decrypt: false }),
        desx: desxEcb,
      };
      for (const algorithm of ALGORITHMS) {
        const state = engine.newState(unhex(iv));
        const out = new Uint8Array(length);
        const schedule = expand(build, algorithm, algorithm === 'des' ? key8 : key24, 'encrypt');
        engine.runMode('ctr', 'encrypt', schedule, state, input.subarray(0, 13), out.subarray(0, 13));
        engine.runMode('ctr', 'encrypt', schedule, state, input.subarray(13), out.subarray(13));
        expect(hex(out), algorithm).toBe(hex(xor(input, unhex(expected[algorithm]).subarray(0, length))));
        expect(hex(state.register)).toBe(next);
        expect(state.used).toBe(length % 8);
      }
    }
  });

  it('messages longer than the data region, cut anywhere (each call goes through it in chunks)', () => {
    const { dataRegionBytes } = engine.engineInfo();
    for (const mode of MODES) {
      const length = mode === 'cfb1' ? dataRegionBytes + 301 : 2 * dataRegionBytes + (mode === 'ecb' || mode === 'cbc' ? 24 : 13);
      const key = rand.bytes(24), iv = rand.bytes(8), input = rand.bytes(length);
      const expected = mode === 'ctr'
        ? xor(input, unhex(opensslHere({ name: 'des-ede3-ecb', key: hex(key), iv: null, data: hex(counters(iv, length)), decrypt: false })))
        : unhex(opensslHere({ name: `des-ede3-${OPENSSL_MODE[mode]}`, key: hex(key), iv: mode === 'ecb' ? null : hex(iv), data: hex(input), decrypt: false }));
      const cut = mode === 'ecb' || mode === 'cbc' ? dataRegionBytes + 8 : dataRegionBytes - 3;
      const c: Case = { algorithm: 'tdes', mode, direction: 'encrypt', key, iv, input, cuts: [cut, length] };
      expect(hex(runCase(build, c)) === hex(expected), mode).toBe(true);
    }
  });

  it('CFB-1 with a bit count that is not whole bytes: the bits given, most significant first', () => {
    const key = rand.bytes(24), iv = rand.bytes(8), input = rand.bytes(20);
    const full = unhex(opensslHere({ name: 'des-ede3-cfb1', key: hex(key), iv: hex(iv), data: hex(input), decrypt: false }));
    for (const bits of [1, 3, 13, 64, 100, 159]) {
      const out = new Uint8Array(input.length);
      const state = engine.newState(iv);
      engine.runMode('cfb1', 'encrypt', expand(build, 'tdes', key, 'encrypt'), state, input, out, bits);
      const first = (b: Uint8Array) => bitsOf(valueOf([...b].flatMap((v) => bitsOf(BigInt(v), 8))), 160).slice(0, bits);
      expect(first(out)).toEqual(first(full));
      // The register is the last 64 bits of IV ‖ ciphertext.
      const stream = [...bitsOf(blockValue(iv), 64), ...first(full)];
      expect(hex(state.register)).toBe(hex(blockBytes(valueOf(stream.slice(stream.length - 64)))));
    }
  });

  it('2-key Triple-DES as K1‖K2‖K1 is OpenSSL\'s des-ede-cbc', () => {
    const key16 = rand.bytes(16), iv = rand.bytes(8), input = rand.bytes(800);
    const key24 = new Uint8Array([...key16, ...key16.subarray(0, 8)]);
    const c: Case = { algorithm: 'tdes', mode: 'cbc', direction: 'encrypt', key: key24, iv, input, cuts: [96, 800] };
    expect(hex(runCase(build, c))).toBe(opensslHere({ name: 'des-ede-cbc', key: hex(key16), iv: hex(iv), data: hex(input), decrypt: false }));
  });

  it('leaves nothing but the tables in the module\'s memory after each call (no key, schedule, state, data or scratch)', () => {
    const clear = engine.leftovers;
    for (const algorithm of ALGORITHMS) {
      for (const mode of MODES) {
        const schedule = expand(build, algorithm, rand.bytes(KEY_BYTES[algorithm]), 'encrypt');
        expect(clear(), `${algorithm} expandKey`).toEqual([]);
        const input = rand.bytes(mode === 'ecb' || mode === 'cbc' ? 4096 : 4099);
        engine.runMode(mode, 'encrypt', schedule, engine.newState(rand.bytes(8)), input, new Uint8Array(input.length));
        expect(clear(), `${algorithm} ${mode}`).toEqual([]);
      }
    }
    // Even when the call fails half-way (here: an output too short to copy into).
    const schedule = expand(build, 'tdes', rand.bytes(24), 'encrypt');
    expect(() => engine.runMode('cbc', 'encrypt', schedule, engine.newState(), rand.bytes(64), new Uint8Array(8))).toThrow();
    expect(clear()).toEqual([]);
  });

  it('wipeState zeroes the chaining state', () => {
    const state = engine.newState(rand.bytes(8));
    engine.runMode('ofb', 'encrypt', expand(build, 'des', rand.bytes(8), 'encrypt'), state, rand.bytes(13), new Uint8Array(13));
    engine.wipeState(state);
    expect([...state.register, ...state.keystream, state.used].every((v) => v === 0)).toBe(true);
  });
});

describe('loading', () => {
  it('the scalar build loads behind ready(): used before, the engine says so; after, it runs', async () => {
    const loading = engine.selectEngine('scalar');
    expect(() => engine.engineInfo()).toThrow('des-wasm: the WebAssembly engine is still loading; await ready() first (the scalar build (for runtimes without WebAssembly SIMD) loads asynchronously)');
    await engine.ready();
    await loading;
    expect(engine.engineInfo().simd).toBe(false);
  });

  it.runIf(engine.runtimeHasSimd())('a load overtaken by a later one does not install itself', async () => {
    const scalar = engine.selectEngine('scalar');
    await engine.selectEngine('simd');
    await scalar;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.engineInfo().simd).toBe(true);
  });
});

describe('memory', () => {
  it('encrypting 64 MiB in 1 MiB pieces leaves the memory size unchanged', async () => {
    await engine.selectEngine(engine.runtimeHasSimd() ? 'simd' : 'scalar');
    const before = engine.engineInfo().memoryBytes;
    const schedule = engine.expandKey('des', generator(9).bytes(8), 'encrypt');
    const state = engine.newState();
    const piece = new Uint8Array(1 << 20);
    for (let i = 0; i < 64; i++) engine.runMode('ctr', 'encrypt', schedule, state, piece, piece);
    expect(engine.engineInfo().memoryBytes).toBe(before);
    expect(hex(state.register)).toBe(hex(blockBytes(BigInt(64 * (1 << 17)))));
  });

  it('reports its layout', () => {
    const info = engine.engineInfo();
    expect(info.dataRegionBytes).toBeGreaterThanOrEqual(32 * 1024);
    expect(info.memoryBytes).toBeGreaterThan(info.dataRegionBytes);
  });
});

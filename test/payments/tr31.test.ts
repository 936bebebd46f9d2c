// TR-31 / ANSI X9.143 key blocks, versions A, B, C. Truth comes from two places:
//  - vectors/payments/tr31_tdes_key_blocks.json (TR-31:2018 Annex A, X9.143:2021 §8, payShield,
//    psec): every `match` block unwraps to its clear key and KCV, and re-wrapping with the padding
//    recovered by the independent peer reproduces the published block, character for character;
//  - tr31_peer.py, a TR-31 written in Python on pycryptodome's DES3 and CMAC, which wraps and
//    unwraps random blocks that must agree with ours both ways.
// Then every error code, and a seeded fast-check round trip with corruptions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { tr31 } from '../../src/payments/index.js';
import type { Tr31Header } from '../../src/payments/index.js';
import { DesError, bytesToHex, hexToBytes, kcv } from '../../src/index.js';
import { Rng, testSeed } from '../helpers/peers.js';
import { runPython } from '../helpers/pycryptodome.js';
import { countStatus } from '../helpers/vector-status.js';
import { loadJson } from '../helpers/vectors.js';

const PEER = join(__dirname, 'tr31_peer.py');

interface Vector {
  label: string; version: string; kbpk: string; key_block: string; expected: string;
  kcv_expected?: string; status: string;
}
type PeerUnwrap = { ok: true; key: string; padding: string; kcv: string; header_length: number } | { ok: false; why: string };
interface PeerWrap {
  op: 'wrap'; kbpk: string; version: string; fields: string; blocks: [string, string][];
  key: string; padding: string; bits?: number;
}

const HEX = (b: Uint8Array) => bytesToHex(b).toUpperCase();
const peerUnwrap = (items: { kbpk: string; block: string }[]) =>
  runPython<PeerUnwrap[]>(PEER, items.map((i) => ({ op: 'unwrap', ...i })));
const peerWrap = (items: PeerWrap[]) => runPython<{ block: string }[]>(PEER, items).map((r) => r.block);
const fieldsOf = (h: Tr31Header) => h.keyUsage + h.algorithm + h.modeOfUse + h.keyVersionNumber + h.exportability;

/** The DesError code `f` throws (failing the test when it returns or throws something else). */
function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof DesError) return error.code;
    throw error;
  }
  throw new Error('expected a DesError, got a result');
}
function throws(f: () => unknown, code: string, message?: string | RegExp) {
  let caught: unknown;
  try { f(); } catch (error) { caught = error; }
  expect(caught, 'expected a DesError').toBeInstanceOf(DesError);
  expect((caught as DesError).code).toBe(code);
  if (typeof message === 'string') expect((caught as DesError).message).toBe(message);
  else if (message) expect((caught as DesError).message).toMatch(message);
}

const file = loadJson<{ vectors: Vector[] }>('payments/tr31_tdes_key_blocks.json');
const matches = file.vectors.filter((v) => v.status === 'match');

describe('published TR-31 key blocks (vectors/payments/tr31_tdes_key_blocks.json)', () => {
  it('every match value unwraps to its key and KCV and re-wraps to the same block', () => {
    const peer = peerUnwrap(matches.map((v) => ({ kbpk: v.kbpk, block: v.key_block })));
    let ran = 0, kcvPublished = 0;
    matches.forEach((v, i) => {
      const kbpk = hexToBytes(v.kbpk);
      const { header, key } = tr31.unwrap(kbpk, v.key_block);
      expect(HEX(key), v.label).toBe(v.expected);
      expect(header.version).toBe(v.version);
      const p = peer[i];
      if (!p.ok) throw new Error(`peer could not unwrap ${v.label}`);
      expect(p.key).toBe(v.expected);
      // KCV: the published one where the source gives it, else the peer's.
      if (v.kcv_expected) kcvPublished++;
      expect(HEX(kcv(key)), v.label).toBe(v.kcv_expected ?? p.kcv);
      const padding = hexToBytes(p.padding);
      // Re-wrap from the header string and from the parsed header, with the recovered padding.
      expect(tr31.wrap(kbpk, v.key_block.slice(0, p.header_length), key, { padding }), v.label).toBe(v.key_block);
      expect(tr31.wrap(kbpk, header, key, { padding }), v.label).toBe(v.key_block);
      // Lenient reading: lower-case hex in the payload and MAC is the same block.
      const lower = v.key_block.slice(0, p.header_length) + v.key_block.slice(p.header_length).toLowerCase();
      expect(HEX(tr31.unwrap(kbpk, lower).key)).toBe(v.expected);
      ran++;
    });
    const skipped = file.vectors.length - matches.length;
    console.log(`[tr31] ran ${ran} match values (${kcvPublished} with a published KCV), re-wrapped all ${ran} to the published block; skipped ${skipped} other statuses`);
    expect(ran).toBe(countStatus(file, 'match'));
    expect(ran).toBeGreaterThan(0);
  });

  it('reads the optional blocks in order, the PB block included', () => {
    const withPb = matches.find((v) => /PB/.test(v.key_block.slice(16, 60)))!;
    expect(withPb).toBeDefined();
    const { header } = tr31.unwrap(hexToBytes(withPb.kbpk), withPb.key_block);
    expect(header.optionalBlocks.map(([id]) => id)).toEqual(['KS', 'PB']);
    expect(header.optionalBlocks.length).toBe(Number(withPb.key_block.slice(12, 14)));
  });
});

// ---------------------------------------------------------------------------------------------

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = ID_CHARS + 'abcdefghijklmnopqrstuvwxyz';
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

function randomCase(rng: Rng) {
  const version = (['A', 'B', 'C'] as const)[rng.int(0, 2)];
  const kbpk = rng.bytes(rng.int(0, 1) ? 24 : 16);
  const key = rng.bytes([8, 16, 24].filter((n) => n <= kbpk.length)[rng.int(0, kbpk.length / 8 - 1)]);
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[rng.int(0, chars.length - 1)]).join('');
  const ids = new Set<string>();
  const blocks: [string, string][] = [];
  for (let n = rng.int(0, 3); n > 0; n--) {
    const id = pick(ID_CHARS, 2);
    if (id === 'PB' || ids.has(id)) continue;
    ids.add(id);
    blocks.push([id, pick(PRINTABLE, rng.int(0, 9) === 0 ? rng.int(252, 300) : rng.int(0, 30))]);
  }
  const header: Tr31Header = {
    version, keyUsage: pick(ALNUM, 2), algorithm: pick(ALNUM, 1), modeOfUse: pick(ALNUM, 1),
    keyVersionNumber: pick(ALNUM, 2), exportability: pick(ALNUM, 1), optionalBlocks: blocks,
  };
  const masked = rng.int(0, 2) === 0 ? undefined : key.length + 8 * rng.int(0, 2);
  const padLength = (masked ?? key.length) - key.length + 6;
  return { kbpk, key, header, masked, padding: rng.bytes(padLength) };
}

describe('against an independent TR-31 (Python, pycryptodome)', () => {
  it('random wraps agree both ways: same block from the same padding; each unwraps the other', () => {
    const seed = testSeed('tr31-peer', 0x7231);
    const rng = new Rng(seed);
    const cases = Array.from({ length: 40 }, () => randomCase(rng));
    const ours = cases.map((c) => tr31.wrap(c.kbpk, c.header, c.key, { maskedKeyLength: c.masked, padding: c.padding }));
    const theirs = peerWrap(cases.map((c) => ({
      op: 'wrap', kbpk: HEX(c.kbpk), version: c.header.version, fields: fieldsOf(c.header),
      blocks: c.header.optionalBlocks, key: HEX(c.key), padding: HEX(c.padding),
    })));
    expect(ours).toEqual(theirs);
    const unwrapped = peerUnwrap(cases.map((c, i) => ({ kbpk: HEX(c.kbpk), block: ours[i] })));
    cases.forEach((c, i) => {
      expect(unwrapped[i]).toMatchObject({ ok: true, key: HEX(c.key), padding: HEX(c.padding) });
      expect(HEX(tr31.unwrap(c.kbpk, theirs[i]).key)).toBe(HEX(c.key));
    });
    const versions = new Set(cases.map((c) => `${c.header.version}${c.kbpk.length}`));
    const extended = cases.filter((c) => c.header.optionalBlocks.some(([, d]) => d.length > 251)).length;
    console.log(`[tr31] ${cases.length} random blocks identical to the peer's (${[...versions].sort().join(' ')}; ${extended} with an extended-length optional block)`);
    expect(versions.size).toBe(6);
    expect(extended).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------

const K16 = hexToBytes('89E88CF7931444F334BD7547FC3F380C');
const KEY16 = hexToBytes('F039121BEC83D26B169BDCD5B22AAF8F');
const HEADER: Tr31Header = {
  version: 'B', keyUsage: 'P0', algorithm: 'T', modeOfUse: 'E', keyVersionNumber: '00', exportability: 'N', optionalBlocks: [],
};
/** A block of each version under K16, and one with a KS optional block. */
const good = (version: 'A' | 'B' | 'C', optionalBlocks: [string, string][] = []) =>
  tr31.wrap(K16, { ...HEADER, version, optionalBlocks }, KEY16);
/** Replace characters at `at` and fix nothing else. */
const patch = (block: string, at: number, text: string) => block.slice(0, at) + text + block.slice(at + text.length);
/** Replace characters and rewrite the length field to the new length. */
const relength = (block: string) => block[0] + String(block.length).padStart(4, '0') + block.slice(5);

describe('wrap writes', () => {
  it('the payload for the key alone by default, random padding each time, and a masked length when asked', () => {
    const a = good('A'), b = good('A');
    expect(a.length).toBe(16 + 2 * 24 + 8);             // 2 + 16 + 6 bytes of payload, 4-byte MAC
    expect(a).not.toBe(b);
    expect(good('B').length).toBe(16 + 2 * 24 + 16);    // 8-byte MAC
    expect(tr31.wrap(K16, HEADER, KEY16, { maskedKeyLength: 24 }).length).toBe(16 + 2 * 32 + 16);
    expect(tr31.wrap(K16, HEADER, KEY16, { padding: new Uint8Array(14) }).length).toBe(16 + 2 * 32 + 16);
    for (const block of [a, b]) expect(HEX(tr31.unwrap(K16, block).key)).toBe(HEX(KEY16));
  });

  it('a PB block of zeros when the optional blocks do not end on 8 characters, counted; none when they do', () => {
    const padded = good('C', [['TT', 'HelloWorld']]);
    expect(padded.slice(12, 14)).toBe('02');
    expect(padded.slice(16, 40)).toBe('TT0EHelloWorldPB0A000000');
    const { header } = tr31.unwrap(K16, padded);
    expect(header.optionalBlocks).toEqual([['TT', 'HelloWorld'], ['PB', '000000']]);
    expect(tr31.wrap(K16, header, KEY16).slice(16, 40)).toBe('TT0EHelloWorldPB0A000000');   // given PB kept
    const exact = good('C', [['KS', '00604B120F9292800000']]);
    expect(exact.slice(12, 14)).toBe('01');
    expect(tr31.unwrap(K16, exact).header.optionalBlocks).toEqual([['KS', '00604B120F9292800000']]);
    // 4 characters past a multiple of 8: PB carries 8 zeros, never none (as psec writes it).
    expect(good('A', [['XX', '']]).slice(16, 32)).toBe('XX04PB0C00000000');
  });

  it('a header string as given, its length field recomputed; proprietary letters and digits', () => {
    const given = 'B0000a7q9zXE0100KS1800604B120F9292800000';
    const block = tr31.wrap(K16, given, KEY16);
    expect(block.slice(5, given.length)).toBe(given.slice(5));
    expect(Number(block.slice(1, 5))).toBe(block.length);
    expect(tr31.unwrap(K16, block).header).toEqual({ version: 'B', keyUsage: 'a7', algorithm: 'q', modeOfUse: '9',
      keyVersionNumber: 'zX', exportability: 'E', optionalBlocks: [['KS', '00604B120F9292800000']] });
  });

  it('leaves the caller\'s buffers alone and takes Buffers', () => {
    const kbpk = Buffer.from(K16), key = Buffer.from(KEY16), padding = Buffer.alloc(6, 7);
    const block = tr31.wrap(kbpk, HEADER, key, { padding });
    const out = tr31.unwrap(kbpk, block);
    expect(HEX(kbpk)).toBe(HEX(K16));
    expect(HEX(key)).toBe(HEX(KEY16));
    expect(HEX(padding)).toBe('070707070707');
    expect(HEX(out.key)).toBe(HEX(KEY16));
  });
});

describe('unwrap errors', () => {
  it('ERR_TR31_MAC: a changed MAC, payload, header field or KBPK; no key material', () => {
    for (const version of ['A', 'B', 'C'] as const) {
      const block = good(version);
      const last = block.length - 1;
      const flip = (c: string) => (c === '0' ? '1' : '0');
      throws(() => tr31.unwrap(K16, patch(block, last, flip(block[last]))), 'ERR_TR31_MAC',
        'block: MAC verification failed (wrong KBPK, or the block was altered)');
      throws(() => tr31.unwrap(K16, patch(block, 20, flip(block[20]))), 'ERR_TR31_MAC');
      throws(() => tr31.unwrap(K16, patch(block, 11, 'E')), 'ERR_TR31_MAC');     // exportability N → E
      const other = K16.slice();
      other[0] ^= 0x02;                                   // not the parity bit, which DES ignores
      throws(() => tr31.unwrap(other, block), 'ERR_TR31_MAC');
    }
  });

  it('ERR_TR31_FORMAT: the length field', () => {
    const block = good('A');
    throws(() => tr31.unwrap(K16, patch(block, 1, '0073')), 'ERR_TR31_FORMAT', 'block length field: says 0073 characters, the block has 72');
    throws(() => tr31.unwrap(K16, patch(block, 1, '00X2')), 'ERR_TR31_FORMAT', 'block length field: expected 4 decimal digits, got "00X2"');
    throws(() => tr31.unwrap(K16, block + '00'), 'ERR_TR31_FORMAT', /says 0072 characters, the block has 74/);
    throws(() => tr31.unwrap(K16, 'A0010P0TE'), 'ERR_TR31_FORMAT', 'block: expected at least 16 characters, got 9');
    throws(() => tr31.unwrap(K16, ''), 'ERR_TR31_FORMAT');
  });

  it('ERR_TR31_FORMAT: characters of the header fields and the payload', () => {
    const block = good('B');
    throws(() => tr31.unwrap(K16, patch(block, 5, 'P*')), 'ERR_TR31_FORMAT', 'block keyUsage: expected 2 letters or digits, got "P*"');
    throws(() => tr31.unwrap(K16, patch(block, 7, ' ')), 'ERR_TR31_FORMAT', 'block algorithm: expected 1 letter or digit, got " "');
    throws(() => tr31.unwrap(K16, patch(block, 8, '-')), 'ERR_TR31_FORMAT', /modeOfUse/);
    throws(() => tr31.unwrap(K16, patch(block, 9, '0.')), 'ERR_TR31_FORMAT', /keyVersionNumber/);
    throws(() => tr31.unwrap(K16, patch(block, 11, '\u00e9')), 'ERR_TR31_FORMAT', /exportability/);
    throws(() => tr31.unwrap(K16, patch(block, 12, '0A')), 'ERR_TR31_FORMAT', 'block number of optional blocks: expected 2 decimal digits, got "0A"');
    throws(() => tr31.unwrap(K16, patch(block, 14, '0_')), 'ERR_TR31_FORMAT', /reserved field/);
    throws(() => tr31.unwrap(K16, patch(block, 30, 'G')), 'ERR_TR31_FORMAT', /must be hex digits/);
  });

  it('ERR_TR31_FORMAT: optional block structure', () => {
    const block = good('C', [['KS', '00604B120F9292800000']]);      // KS18…: 24 characters from 16
    throws(() => tr31.unwrap(K16, patch(block, 16, 'K?')), 'ERR_TR31_FORMAT', 'block optional block 1 of 1: ID must be 2 letters or digits, got "K?"');
    throws(() => tr31.unwrap(K16, patch(block, 18, '1Z')), 'ERR_TR31_FORMAT', 'block optional block 1 of 1 (KS): length must be 2 hex digits, got "1Z"');
    throws(() => tr31.unwrap(K16, patch(block, 18, '03')), 'ERR_TR31_FORMAT', /length 3 is shorter than the block's own ID and length/);
    throws(() => tr31.unwrap(K16, patch(block, 18, 'FF')), 'ERR_TR31_FORMAT', /length 255 runs past the end of the key block \(character 96\)/);
    throws(() => tr31.unwrap(K16, patch(block, 12, '99')), 'ERR_TR31_FORMAT', /optional block \d+ of 99/);
    throws(() => tr31.unwrap(K16, patch(block, 20, '\u0001')), 'ERR_TR31_FORMAT', /data must be printable ASCII/);
    // Extended length: 00, then the count of length bytes, then the length.
    throws(() => tr31.unwrap(K16, patch(block, 18, '0000')), 'ERR_TR31_FORMAT', /the length of the length is 00/);
    throws(() => tr31.unwrap(K16, patch(block, 18, '00G1')), 'ERR_TR31_FORMAT', /the length of the length must be 2 hex digits/);
    throws(() => tr31.unwrap(K16, patch(block, 18, '0001Z8')), 'ERR_TR31_FORMAT', /expected 2 hex digits, got "Z8"/);
    throws(() => tr31.unwrap(K16, patch(block, 18, '000104')), 'ERR_TR31_FORMAT', /length 4 is shorter than the block's own ID and length \(8 characters\)/);
  });

  it('reads the extended length form it writes', () => {
    const long = 'x'.repeat(300);
    const block = good('B', [['LB', long]]);
    expect(block.slice(16, 24)).toBe('LB000201');         // 300 + 10 = 0x0136
    expect(block.slice(22, 26)).toBe('0136');
    expect(tr31.unwrap(K16, block).header.optionalBlocks[0]).toEqual(['LB', long]);
  });

  it('ERR_TR31_FORMAT: payload length', () => {
    const block = good('A');                                // 48 hex digits of payload, 8 of MAC
    throws(() => tr31.unwrap(K16, relength(block.slice(0, -2))), 'ERR_TR31_FORMAT',
      'block: 54 hex digits after the header; expected an encrypted payload of a multiple of 8 bytes, at least 16, then a 4-byte MAC');
    throws(() => tr31.unwrap(K16, relength(block.slice(0, 16) + block.slice(48))), 'ERR_TR31_FORMAT', /at least 16/);   // 8 bytes left
    throws(() => tr31.unwrap(K16, relength(block.slice(0, 16) + block.slice(64))), 'ERR_TR31_FORMAT');
    throws(() => tr31.unwrap(K16, relength(block.slice(0, 16))), 'ERR_TR31_FORMAT');
  });

  it('ERR_TR31_VERSION: D is AES; anything else unknown', () => {
    const block = good('B');
    throws(() => tr31.unwrap(K16, 'D' + block.slice(1)), 'ERR_TR31_VERSION', 'version D needs an AES KBPK; des-wasm is DES/TDES only');
    throws(() => tr31.unwrap(K16, 'D0016P0AE00N0000'), 'ERR_TR31_VERSION', 'version D needs an AES KBPK; des-wasm is DES/TDES only');
    throws(() => tr31.unwrap(K16, 'E' + block.slice(1)), 'ERR_TR31_VERSION', 'block version: expected key block version A, B or C, got "E"');
    throws(() => tr31.unwrap(K16, '1' + block.slice(1)), 'ERR_TR31_VERSION');
    throws(() => tr31.unwrap(K16, 'b' + block.slice(1)), 'ERR_TR31_VERSION');
    throws(() => tr31.wrap(K16, { ...HEADER, version: 'D' as 'A' }, KEY16), 'ERR_TR31_VERSION', 'version D needs an AES KBPK; des-wasm is DES/TDES only');
    throws(() => tr31.wrap(K16, 'D0000P0AE00N0000', KEY16), 'ERR_TR31_VERSION');
  });

  it('ERR_TR31_KEY_LENGTH: a key length field that is not 64, 128 or 192 bits inside the payload (MAC valid)', () => {
    const crafted = peerWrap([
      { op: 'wrap', kbpk: HEX(K16), version: 'A', fields: 'P0TE00N', blocks: [], key: HEX(KEY16), padding: '000000000000', bits: 256 },
      { op: 'wrap', kbpk: HEX(K16), version: 'B', fields: 'P0TE00N', blocks: [], key: HEX(KEY16), padding: '000000000000', bits: 130 },
      { op: 'wrap', kbpk: HEX(K16), version: 'C', fields: 'P0TE00N', blocks: [], key: '00112233445566778899AABB', padding: '0000', bits: 96 },
      { op: 'wrap', kbpk: HEX(K16), version: 'B', fields: 'P0TE00N', blocks: [], key: HEX(KEY16), padding: '000000000000', bits: 0 },
    ]);
    throws(() => tr31.unwrap(K16, crafted[0]), 'ERR_TR31_KEY_LENGTH', 'block: the decrypted key length field says 256 bits; expected 64, 128 or 192 bits within the 24-byte payload');
    for (const block of crafted.slice(1)) throws(() => tr31.unwrap(K16, block), 'ERR_TR31_KEY_LENGTH');
  });

  it('checks the header even when the MAC verifies', () => {
    // The peer MACs whatever header it is given: a block ID that is not letters or digits.
    const [block] = peerWrap([{ op: 'wrap', kbpk: HEX(K16), version: 'A', fields: 'P0TE00N', blocks: [['K_', '0000']], key: HEX(KEY16), padding: '000000000000' }]);
    throws(() => tr31.unwrap(K16, block), 'ERR_TR31_FORMAT', /ID must be 2 letters or digits, got "K_"/);
  });

  it('arguments: KBPK length, block type', () => {
    throws(() => tr31.unwrap(new Uint8Array(8), good('A')), 'ERR_CRYPTO_INVALID_KEYLEN', 'kbpk: expected Uint8Array of length 16/24, got length=8');
    throws(() => tr31.unwrap(K16, 42 as unknown as string), 'ERR_INVALID_ARG_TYPE', 'block: expected string, got number');
  });
});

describe('wrap errors', () => {
  it('keys, padding and options', () => {
    throws(() => tr31.wrap(new Uint8Array(8), HEADER, KEY16), 'ERR_CRYPTO_INVALID_KEYLEN', /kbpk/);
    throws(() => tr31.wrap(K16, HEADER, new Uint8Array(20)), 'ERR_CRYPTO_INVALID_KEYLEN', 'key: expected Uint8Array of length 8/16/24, got length=20');
    throws(() => tr31.wrap(K16, HEADER, new Uint8Array(24)), 'ERR_CRYPTO_INVALID_KEYLEN', /cannot be wrapped under a 16-byte KBPK/);
    throws(() => tr31.wrap(K16, HEADER, KEY16, { padding: new Uint8Array(5) }), 'ERR_INVALID_ARG_VALUE',
      'padding: 5 bytes make the payload 2 + 16 + 5 = 23 bytes, not a multiple of 8');
    throws(() => tr31.wrap(K16, HEADER, KEY16, { maskedKeyLength: 24, padding: new Uint8Array(6) }), 'ERR_INVALID_ARG_VALUE',
      'padding: expected 14 bytes (payload 2 + 16 + 14 = 32 bytes for maskedKeyLength 24), got 6');
    throws(() => tr31.wrap(K16, HEADER, KEY16, { maskedKeyLength: 8 }), 'ERR_INVALID_ARG_VALUE', /at least the key's 16, got 8/);
    throws(() => tr31.wrap(K16, HEADER, KEY16, { maskedKeyLength: 16.5 }), 'ERR_INVALID_ARG_VALUE');
    throws(() => tr31.wrap(K16, HEADER, KEY16, { maskedKeyLength: 5000 }), 'ERR_TR31_FORMAT', /holds at most 9999/);
    throws(() => tr31.wrap(K16, HEADER, KEY16, { maskedLength: 24 } as never), 'ERR_DES_UNKNOWN_OPTION', /did you mean maskedKeyLength/);
    throws(() => tr31.wrap(K16, HEADER, KEY16, { padding: 'zero' } as never), 'ERR_INVALID_ARG_TYPE');
  });

  it('header fields and optional blocks', () => {
    throws(() => tr31.wrap(K16, { ...HEADER, keyUsage: 'P' }, KEY16), 'ERR_TR31_FORMAT', 'header.keyUsage: expected 2 letters or digits, got "P"');
    throws(() => tr31.wrap(K16, { ...HEADER, algorithm: '#' }, KEY16), 'ERR_TR31_FORMAT', /header.algorithm/);
    throws(() => tr31.wrap(K16, { ...HEADER, exportability: 7 as unknown as string }, KEY16), 'ERR_INVALID_ARG_TYPE', 'header.exportability: expected string, got number');
    throws(() => tr31.wrap(K16, { ...HEADER, version: 'X' as 'A' }, KEY16), 'ERR_TR31_VERSION', /header.version/);
    throws(() => tr31.wrap(K16, { ...HEADER, keyUsge: 'P0' } as never, KEY16), 'ERR_DES_UNKNOWN_OPTION', /did you mean keyUsage/);
    throws(() => tr31.wrap(K16, { ...HEADER, optionalBlocks: [['K', 'x']] }, KEY16), 'ERR_TR31_FORMAT', /ID must be 2 letters or digits/);
    throws(() => tr31.wrap(K16, { ...HEADER, optionalBlocks: [['KS', 'caf\u00e9']] }, KEY16), 'ERR_TR31_FORMAT', /printable ASCII/);
    throws(() => tr31.wrap(K16, { ...HEADER, optionalBlocks: [['PB', '0000'], ['KS', '00']] }, KEY16), 'ERR_TR31_FORMAT', /PB must be the last/);
    throws(() => tr31.wrap(K16, { ...HEADER, optionalBlocks: [['KS', '00'], ['PB', '0']] }, KEY16), 'ERR_TR31_FORMAT', /leave PB out and wrap adds it/);
    throws(() => tr31.wrap(K16, { ...HEADER, optionalBlocks: [['KS', '00'], ['KS', '01']] }, KEY16), 'ERR_TR31_FORMAT', /a second KS block/);
    throws(() => tr31.wrap(K16, { ...HEADER, optionalBlocks: [['KS']] as never }, KEY16), 'ERR_INVALID_ARG_TYPE', /\[id, data\] pair/);
    throws(() => tr31.wrap(K16, { ...HEADER, optionalBlocks: [['LB', 'x'.repeat(70000)]] }, KEY16), 'ERR_TR31_FORMAT');
    throws(() => tr31.wrap(K16, 'B0000P0TE00N0000XY', KEY16), 'ERR_TR31_FORMAT', 'header: 2 characters after the optional blocks, which end at character 16');
    throws(() => tr31.wrap(K16, 'B0000P0TE00N01', KEY16), 'ERR_TR31_FORMAT', /at least 16 characters/);
    throws(() => tr31.wrap(K16, 12 as never, KEY16), 'ERR_INVALID_ARG_TYPE');
  });
});

// ---------------------------------------------------------------------------------------------

describe('round trip and corruption (fast-check, seeded)', () => {
  const seed = testSeed('tr31-property', 31);
  const alnum = (n: number) => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: n, maxLength: n });
  const printable = fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 40 });
  const blockId = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 2, maxLength: 2 }).filter((id) => id !== 'PB');
  const input = fc.record({
    version: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
    kbpk: fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 24, maxLength: 24 })),
    keyLength: fc.constantFrom(8, 16, 24),
    keyUsage: alnum(2), algorithm: alnum(1), modeOfUse: alnum(1), keyVersionNumber: alnum(2), exportability: alnum(1),
    blocks: fc.uniqueArray(fc.tuple(blockId, printable), { maxLength: 4, selector: ([id]) => id }),
    extraBlocks: fc.integer({ min: 0, max: 3 }),
    seedBytes: fc.uint8Array({ minLength: 24, maxLength: 24 }),
  });
  const make = (v: { version: 'A' | 'B' | 'C'; kbpk: Uint8Array; keyLength: number; keyUsage: string; algorithm: string;
    modeOfUse: string; keyVersionNumber: string; exportability: string; blocks: [string, string][]; extraBlocks: number; seedBytes: Uint8Array }) => {
    const keyLength = Math.min(v.keyLength, v.kbpk.length);
    const key = v.seedBytes.slice(0, keyLength);
    const header: Tr31Header = { version: v.version, keyUsage: v.keyUsage, algorithm: v.algorithm, modeOfUse: v.modeOfUse,
      keyVersionNumber: v.keyVersionNumber, exportability: v.exportability, optionalBlocks: v.blocks };
    const maskedKeyLength = v.extraBlocks === 0 ? undefined : keyLength + 8 * (v.extraBlocks - 1) + 1;
    return { key, header, maskedKeyLength };
  };

  it('unwrap(wrap(x)) gives back the key and header (a PB of zeros added only to align)', () => {
    let runs = 0;
    fc.assert(fc.property(input, (v) => {
      const { key, header, maskedKeyLength } = make(v);
      const block = tr31.wrap(v.kbpk, header, key, { maskedKeyLength });
      const out = tr31.unwrap(v.kbpk, block);
      expect(HEX(out.key)).toBe(HEX(key));
      const blocks = out.header.optionalBlocks;
      const added = blocks.length - header.optionalBlocks.length;
      expect(added === 0 || added === 1).toBe(true);
      if (added) expect(blocks.at(-1)![0]).toBe('PB');
      if (added) expect(blocks.at(-1)![1]).toMatch(/^0{1,8}$/);
      expect({ ...out.header, optionalBlocks: blocks.slice(0, header.optionalBlocks.length) }).toEqual(header);
      expect(block.length % 8).toBe(0);
      expect(Number(block.slice(1, 5))).toBe(block.length);
      runs++;
    }), { seed, numRuns: 200 });
    console.log(`[tr31] fast-check round trip: ${runs} random headers, keys, KBPKs and masked lengths`);
  });

  it('every corrupted block fails with a TR-31 error code, never returns a key', () => {
    const codes = new Map<string, number>();
    const corruption = fc.record({ at: fc.nat(), kind: fc.constantFrom('replace', 'delete', 'insert'), char: fc.constantFrom(...PRINTABLE) });
    fc.assert(fc.property(input, corruption, (v, c) => {
      const { key, header, maskedKeyLength } = make(v);
      const block = tr31.wrap(v.kbpk, header, key, { maskedKeyLength });
      const at = c.at % block.length;
      let bad: string;
      if (c.kind === 'delete') bad = block.slice(0, at) + block.slice(at + 1);
      else if (c.kind === 'insert') bad = block.slice(0, at) + c.char + block.slice(at);
      else {
        // A different character: in the hex part, one of another value (case alone is the same byte).
        const same = c.char.toUpperCase() === block[at].toUpperCase() && /[0-9A-F]/i.test(c.char) && /[0-9A-F]/i.test(block[at]);
        const char = c.char === block[at] || same ? (block[at] === '0' ? '1' : '0') : c.char;
        bad = block.slice(0, at) + char + block.slice(at + 1);
      }
      const code = codeOf(() => tr31.unwrap(v.kbpk, bad));
      expect(['ERR_TR31_MAC', 'ERR_TR31_FORMAT', 'ERR_TR31_VERSION', 'ERR_TR31_KEY_LENGTH']).toContain(code);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }), { seed, numRuns: 400 });
    console.log(`[tr31] fast-check corruptions: ${[...codes].map(([k, n]) => `${n} ${k}`).join(', ')}`);
    expect(codes.get('ERR_TR31_MAC')).toBeGreaterThan(0);
    expect(codes.get('ERR_TR31_FORMAT')).toBeGreaterThan(0);
  });
});

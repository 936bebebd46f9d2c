/**
 * The byte helpers (src/bytes.ts, exported from the package as @noble/ciphers users know them):
 * bytesToHex, hexToBytes, utf8ToBytes, bytesToUtf8, equalBytes. The truth is Node's Buffer
 * (its hex and UTF-8 codecs, Buffer#equals), on random input from fast-check (seeded, printed);
 * then every bad input, with its code and exact message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesToHex, bytesToUtf8, equalBytes, hexToBytes, utf8ToBytes } from '../src/index.js';
import { expectDesError } from './helpers/errors.js';
import { testSeed } from './helpers/peers.js';


describe('against Buffer, on random input', () => {
  const seed = testSeed('bytes.test.ts', 3);
  const options = { seed, numRuns: 500 };

  it('bytesToHex is lower-case hex; hexToBytes reads either case back', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const hex = bytesToHex(bytes);
      expect(hex).toBe(Buffer.from(bytes).toString('hex'));
      expect(Buffer.from(hexToBytes(hex)).equals(Buffer.from(bytes))).toBe(true);
      expect(Buffer.from(hexToBytes(hex.toUpperCase())).equals(Buffer.from(bytes))).toBe(true);
    }), options);
  });

  it('utf8ToBytes and bytesToUtf8 are UTF-8 as Buffer has it (lone surrogates and malformed bytes become U+FFFD)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
      expect(Buffer.from(utf8ToBytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }), options);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      expect(bytesToUtf8(bytes)).toBe(Buffer.from(bytes).toString('utf8'));
    }), options);
    expect(bytesToUtf8(utf8ToBytes('attack at dawn · атака 🐎'))).toBe('attack at dawn · атака 🐎');
  });

  it('equalBytes answers as Buffer#equals, for equal and unequal lengths', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 16 }), fc.uint8Array({ maxLength: 16 }), fc.boolean(), (a, b, same) => {
      const other = same ? Uint8Array.from(a) : b;
      expect(equalBytes(a, other)).toBe(Buffer.from(a).equals(Buffer.from(other)));
    }), options);
  });

  it('take any view of bytes: Buffer, DataView, other typed arrays', () => {
    const buffer = Buffer.from('0102ff', 'hex');
    expect(bytesToHex(buffer)).toBe('0102ff');
    expect(bytesToHex(new DataView(buffer.buffer, buffer.byteOffset, 2) as never)).toBe('0102');
    expect(bytesToHex(new Uint16Array([0x0201]) as never)).toBe(Buffer.from(new Uint16Array([0x0201]).buffer).toString('hex'));
  });
});

describe('strict with bad input', () => {
  it('hexToBytes: an odd number of digits, a character that is not hex, white space, a 0x prefix, not a string', () => {
    expectDesError(() => hexToBytes('abc'), 'ERR_INVALID_ARG_VALUE', 'hex: expected an even number of hex digits, got "abc"');
    expectDesError(() => hexToBytes('zz'), 'ERR_INVALID_ARG_VALUE', 'hex: expected an even number of hex digits, got "zz"');
    expectDesError(() => hexToBytes('00 11'), 'ERR_INVALID_ARG_VALUE', 'hex: expected an even number of hex digits, got "00 11"');
    expectDesError(() => hexToBytes('0x0011'), 'ERR_INVALID_ARG_VALUE', 'hex: expected an even number of hex digits, got "0x0011"');
    expectDesError(() => hexToBytes('0'.repeat(41) + 'g'), 'ERR_INVALID_ARG_VALUE', `hex: expected an even number of hex digits, got "${'0'.repeat(40)}…"`);
    expectDesError(() => hexToBytes(42 as never), 'ERR_INVALID_ARG_TYPE', 'hex: expected string, got number');
    expect(hexToBytes('')).toEqual(new Uint8Array(0));
  });

  it('bytesToHex, bytesToUtf8, equalBytes: bytes only; utf8ToBytes: strings only', () => {
    expectDesError(() => bytesToHex('00' as never), 'ERR_INVALID_ARG_TYPE', 'bytes: expected Uint8Array, got string');
    expectDesError(() => bytesToHex([1, 2] as never), 'ERR_INVALID_ARG_TYPE', 'bytes: expected Uint8Array, got Array');
    expectDesError(() => bytesToUtf8(null as never), 'ERR_INVALID_ARG_TYPE', 'bytes: expected Uint8Array, got null');
    expectDesError(() => utf8ToBytes(new Uint8Array(1) as never), 'ERR_INVALID_ARG_TYPE', 'text: expected string, got Uint8Array');
    expectDesError(() => equalBytes(new Uint8Array(1), 'a' as never), 'ERR_INVALID_ARG_TYPE', 'b: expected Uint8Array, got string');
  });
});

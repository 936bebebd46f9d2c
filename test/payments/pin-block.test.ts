/**
 * ISO 9564-1 PIN blocks, formats 0 to 3 (src/payments/pin-block.ts), against
 * vectors/payments/iso9564_pin_blocks.json (every `match` value: openemv/pinblock, psec,
 * moov-io/pinblock, JimYan/pinblock, EFTlab via ID TECH, DevInd Tools) and, for encryption,
 * against node:crypto's des-ede / des-ede3 / single DES on random keys and blocks. Every error
 * code of the family is provoked with its exact message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pinBlock } from '../../src/payments/index.js';
import type { PinBlockFormat } from '../../src/payments/index.js';
import { DesError } from '../../src/index.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';
import { desEcbNode, testSeed, tdesEcbNode } from '../helpers/peers.js';
import { countStatus } from '../helpers/vector-status.js';
import { expectDesError } from '../helpers/errors.js';

const file = loadJson('payments/iso9564_pin_blocks.json');
const SEED = testSeed('pin-block', 9564);

/** Run `f` and return the DesError it throws (failing the test when it throws nothing or something else). */
function thrown(f: () => unknown): DesError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(DesError);
    return error as DesError;
  }
  throw new Error('expected a DesError, nothing was thrown');
}

describe('vectors/payments/iso9564_pin_blocks.json', () => {
  it('every match value', () => {
    let ran = 0, skipped = 0;
    for (const v of file.vectors_clear) {
      if (v.status !== 'match') { skipped++; continue; }
      const format = v.format as PinBlockFormat;
      const pan = v.pan as string | undefined;
      if (v.clear_pin_block_prefix !== undefined) {
        // Random fill: only the control, length and first PIN nibbles are fixed. Encode a few times.
        for (let i = 0; i < 8; i++) {
          const block = pinBlock.encode({ format, pin: v.pin, pan });
          expect(toHex(block).toUpperCase().startsWith(v.clear_pin_block_prefix)).toBe(true);
          expect(pinBlock.decode(block, { pan })).toEqual({ format, pin: v.pin });
        }
        ran++;
        continue;
      }
      const expected = hex(v.clear_pin_block);
      // Decoding the published block gives the PIN back.
      expect(pinBlock.decode(expected, pan === undefined ? undefined : { pan })).toEqual({ format, pin: v.pin });
      // Encoding reproduces it where the fill is determined: formats 0 and 2, or a stated fill.
      if (format === 0 || format === 2) {
        expect(toHex(pinBlock.encode({ format, pin: v.pin, pan }))).toBe(toHex(expected));
      } else if (typeof v.fill_digits === 'string' && /^[0-9A-F]+$/.test(v.fill_digits)) {
        expect(toHex(pinBlock.encode({ format, pin: v.pin, fill: v.fill_digits }))).toBe(toHex(expected));
      } else if (v.fill_digits === 'F (non-random)') {
        expect(toHex(pinBlock.encode({ format, pin: v.pin, fill: 'F'.repeat(14 - v.pin.length) }))).toBe(toHex(expected));
      }
      ran++;
    }
    for (const v of file.vectors_encrypted) {
      if (v.status !== 'match') { skipped++; continue; }
      const key = hex(v.tdes_key);
      const fields = { format: v.format as PinBlockFormat, pin: v.pin, pan: v.pan };
      expect(toHex(pinBlock.encode(fields))).toBe(toHex(hex(v.clear_pin_block)));
      expect(toHex(pinBlock.encrypt(key, fields))).toBe(toHex(hex(v.encrypted_pin_block)));
      expect(pinBlock.decrypt(key, hex(v.encrypted_pin_block), { pan: v.pan })).toEqual({ format: v.format, pin: v.pin });
      ran++;
    }
    console.log(`[pin-block] iso9564_pin_blocks.json: ran ${ran} match values, skipped ${skipped}`);
    expect(ran).toBe(countStatus(file, 'match'));
    expect(ran).toBe(23);
  });

  it('translate: the published encrypted block to another key and format, and back', () => {
    const v = file.vectors_encrypted[0];
    const key = hex(v.tdes_key);
    const other = Uint8Array.from({ length: 24 }, (_, i) => 0x11 * (i % 15 + 1));
    const moved = pinBlock.translate(key, other, hex(v.encrypted_pin_block), { pan: v.pan, toFormat: 3 });
    expect(pinBlock.decrypt(other, moved, { pan: v.pan })).toEqual({ format: 3, pin: v.pin });
    const back = pinBlock.translate(other, key, moved, { pan: v.pan, toFormat: 0 });
    expect(toHex(back)).toBe(toHex(hex(v.encrypted_pin_block)));
    // Same format by default; a format-0 block to format 1 needs no PAN afterwards.
    expect(toHex(pinBlock.translate(key, key, hex(v.encrypted_pin_block), { pan: v.pan }))).toBe(toHex(hex(v.encrypted_pin_block)));
    const f1 = pinBlock.translate(key, other, hex(v.encrypted_pin_block), { pan: v.pan, toFormat: 1, fill: '0123456A' });
    expect(toHex(tdesEcbNode(other, f1, 'decrypt')).toUpperCase()).toBe(`16${v.pin}0123456A`);
    // toPan: the same PIN under a PAN of another length.
    const toPan = '4000001234562';
    const f0 = pinBlock.translate(key, key, hex(v.encrypted_pin_block), { pan: v.pan, toPan });
    expect(pinBlock.decrypt(key, f0, { pan: toPan })).toEqual({ format: 0, pin: v.pin });
  });
});

describe('properties (fast-check, seeded)', () => {
  const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
  const fieldsArb = fc.record({
    format: fc.constantFrom<PinBlockFormat>(0, 1, 2, 3),
    pin: digits(4, 12),
    pan: digits(13, 19),
  });

  it('decode(encode(x)) = x for random PINs, PANs and formats (random and given fill)', () => {
    fc.assert(fc.property(fieldsArb, fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 10, maxLength: 10 }), ({ format, pin, pan }, fillPool) => {
      const fields = { format, pin, pan };
      expect(pinBlock.decode(pinBlock.encode(fields), { pan })).toEqual({ format, pin });
      if (format === 1 || format === 3) {
        const fill = fillPool.slice(0, 14 - pin.length).map((n) => (format === 3 ? 10 + (n % 6) : n).toString(16)).join('');
        const block = pinBlock.encode({ ...fields, fill });
        expect(pinBlock.decode(block, { pan })).toEqual({ format, pin });
        // The clear PIN field, read back independently of the encoder: the fill is where ISO 9564 puts it.
        const field = toHex(format === 3 ? xorPan(block, pan) : block);
        expect(field).toBe(`${format}${pin.length.toString(16)}${pin}${fill}`.toLowerCase());
      }
    }), { seed: SEED, numRuns: 300 });
  });

  it('the PAN field is the rightmost 12 digits excluding the check digit, for every PAN length', () => {
    fc.assert(fc.property(digits(4, 12), digits(13, 19), (pin, pan) => {
      const block = pinBlock.encode({ format: 0, pin, pan });
      const expected = `0${pin.length.toString(16)}${pin}${'f'.repeat(14 - pin.length)}`;
      expect(toHex(xorPan(block, pan))).toBe(expected);
    }), { seed: SEED, numRuns: 200 });
  });

  it('encrypt / decrypt match node:crypto (des-ede, des-ede3, single DES) on random keys', () => {
    fc.assert(fc.property(fieldsArb, fc.constantFrom(8, 16, 24), fc.uint8Array({ minLength: 24, maxLength: 24 }), ({ format, pin, pan }, keyLength, keyPool) => {
      const key = keyPool.slice(0, keyLength);
      const fields = { format, pin, pan, fill: format === 1 ? '1'.repeat(14 - pin.length) : format === 3 ? 'c'.repeat(14 - pin.length) : undefined };
      const clear = pinBlock.encode(fields);
      const peer = (data: Uint8Array, direction: 'encrypt' | 'decrypt') => keyLength === 8 ? desEcbNode(key, data, direction) : tdesEcbNode(key, data, direction);
      const encrypted = pinBlock.encrypt(key, fields);
      expect(toHex(encrypted)).toBe(toHex(peer(clear, 'encrypt')));
      expect(pinBlock.decrypt(key, encrypted, { pan })).toEqual({ format, pin });
      // translate = decrypt under one key, encrypt under the other, by node:crypto.
      const toKey = keyPool.slice(24 - 16).reverse();
      const moved = pinBlock.translate(key, toKey, encrypted, { pan, fill: fields.fill });
      expect(toHex(tdesEcbNode(toKey, moved, 'decrypt'))).toBe(toHex(clear));
    }), { seed: SEED, numRuns: 150 });
  });

  it('random fill: format 1 any nibble, format 3 only A-F, and it varies', () => {
    const seen1 = new Set<string>(), seen3 = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const f1 = toHex(pinBlock.encode({ format: 1, pin: '1234' })).slice(6);
      const f3 = toHex(xorPan(pinBlock.encode({ format: 3, pin: '1234', pan: '4012345678909' }), '4012345678909')).slice(6);
      for (const c of f1) seen1.add(c);
      for (const c of f3) seen3.add(c);
    }
    expect([...seen1].sort().join('')).toBe('0123456789abcdef');
    expect([...seen3].sort().join('')).toBe('abcdef');
  });
});

/** Undo the PAN field by hand (the test's own reading of ISO 9564-1 §9.3.1). */
function xorPan(block: Uint8Array, pan: string): Uint8Array {
  const field = hex(('0000' + pan.slice(0, -1).slice(-12)));
  return block.map((b, i) => b ^ field[i]);
}

describe('bad input: a DesError with a code and a message naming the field', () => {
  const pan = '4012345678909';

  it('ERR_PIN_BLOCK_FORMAT: format not 0-3, format 4 (AES) refused by name, bad control nibble, block length', () => {
    expectDesError(() => pinBlock.encode({ format: 4 as PinBlockFormat, pin: '1234', pan }), 'ERR_PIN_BLOCK_FORMAT',
      'format: format 4 is the 16-byte AES PIN block of ISO 9564-1:2017, out of scope: des-wasm is DES/TDES only');
    expectDesError(() => pinBlock.encode({ format: 5 as PinBlockFormat, pin: '1234' }), 'ERR_PIN_BLOCK_FORMAT',
      'format: expected the number 0, 1, 2 or 3, got 5');
    expectDesError(() => pinBlock.encode({ format: '0' as unknown as PinBlockFormat, pin: '1234', pan }), 'ERR_PIN_BLOCK_FORMAT',
      'format: expected the number 0, 1, 2 or 3, got "0"');
    expectDesError(() => pinBlock.decode(hex('441234FFFFFFFFFF')), 'ERR_PIN_BLOCK_FORMAT',
      'block: control nibble 4: format 4 is the 16-byte AES PIN block of ISO 9564-1:2017, out of scope: des-wasm is DES/TDES only');
    expectDesError(() => pinBlock.decode(hex('A41234FFFFFFFFFF')), 'ERR_PIN_BLOCK_FORMAT',
      'block: control nibble A is not a PIN block format (0, 1, 2 or 3)');
    expectDesError(() => pinBlock.decode(new Uint8Array(16)), 'ERR_PIN_BLOCK_FORMAT',
      'block: expected an 8-byte PIN block, got 16 bytes (16-byte blocks are format 4, AES: out of scope)');
    expectDesError(() => pinBlock.decode(new Uint8Array(7)), 'ERR_PIN_BLOCK_FORMAT', 'block: expected an 8-byte PIN block, got 7 bytes');
    expectDesError(() => pinBlock.translate(new Uint8Array(16), new Uint8Array(16), new Uint8Array(8), { toFormat: 4 as PinBlockFormat }),
      'ERR_PIN_BLOCK_FORMAT', 'toFormat: format 4 is the 16-byte AES PIN block of ISO 9564-1:2017, out of scope: des-wasm is DES/TDES only');
  });

  it('ERR_PIN_BLOCK_LENGTH: a PIN of 3 or 13 digits, a length nibble outside 4-12', () => {
    expectDesError(() => pinBlock.encode({ format: 2, pin: '123' }), 'ERR_PIN_BLOCK_LENGTH', 'pin: expected 4 to 12 decimal digits, got 3');
    expectDesError(() => pinBlock.encode({ format: 0, pin: '1234567890123', pan }), 'ERR_PIN_BLOCK_LENGTH', 'pin: expected 4 to 12 decimal digits, got 13');
    expectDesError(() => pinBlock.decode(hex('231234FFFFFFFFFF')), 'ERR_PIN_BLOCK_LENGTH', 'block: the PIN length nibble is 3, expected 4 to 12');
    expectDesError(() => pinBlock.decode(hex('2D1234FFFFFFFFFF')), 'ERR_PIN_BLOCK_LENGTH', 'block: the PIN length nibble is 13, expected 4 to 12');
  });

  it('ERR_PIN_BLOCK_DIGIT: a PIN character or nibble that is not a decimal digit', () => {
    expectDesError(() => pinBlock.encode({ format: 2, pin: '12a4' }), 'ERR_PIN_BLOCK_DIGIT',
      'pin: expected decimal digits, got a character that is not one at position 3');
    expectDesError(() => pinBlock.decode(hex('24123AFFFFFFFFFF')), 'ERR_PIN_BLOCK_DIGIT', 'block: PIN digit 4 is not a decimal digit');
  });

  it('ERR_PIN_BLOCK_FILL: fill of the wrong length or digits, and a block whose fill breaks the format', () => {
    expectDesError(() => pinBlock.encode({ format: 1, pin: '1234', fill: 'ABC' }), 'ERR_PIN_BLOCK_FILL',
      'fill: expected 10 hex digits (14 minus the PIN length 4), got 3');
    expectDesError(() => pinBlock.encode({ format: 3, pin: '1234', pan, fill: 'ABCDEF0123' }), 'ERR_PIN_BLOCK_FILL',
      'fill: expected hex digits A-F (format 3), got "ABCDEF0123"');
    expectDesError(() => pinBlock.encode({ format: 1, pin: '1234', fill: 'ABCDEFGHIJ' }), 'ERR_PIN_BLOCK_FILL',
      'fill: expected hex digits 0-F, got "ABCDEFGHIJ"');
    expectDesError(() => pinBlock.encode({ format: 0, pin: '1234', pan, fill: 'FFFFFFFFFE' }), 'ERR_PIN_BLOCK_FILL',
      'fill: expected F (format 0 is always filled with F), got "FFFFFFFFFE"');
    expectDesError(() => pinBlock.encode({ format: 1, pin: '1234', fill: 7 as unknown as string }), 'ERR_PIN_BLOCK_FILL',
      'fill: expected a string of hex digits, got number');
    // A fill of F given for formats 0 and 2 is that fill: accepted.
    expect(toHex(pinBlock.encode({ format: 2, pin: '1234', fill: 'ffffffffff' }))).toBe('241234ffffffffff');
    expectDesError(() => pinBlock.decode(hex('241234FFFFFFFFFE')), 'ERR_PIN_BLOCK_FILL', 'block: format 2 fill must be all F');
    expectDesError(() => pinBlock.decode(xorPan(hex('041234FFFFFF0FFF'), pan), { pan }), 'ERR_PIN_BLOCK_FILL', 'block: format 0 fill must be all F');
    expectDesError(() => pinBlock.decode(xorPan(hex('341234ABCDEF9ABC'), pan), { pan }), 'ERR_PIN_BLOCK_FILL', 'block: format 3 fill must be hex digits A-F');
  });

  it('ERR_PIN_BLOCK_PAN: missing, short, long or non-digit PAN for formats 0 and 3 (encode, decode, translate)', () => {
    expectDesError(() => pinBlock.encode({ format: 0, pin: '1234' }), 'ERR_PIN_BLOCK_PAN', 'pan: format 0 needs the PAN (13 to 19 decimal digits)');
    expectDesError(() => pinBlock.encode({ format: 3, pin: '1234', pan: '401234567890' }), 'ERR_PIN_BLOCK_PAN', 'pan: expected 13 to 19 decimal digits, got 12');
    expectDesError(() => pinBlock.encode({ format: 0, pin: '1234', pan: '40123456789012345678' }), 'ERR_PIN_BLOCK_PAN', 'pan: expected 13 to 19 decimal digits, got 20');
    expectDesError(() => pinBlock.encode({ format: 0, pin: '1234', pan: '4012 345678909' }), 'ERR_PIN_BLOCK_PAN',
      'pan: expected 13 to 19 decimal digits, got a character that is not a digit at position 5');
    expectDesError(() => pinBlock.encode({ format: 0, pin: '1234', pan: 4012345678909 as unknown as string }), 'ERR_PIN_BLOCK_PAN',
      'pan: expected a string of 13 to 19 decimal digits, got number');
    expectDesError(() => pinBlock.decode(hex('041274EDCBA9876F')), 'ERR_PIN_BLOCK_PAN', 'pan: format 0 needs the PAN (13 to 19 decimal digits)');
    expectDesError(() => pinBlock.decode(hex('341274EDCBA9876F'), {}), 'ERR_PIN_BLOCK_PAN', 'pan: format 3 needs the PAN (13 to 19 decimal digits)');
    const key = new Uint8Array(16).fill(7);
    const f2 = pinBlock.encrypt(key, { format: 2, pin: '1234' });
    expectDesError(() => pinBlock.translate(key, key, f2, { toFormat: 0 }), 'ERR_PIN_BLOCK_PAN', 'toPan: format 0 needs the PAN (13 to 19 decimal digits)');
    expectDesError(() => pinBlock.translate(key, key, f2, { toFormat: 3, toPan: '12' }), 'ERR_PIN_BLOCK_PAN', 'toPan: expected 13 to 19 decimal digits, got 2');
    // Formats 1 and 2 do not read a PAN.
    expect(toHex(pinBlock.encode({ format: 2, pin: '1234', pan: 'ignored' }))).toBe('241234ffffffffff');
  });

  it('keys, types and options: core codes', () => {
    expectDesError(() => pinBlock.encrypt(new Uint8Array(12), { format: 2, pin: '1234' }), 'ERR_CRYPTO_INVALID_KEYLEN',
      'key: expected Uint8Array of length 8/16/24, got length=12');
    expectDesError(() => pinBlock.decrypt(new Uint8Array(8), new Uint8Array(9)), 'ERR_PIN_BLOCK_FORMAT', 'block: expected an 8-byte PIN block, got 9 bytes');
    expectDesError(() => pinBlock.translate(new Uint8Array(16), new Uint8Array(15), new Uint8Array(8)), 'ERR_CRYPTO_INVALID_KEYLEN',
      'toKey: expected Uint8Array of length 8/16/24, got length=15');
    expectDesError(() => pinBlock.decode('041274EDCBA9876F' as unknown as Uint8Array), 'ERR_INVALID_ARG_TYPE', 'block: expected Uint8Array, got string');
    expectDesError(() => pinBlock.encode({ format: 2, pin: 1234 as unknown as string }), 'ERR_INVALID_ARG_TYPE', 'pin: expected a string of digits, got number');
    expectDesError(() => pinBlock.encode({ format: 2, pin: '1234', paan: 'x' } as never), 'ERR_DES_UNKNOWN_OPTION',
      'pinBlock fields: unknown option "paan" (did you mean pan?)');
    expectDesError(() => pinBlock.decode(hex('241234FFFFFFFFFF'), { PAN: '1' } as never), 'ERR_DES_UNKNOWN_OPTION',
      'pinBlock.decode options: unknown option "PAN" (did you mean pan?)');
    expectDesError(() => pinBlock.translate(new Uint8Array(8), new Uint8Array(8), new Uint8Array(8), { toformat: 1 } as never), 'ERR_DES_UNKNOWN_OPTION',
      'pinBlock.translate options: unknown option "toformat" (did you mean toFormat?)');
  });

  it('a wrong key or PAN is caught by the checks, never decoded as some PIN', () => {
    const key = new Uint8Array(16).fill(1), wrong = new Uint8Array(16).fill(2);
    const block = pinBlock.encrypt(key, { format: 0, pin: '1234', pan });
    const codes = new Set<string>();
    for (let i = 0; i < 50; i++) {
      wrong[0] = i;
      try { pinBlock.decrypt(wrong, block, { pan }); } catch (e) { codes.add((e as DesError).code); }
    }
    expect([...codes].every((c) => c.startsWith('ERR_PIN_BLOCK_'))).toBe(true);
    expect(codes.size).toBeGreaterThan(0);
    expect(() => pinBlock.decrypt(key, block, { pan: '5432101234567891' })).toThrow(DesError);
  });

  it('callers\' buffers are not changed', () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const keyCopy = Uint8Array.from(key);
    const block = pinBlock.encrypt(key, { format: 0, pin: '1234', pan });
    const blockCopy = Uint8Array.from(block);
    pinBlock.decrypt(key, block, { pan });
    pinBlock.translate(key, key, block, { pan, toFormat: 1 });
    expect(key).toEqual(keyCopy);
    expect(block).toEqual(blockCopy);
  });
});

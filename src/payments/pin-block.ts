/**
 * ISO 9564-1 PIN blocks, formats 0, 1, 2 and 3: the 8-byte blocks in which a PIN travels between
 * a terminal and a host, encrypted under DES or Triple-DES in ECB (no padding: one block).
 *
 *   format 0   '0' L PIN 'F'…          xor  '0000' ‖ 12 PAN digits     (ISO 9564-1 §9.3.1)
 *   format 1   '1' L PIN fill…          transaction-unique fill, no PAN (§9.3.2)
 *   format 2   '2' L PIN 'F'…           offline PIN to an ICC, no PAN   (§9.3.3)
 *   format 3   '3' L PIN fill A–F…  xor  '0000' ‖ 12 PAN digits        (§9.3.5)
 *
 * L is the PIN length, 4 to 12, as one nibble. The PAN field is the rightmost 12 PAN digits
 * excluding the check digit, whatever the PAN length (13 to 19 digits): code that drops "the
 * first 3 digits" is right only for 16-digit PANs. Format 4 (the 16-byte AES block of
 * ISO 9564-1:2017) is out of scope for a DES library and is refused by name.
 */
import { asBytes, describe, expectLength, randomBytes, showValue, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { ecb, xor } from '../subpath/blocks.js';

export type PinBlockFormat = 0 | 1 | 2 | 3;

export interface PinBlockFields {
  /** 0, 1, 2 or 3. */
  format: PinBlockFormat;
  /** 4 to 12 decimal digits. */
  pin: string;
  /** 13 to 19 decimal digits; needed by formats 0 and 3, not read by formats 1 and 2. */
  pan?: string;
  /**
   * Formats 1 and 3: the 14 − (PIN length) fill nibbles as hex (format 3: each A–F); by default
   * random from the CSPRNG. Formats 0 and 2 are filled with F: a fill given for them must be that.
   */
  fill?: string;
}

export interface DecodedPinBlock {
  format: PinBlockFormat;
  pin: string;
}

export interface TranslateOptions {
  /** The PAN of the incoming block (formats 0 and 3). */
  pan?: string;
  /** The format of the outgoing block; default the incoming block's format. */
  toFormat?: PinBlockFormat;
  /** The PAN for the outgoing block; default `pan`. */
  toPan?: string;
  /** Fill for an outgoing format 1 or 3 block; default random. */
  fill?: string;
}

const FIELDS = { format: 'any', pin: 'any', pan: 'any', fill: 'any' } as const;
const AES_FORMAT = 'format 4 is the 16-byte AES PIN block of ISO 9564-1:2017, out of scope: des-wasm is DES/TDES only';

// ---------------------------------------------------------------------------------------------
// Checks at the boundary. Messages name the field and never show a PIN digit.

function checkFormat(value: unknown, name = 'format'): PinBlockFormat {
  if (value === 0 || value === 1 || value === 2 || value === 3) return value;
  if (value === 4) throw fail('ERR_PIN_BLOCK_FORMAT', `${name}: ${AES_FORMAT}`);
  throw fail('ERR_PIN_BLOCK_FORMAT', `${name}: expected the number 0, 1, 2 or 3, got ${showValue(value)}`);
}

function checkPin(value: unknown): string {
  if (typeof value !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `pin: expected a string of digits, got ${describe(value)}`);
  if (value.length < 4 || value.length > 12) {
    throw fail('ERR_PIN_BLOCK_LENGTH', `pin: expected 4 to 12 decimal digits, got ${value.length}`);
  }
  const at = value.search(/[^0-9]/);
  if (at >= 0) throw fail('ERR_PIN_BLOCK_DIGIT', `pin: expected decimal digits, got a character that is not one at position ${at + 1}`);
  return value;
}

/** The PAN, checked, for formats 0 and 3; `name` is the option that carried it (pan, toPan). */
function checkPan(value: unknown, format: PinBlockFormat, name: string): string {
  if (value === undefined) {
    throw fail('ERR_PIN_BLOCK_PAN', `${name}: format ${format} needs the PAN (13 to 19 decimal digits)`);
  }
  if (typeof value !== 'string') throw fail('ERR_PIN_BLOCK_PAN', `${name}: expected a string of 13 to 19 decimal digits, got ${describe(value)}`);
  if (!/^[0-9]*$/.test(value)) {
    throw fail('ERR_PIN_BLOCK_PAN', `${name}: expected 13 to 19 decimal digits, got a character that is not a digit at position ${value.search(/[^0-9]/) + 1}`);
  }
  if (value.length < 13 || value.length > 19) {
    throw fail('ERR_PIN_BLOCK_PAN', `${name}: expected 13 to 19 decimal digits, got ${value.length}`);
  }
  return value;
}

/** The fill nibbles for `format` and a PIN of `pinLength` digits: as given (checked) or random. */
function fillNibbles(value: unknown, format: PinBlockFormat, pinLength: number): number[] {
  const count = 14 - pinLength;
  if (value !== undefined) {
    if (typeof value !== 'string') throw fail('ERR_PIN_BLOCK_FILL', `fill: expected a string of hex digits, got ${describe(value)}`);
    if (value.length !== count) {
      throw fail('ERR_PIN_BLOCK_FILL', `fill: expected ${count} hex digits (14 minus the PIN length ${pinLength}), got ${value.length}`);
    }
    const allowed = format === 1 ? /^[0-9A-Fa-f]*$/ : format === 3 ? /^[A-Fa-f]*$/ : /^[Ff]*$/;
    if (!allowed.test(value)) {
      const rule = format === 1 ? 'hex digits 0-F' : format === 3 ? 'hex digits A-F (format 3)' : `F (format ${format} is always filled with F)`;
      throw fail('ERR_PIN_BLOCK_FILL', `fill: expected ${rule}, got ${showValue(value)}`);
    }
    return [...value].map((c) => parseInt(c, 16));
  }
  if (format === 0 || format === 2) return new Array(count).fill(0xf);
  if (format === 1) {
    const random = randomBytes(count);
    try { return [...random].map((b) => b & 0xf); } finally { wipe(random); }
  }
  // Format 3: uniform in A–F, by rejection (252 = 42 · 6, so byte % 6 is unbiased below it).
  const out: number[] = [];
  while (out.length < count) {
    const random = randomBytes(2 * count);
    for (const b of random) if (b < 252 && out.length < count) out.push(0xa + (b % 6));
    wipe(random);
  }
  return out;
}

/** The PAN field: '0000' then the rightmost 12 digits excluding the check digit (§9.3.1). */
function panField(pan: string): Uint8Array {
  const digits = '0000' + pan.slice(0, -1).slice(-12);
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function checkBlock(value: unknown, name = 'block'): Uint8Array {
  const block = asBytes(value, name);
  if (block.length !== 8) {
    throw fail('ERR_PIN_BLOCK_FORMAT', `${name}: expected an 8-byte PIN block, got ${block.length} bytes`
      + (block.length === 16 ? ' (16-byte blocks are format 4, AES: out of scope)' : ''));
  }
  return block;
}

function checkKey(value: unknown, name: string): Uint8Array {
  return expectLength(asBytes(value, name), [8, 16, 24], name);
}

// ---------------------------------------------------------------------------------------------
// Encoding and decoding

/** The clear 8-byte PIN block for { format, pin, pan?, fill? }. */
function encode(fieldsIn: PinBlockFields): Uint8Array {
  const fields = readOptions(fieldsIn, FIELDS, 'pinBlock fields');
  const format = checkFormat(fields.format);
  const pin = checkPin(fields.pin);
  const pan = format === 0 || format === 3 ? checkPan(fields.pan, format, 'pan') : undefined;
  const nibbles = [format, pin.length, ...[...pin].map(Number), ...fillNibbles(fields.fill, format, pin.length)];
  const pinField = new Uint8Array(8);
  for (let i = 0; i < 8; i++) pinField[i] = (nibbles[2 * i] << 4) | nibbles[2 * i + 1];
  nibbles.fill(0);
  if (pan === undefined) return pinField;
  try {
    return xor(pinField, panField(pan));
  } finally {
    wipe(pinField);
  }
}

/**
 * The format and PIN of a clear PIN block, every part checked: control nibble, PIN length,
 * digits and fill (F for formats 0 and 2, A–F for format 3; any for format 1).
 */
function decode(blockIn: Uint8Array, optionsIn?: { pan?: string }): DecodedPinBlock {
  const block = checkBlock(blockIn);
  const options = readOptions(optionsIn, { pan: 'any' }, 'pinBlock.decode options');
  // The PAN field starts with four zero nibbles, so the control and length nibbles read the same
  // before and after the xor.
  const control = block[0] >> 4;
  if (control === 4) throw fail('ERR_PIN_BLOCK_FORMAT', `block: control nibble 4: ${AES_FORMAT}`);
  if (control > 4) throw fail('ERR_PIN_BLOCK_FORMAT', `block: control nibble ${control.toString(16).toUpperCase()} is not a PIN block format (0, 1, 2 or 3)`);
  const format = control as PinBlockFormat;
  const pinField = format === 0 || format === 3 ? xor(block, panField(checkPan(options.pan, format, 'pan'))) : Uint8Array.from(block);
  const nibbles: number[] = [];
  try {
    for (const b of pinField) nibbles.push(b >> 4, b & 0xf);
    const length = nibbles[1];
    if (length < 4 || length > 12) {
      throw fail('ERR_PIN_BLOCK_LENGTH', `block: the PIN length nibble is ${length}, expected 4 to 12`);
    }
    const digits = nibbles.slice(2, 2 + length);
    const bad = digits.findIndex((d) => d > 9);
    if (bad >= 0) throw fail('ERR_PIN_BLOCK_DIGIT', `block: PIN digit ${bad + 1} is not a decimal digit`);
    const fill = nibbles.slice(2 + length);
    if (format === 0 || format === 2) {
      if (fill.some((d) => d !== 0xf)) throw fail('ERR_PIN_BLOCK_FILL', `block: format ${format} fill must be all F`);
    } else if (format === 3) {
      if (fill.some((d) => d < 0xa)) throw fail('ERR_PIN_BLOCK_FILL', 'block: format 3 fill must be hex digits A-F');
    }
    const pin = digits.join('');
    digits.fill(0);
    fill.fill(0);
    return { format, pin };
  } finally {
    nibbles.fill(0);
    wipe(pinField);
  }
}

/** The PIN block for { format, pin, pan?, fill? } encrypted under `key` (DES 8, TDES 16 / 24 bytes). */
function encrypt(keyIn: Uint8Array, fields: PinBlockFields): Uint8Array {
  const key = checkKey(keyIn, 'key');
  const clear = encode(fields);
  try {
    return ecb(key, 'encrypt', clear);
  } finally {
    wipe(clear);
  }
}

/** Decrypt an encrypted PIN block under `key` and decode it. */
function decrypt(keyIn: Uint8Array, blockIn: Uint8Array, options?: { pan?: string }): DecodedPinBlock {
  const key = checkKey(keyIn, 'key');
  const block = checkBlock(blockIn);
  readOptions(options, { pan: 'any' }, 'pinBlock.decrypt options');
  const clear = ecb(key, 'decrypt', block);
  try {
    return decode(clear, options);
  } finally {
    wipe(clear);
  }
}

/**
 * Re-encrypt a PIN block from `fromKey` to `toKey`, optionally to another format or PAN (what an
 * HSM's PIN translate does): decrypt, decode (every check), encode, encrypt. The clear blocks are
 * wiped.
 */
function translate(fromKeyIn: Uint8Array, toKeyIn: Uint8Array, blockIn: Uint8Array, optionsIn?: TranslateOptions): Uint8Array {
  const fromKey = checkKey(fromKeyIn, 'fromKey');
  const toKey = checkKey(toKeyIn, 'toKey');
  const block = checkBlock(blockIn);
  const options = readOptions(optionsIn, { pan: 'any', toFormat: 'any', toPan: 'any', fill: 'any' }, 'pinBlock.translate options');
  const toFormat = options.toFormat === undefined ? undefined : checkFormat(options.toFormat, 'toFormat');
  const clear = ecb(fromKey, 'decrypt', block);
  let decoded: DecodedPinBlock;
  try {
    decoded = decode(clear, { pan: options.pan as string | undefined });
  } finally {
    wipe(clear);
  }
  const format = toFormat ?? decoded.format;
  const toPan = options.toPan ?? options.pan;
  if (format === 0 || format === 3) checkPan(toPan, format, options.toPan === undefined && options.pan !== undefined ? 'pan' : 'toPan');
  const fresh = encode({ format, pin: decoded.pin, pan: toPan as string | undefined, fill: options.fill as string | undefined });
  try {
    return ecb(toKey, 'encrypt', fresh);
  } finally {
    wipe(fresh);
  }
}

/** ISO 9564-1 PIN blocks, formats 0 to 3. */
export const pinBlock = { encode, decode, encrypt, decrypt, translate } as const;

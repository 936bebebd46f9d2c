/**
 * TR-31 / ANSI X9.143 key blocks, versions A, B and C: a DES or TDES key, with its header
 * (usage, algorithm, mode of use, version, exportability, optional blocks), encrypted and
 * authenticated under a TDES key block protection key (KBPK) of 16 or 24 bytes.
 *
 *   tr31.wrap(kbpk, header, key, { maskedKeyLength?, padding? })  → the key block (ASCII)
 *   tr31.unwrap(kbpk, block)                                      → { header, key }
 *
 * A key block is header ‖ hex(encrypted payload) ‖ hex(MAC), where the clear payload is the key
 * length in bits (2 bytes, big-endian), the key, and random padding to a multiple of 8 bytes
 * (more padding hides the key's length: maskedKeyLength). TR-31:2018 A.3 / X9.143:2021 §6.4.
 *
 * Versions A and C, key variant binding (TR-31:2018 A.3.1 and 5.3.2.3):
 *   1. KBEK = KBPK ⊕ 45 45 …, KBAK = KBPK ⊕ 4D 4D …
 *   2. encrypted payload = TDES-CBC(KBEK, IV = the first 8 header characters, payload)
 *   3. MAC = the first 4 bytes of TDES CBC-MAC (ISO 9797-1 algorithm 1, padding 1) under KBAK
 *      of header ‖ encrypted payload
 * Version B, key derivation binding (TR-31:2018 A.3.2, X9.143:2021 §6.4.2):
 *   1. KBEK, KBAK = TDES-CMAC(KBPK, counter ‖ usage ‖ 00 ‖ algorithm ‖ length) for counter 1, 2
 *      (2-key KBPK) or 1, 2, 3 (3-key), one 8-byte block each: usage 0000 for KBEK, 0001 for KBAK;
 *      algorithm 0000 and length 0080 for 2-key TDES, 0001 and 00C0 for 3-key
 *   2. MAC = TDES-CMAC(KBAK, header ‖ clear payload), 8 bytes
 *   3. encrypted payload = TDES-CBC(KBEK, IV = MAC, payload)
 *
 * unwrap() checks the header first (even a block whose MAC verifies must be well formed), then the
 * MAC in constant time; on a failed MAC nothing decrypted leaves the function. Every derived key,
 * clear payload and MAC input is wiped once used.
 */
import { bytesToHex, cbcMac, cmac, equalBytes, hexToBytes } from '../api.js';
import { asBytes, describe, expectLength, randomBytes, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { formatHeader, headerForWrap, readHeader } from './tr31-header.js';
import type { Tr31Header } from './tr31-header.js';
import { cbc } from '../subpath/blocks.js';

export type { Tr31Header } from './tr31-header.js';

export interface Tr31WrapOptions {
  /**
   * Size the payload for a key of this many bytes (at least the key's length), so that the block
   * does not show how long the key is; e.g. 24 makes a 16-byte key look like a 3-key TDES key.
   * Default: the key's own length.
   */
  maskedKeyLength?: number;
  /**
   * The padding bytes, exactly (for reproducing a published block); default random bytes from the
   * CSPRNG. Without maskedKeyLength, their number decides the payload's size: 2 + key + padding
   * must be a multiple of 8.
   */
  padding?: Uint8Array;
}

const KBPK_LENGTHS = [16, 24];
/** What versions A, B and C carry: DES, 2-key and 3-key TDES keys. */
const KEY_LENGTHS = [8, 16, 24];
const BLOCK = 8;
const MAC_LENGTH = { A: 4, B: 8, C: 4 } as const;

const ascii = (text: string) => {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
};
const hexUpper = (bytes: Uint8Array) => bytesToHex(bytes).toUpperCase();
const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

// ---------------------------------------------------------------------------------------------
// Key binding

/** Versions A and C: the variants of the KBPK (TR-31:2018 A.3.1). */
function variantKeys(kbpk: Uint8Array): { kbek: Uint8Array; kbak: Uint8Array } {
  const kbek = new Uint8Array(kbpk.length), kbak = new Uint8Array(kbpk.length);
  for (let i = 0; i < kbpk.length; i++) { kbek[i] = kbpk[i] ^ 0x45; kbak[i] = kbpk[i] ^ 0x4d; }
  return { kbek, kbak };
}

/** Version B: KBEK and KBAK by the TDES-CMAC key derivation of TR-31:2018 A.3.2 / X9.143 §6.4.2. */
function derivedKeys(kbpk: Uint8Array): { kbek: Uint8Array; kbak: Uint8Array } {
  const threeKey = kbpk.length === 24;
  const derive = (usage: number) => {
    const out = new Uint8Array(kbpk.length);
    for (let counter = 1; counter <= kbpk.length / BLOCK; counter++) {
      // counter ‖ key usage (0000 encryption, 0001 MAC) ‖ separator 00 ‖ algorithm ‖ length in bits
      const input = Uint8Array.of(counter, 0x00, usage, 0x00, 0x00, threeKey ? 0x01 : 0x00, 0x00, threeKey ? 0xc0 : 0x80);
      const part = cmac(kbpk, input, { length: 8 });
      out.set(part, (counter - 1) * BLOCK);
      wipe(part);
    }
    return out;
  };
  return { kbek: derive(0x00), kbak: derive(0x01) };
}

// ---------------------------------------------------------------------------------------------
// wrap

/** The padding's length, from maskedKeyLength or from the padding given, checked. */
function paddingLength(keyLength: number, masked: unknown, padding: Uint8Array | undefined): number {
  if (masked === undefined && padding !== undefined) {
    if ((2 + keyLength + padding.length) % BLOCK !== 0) {
      throw fail('ERR_INVALID_ARG_VALUE', `padding: ${padding.length} bytes make the payload 2 + ${keyLength} + ${padding.length} = ${2 + keyLength + padding.length} bytes, not a multiple of ${BLOCK}`);
    }
    return padding.length;
  }
  const size = masked ?? keyLength;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < keyLength) {
    throw fail('ERR_INVALID_ARG_VALUE', `maskedKeyLength: expected a whole number of bytes, at least the key's ${keyLength}, got ${typeof size === 'number' ? size : describe(size)}`);
  }
  const length = size - keyLength + ((BLOCK - ((2 + size) % BLOCK)) % BLOCK);
  if (padding !== undefined && padding.length !== length) {
    throw fail('ERR_INVALID_ARG_VALUE', `padding: expected ${length} bytes (payload 2 + ${keyLength} + ${length} = ${2 + keyLength + length} bytes for maskedKeyLength ${size}), got ${padding.length}`);
  }
  return length;
}

/**
 * Wrap `key` (8, 16 or 24 bytes, no longer than the KBPK) in a key block of the version the
 * header names. `header` is a Tr31Header or a header string (its length field is recomputed).
 */
function wrap(kbpk: Uint8Array, header: Tr31Header | string, key: Uint8Array, options?: Tr31WrapOptions): string {
  const kbpkBytes = expectLength(asBytes(kbpk, 'kbpk'), KBPK_LENGTHS, 'kbpk');
  const { header: fields, reserved } = headerForWrap(header);
  const keyBytes = expectLength(asBytes(key, 'key'), KEY_LENGTHS, 'key');
  if (keyBytes.length > kbpkBytes.length) {
    throw fail('ERR_CRYPTO_INVALID_KEYLEN', `key: a ${keyBytes.length}-byte key cannot be wrapped under a ${kbpkBytes.length}-byte KBPK (the KBPK must be at least as strong as the key it protects)`);
  }
  const opts = readOptions(options, { maskedKeyLength: 'any', padding: 'any' }, 'tr31.wrap options');
  const givenPadding = opts.padding === undefined ? undefined : asBytes(opts.padding, 'padding');
  const padLength = paddingLength(keyBytes.length, opts.maskedKeyLength, givenPadding);

  const version = fields.version;
  const payloadLength = 2 + keyBytes.length + padLength;
  const text = formatHeader(fields, reserved, 2 * (payloadLength + MAC_LENGTH[version]));
  const headerBytes = ascii(text);

  // The clear payload: key length in bits, key, padding (TR-31:2018 A.3, X9.143 §6.4).
  const payload = new Uint8Array(payloadLength);
  payload[0] = (keyBytes.length * 8) >> 8;
  payload[1] = (keyBytes.length * 8) & 0xff;
  payload.set(keyBytes, 2);
  const random = givenPadding ?? randomBytes(padLength);
  payload.set(random, 2 + keyBytes.length);
  if (!givenPadding) wipe(random);

  let keys: { kbek: Uint8Array; kbak: Uint8Array } | undefined;
  let macInput: Uint8Array | undefined;
  try {
    if (version === 'B') {
      keys = derivedKeys(kbpkBytes);
      macInput = concat(headerBytes, payload);
      const mac = cmac(keys.kbak, macInput, { length: 8 });
      return text + hexUpper(cbc(keys.kbek, mac, 'encrypt', payload)) + hexUpper(mac);
    }
    keys = variantKeys(kbpkBytes);
    const encrypted = cbc(keys.kbek, headerBytes.subarray(0, BLOCK), 'encrypt', payload);
    const mac = cbcMac(keys.kbak, concat(headerBytes, encrypted), { padding: 1, length: 4 });
    return text + hexUpper(encrypted) + hexUpper(mac);
  } finally {
    wipe(payload, macInput, keys?.kbek, keys?.kbak);
  }
}

// ---------------------------------------------------------------------------------------------
// unwrap

/** Read a key block: its header, then the MAC, then the key. Throws a coded DesError on any fault. */
function unwrap(kbpk: Uint8Array, block: string): { header: Tr31Header; key: Uint8Array } {
  const kbpkBytes = expectLength(asBytes(kbpk, 'kbpk'), KBPK_LENGTHS, 'kbpk');
  if (typeof block !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `block: expected string, got ${describe(block)}`);
  const record = readHeader(block, 'block');
  const declared = Number(block.slice(1, 5));
  if (declared !== block.length) {
    throw fail('ERR_TR31_FORMAT', `block length field: says ${block.slice(1, 5)} characters, the block has ${block.length}`);
  }
  const version = record.header.version;
  const macLength = MAC_LENGTH[version];
  const body = block.slice(record.length);
  if (!/^[0-9A-Fa-f]*$/.test(body)) {
    throw fail('ERR_TR31_FORMAT', `block: the encrypted payload and MAC after the header (character ${record.length} on) must be hex digits`);
  }
  const payloadLength = body.length / 2 - macLength;
  if (body.length % 2 !== 0 || payloadLength < 2 * BLOCK || payloadLength % BLOCK !== 0) {
    throw fail('ERR_TR31_FORMAT', `block: ${body.length} hex digits after the header; expected an encrypted payload of a multiple of ${BLOCK} bytes, at least ${2 * BLOCK}, then a ${macLength}-byte MAC`);
  }
  const headerBytes = ascii(block.slice(0, record.length));
  const encrypted = hexToBytes(body.slice(0, 2 * payloadLength));
  const mac = hexToBytes(body.slice(2 * payloadLength));

  let keys: { kbek: Uint8Array; kbak: Uint8Array } | undefined;
  let payload: Uint8Array | undefined;
  let macInput: Uint8Array | undefined;
  try {
    if (version === 'B') {
      keys = derivedKeys(kbpkBytes);
      payload = cbc(keys.kbek, mac, 'decrypt', encrypted);
      macInput = concat(headerBytes, payload);
      const expected = cmac(keys.kbak, macInput, { length: 8 });
      if (!equalBytes(expected, mac)) throw fail('ERR_TR31_MAC', 'block: MAC verification failed (wrong KBPK, or the block was altered)');
    } else {
      keys = variantKeys(kbpkBytes);
      const expected = cbcMac(keys.kbak, concat(headerBytes, encrypted), { padding: 1, length: 4 });
      if (!equalBytes(expected, mac)) throw fail('ERR_TR31_MAC', 'block: MAC verification failed (wrong KBPK, or the block was altered)');
      payload = cbc(keys.kbek, headerBytes.subarray(0, BLOCK), 'decrypt', encrypted);
    }
    const bits = (payload[0] << 8) | payload[1];
    const length = bits / 8;
    if (!KEY_LENGTHS.includes(length) || 2 + length > payload.length) {
      throw fail('ERR_TR31_KEY_LENGTH', `block: the decrypted key length field says ${bits} bits; expected 64, 128 or 192 bits within the ${payload.length}-byte payload`);
    }
    return { header: record.header, key: payload.slice(2, 2 + length) };
  } finally {
    wipe(payload, macInput, keys?.kbek, keys?.kbak);
  }
}

export const tr31 = { wrap, unwrap };

/**
 * EMV issuer cryptography with Triple-DES (EMV 4.3 Book 2): the ICC master key from the issuer
 * master key, the common session key for a transaction counter, the application cryptogram
 * (ARQC, and TC / AAC alike) and the issuer's answer, the ARPC.
 *
 *   emv.masterKey(imk, { pan, psn = '00', method = 'A' })     Annex A1.4, options A and B
 *   emv.sessionKey(iccMasterKey, atc)                          Annex A1.3.1 with R = ATC ‖ 00 × 6
 *   emv.commonSessionKey(iccMasterKey, r)                      Annex A1.3.1 for any 8-byte R
 *   emv.arqc(sessionKey, data, { padding: 1 | 2 })             §8.1.2, ISO/IEC 9797-1 MAC algorithm 3
 *   emv.verifyArqc(sessionKey, data, arqc, { padding })        the same, compared in constant time
 *   emv.arpc(sessionKey, arqc, { method: 1, arc })             §8.2.1, ARPC method 1
 *   emv.arpc(sessionKey, arqc, { method: 2, csu, proprietary }) §8.2.2, ARPC method 2
 *
 * Which data go into the ARQC, which key answers it (session key or ICC master key) and which
 * padding the card uses are set by the card's cryptogram version (Visa CVN, Mastercard M/Chip
 * profile): the caller assembles the data; nothing here guesses it.
 */
import { bytesToHex, equalBytes, fixParity, hexToBytes, retailMac } from '../api.js';
import { asBytes, expectLength, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { sha1 } from '../noble.js';
import { digitsThenLetters } from './decimalize.js';
import { ecb } from '../subpath/blocks.js';
import { bytesField, bytesInRange, digits } from '../subpath/fields.js';

export interface MasterKeyOptions {
  /** Application PAN (tag 5A), 12 to 19 decimal digits. */
  pan: string;
  /** PAN sequence number (tag 5F34), 2 decimal digits; default '00'. */
  psn?: string;
  /** Annex A1.4.1 option A or A1.4.2 option B; default 'A'. Option B is option A for PANs of 16 digits or fewer. */
  method?: 'A' | 'B';
}

export interface ArqcOptions {
  /** ISO/IEC 9797-1 padding method: 1 (zeros, none when the data fill whole blocks) or 2 (80 then zeros). Required. */
  padding: 1 | 2;
}

export type ArpcOptions =
  /** Method 1: ARPC = TDES(key, ARQC ⊕ (ARC ‖ 00 × 6)), 8 bytes. `arc`: the 2-byte authorisation response code. */
  | { method: 1; arc: Uint8Array }
  /**
   * Method 2: ARPC = the leftmost 4 bytes of MAC algorithm 3, padding method 2, over
   * ARQC ‖ CSU ‖ proprietary authentication data. `csu`: the 4-byte card status update;
   * `proprietary`: 0 to 8 bytes (default none).
   */
  | { method: 2; csu: Uint8Array; proprietary?: Uint8Array };

const KEY = [16];
const bad = (message: string) => fail('ERR_EMV_INPUT', message);

function key16(value: unknown, name: string): Uint8Array {
  return expectLength(asBytes(value, name), KEY, name);
}

/** The ISO/IEC 9797-1 padding method, which the caller must name (it is where ARQC checks go wrong). */
function arqcPadding(optionsIn: unknown, where: string): 1 | 2 {
  const { padding } = readOptions(optionsIn, { padding: 'any' }, where);
  if (padding === 1 || padding === 2) return padding;
  throw bad(padding === undefined
    ? 'padding: required, ISO/IEC 9797-1 padding method 1 (zeros) or 2 (80 then zeros), as the card\'s cryptogram version says'
    : `padding: expected ISO/IEC 9797-1 padding method 1 or 2, got ${JSON.stringify(padding)}`);
}

// ---------------------------------------------------------------------------------------------
// ICC master key (Annex A1.4)

/**
 * Annex A1.4.1 option A: Y = the rightmost 16 digits of PAN ‖ PSN (zeros on the left when there
 * are fewer), as 8 BCD bytes; MK = TDES(IMK, Y) ‖ TDES(IMK, Y ⊕ FF × 8), odd parity set.
 */
function optionA(imk: Uint8Array, pan: string, psn: string): Uint8Array {
  const y = (pan + psn).slice(-16).padStart(16, '0');
  return deriveFromY(imk, y);
}

/**
 * Annex A1.4.2 option B, for PANs of 17 to 19 digits (for shorter ones option B *is* option A):
 * X = PAN ‖ PSN, a zero digit on the left when the count is odd, packed as BCD; Y = SHA-1(X)
 * decimalized to 16 digits (the decimal digits left to right, then the letters A-F as 0-5);
 * then as option A.
 */
function optionB(imk: Uint8Array, pan: string, psn: string): Uint8Array {
  if (pan.length <= 16) return optionA(imk, pan, psn);
  const x = pan + psn;
  const bcd = hexToBytes(x.length % 2 ? '0' + x : x);
  const digest = sha1(bcd);
  const y = digitsThenLetters(bytesToHex(digest).toUpperCase(), 16);
  wipe(digest);
  return deriveFromY(imk, y);
}

function deriveFromY(imk: Uint8Array, y: string): Uint8Array {
  const blocks = new Uint8Array(16);
  blocks.set(hexToBytes(y));
  for (let i = 0; i < 8; i++) blocks[8 + i] = blocks[i] ^ 0xff;
  return keyFromBlocks(imk, blocks);
}

/** Both derivations end alike: a 16-byte key = TDES-ECB(key, two blocks), odd parity set; the blocks and the raw output wiped. */
function keyFromBlocks(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  const raw = ecb(key, 'encrypt', blocks);
  try {
    return fixParity(raw);
  } finally {
    wipe(raw, blocks);
  }
}

/** The ICC master key (16 bytes, odd parity) for a card, from the 16-byte issuer master key. */
export function masterKey(imkIn: Uint8Array, optionsIn: MasterKeyOptions): Uint8Array {
  const imk = key16(imkIn, 'imk');
  const options = readOptions(optionsIn, { pan: 'any', psn: 'any', method: 'any' }, 'emv.masterKey options');
  const pan = digits(options.pan, 'pan', 12, 19, 'ERR_EMV_INPUT');
  const psn = options.psn === undefined ? '00' : digits(options.psn, 'psn', 2, 2, 'ERR_EMV_INPUT');
  const method = options.method ?? 'A';
  if (method !== 'A' && method !== 'B') {
    throw bad(`method: expected 'A' or 'B' (EMV Book 2 A1.4.1 option A or A1.4.2 option B), got ${JSON.stringify(method)}`);
  }
  return method === 'A' ? optionA(imk, pan, psn) : optionB(imk, pan, psn);
}

// ---------------------------------------------------------------------------------------------
// Session keys (Annex A1.3.1)

/**
 * EMV common session key derivation (Annex A1.3.1) for an 8-byte diversification value R:
 * SK = TDES(MK, R0 R1 F0 R3 … R7) ‖ TDES(MK, R0 R1 0F R3 … R7), odd parity set.
 */
export function commonSessionKey(iccMasterKeyIn: Uint8Array, rIn: Uint8Array): Uint8Array {
  const mk = key16(iccMasterKeyIn, 'iccMasterKey');
  const r = bytesField(rIn, 'r', [8], 'ERR_EMV_INPUT');
  const blocks = new Uint8Array(16);
  blocks.set(r, 0);
  blocks.set(r, 8);
  blocks[2] = 0xf0;
  blocks[10] = 0x0f;
  return keyFromBlocks(mk, blocks);
}

/** The application cryptogram session key for a 2-byte ATC: the common session key for R = ATC ‖ 00 × 6. */
export function sessionKey(iccMasterKey: Uint8Array, atcIn: Uint8Array): Uint8Array {
  key16(iccMasterKey, 'iccMasterKey');
  const atc = bytesField(atcIn, 'atc', [2], 'ERR_EMV_INPUT');
  const r = new Uint8Array(8);
  r.set(atc);
  return commonSessionKey(iccMasterKey, r);
}

// ---------------------------------------------------------------------------------------------
// Application cryptogram and authorisation response cryptogram (§8.1, §8.2)

/** The 8-byte application cryptogram: ISO/IEC 9797-1 MAC algorithm 3 under the session key. */
export function arqc(sessionKeyIn: Uint8Array, dataIn: Uint8Array, options: ArqcOptions): Uint8Array {
  const sk = key16(sessionKeyIn, 'sessionKey');
  const data = asBytes(dataIn, 'data');
  const padding = arqcPadding(options, 'emv.arqc options');
  return retailMac(sk, data, { padding, length: 8 });
}

/** True when `arqcIn` is the cryptogram of `data`, compared in constant time; an ARQC not 8 bytes long throws. */
export function verifyArqc(sessionKeyIn: Uint8Array, dataIn: Uint8Array, arqcIn: Uint8Array, options: ArqcOptions): boolean {
  const sk = key16(sessionKeyIn, 'sessionKey');
  const data = asBytes(dataIn, 'data');
  const given = bytesField(arqcIn, 'arqc', [8], 'ERR_EMV_INPUT');
  const padding = arqcPadding(options, 'emv.verifyArqc options');
  const expected = retailMac(sk, data, { padding, length: 8 });
  try {
    return equalBytes(expected, given);
  } finally {
    wipe(expected);
  }
}

/** The ARPC: 8 bytes by method 1, 4 bytes by method 2 (see ArpcOptions). */
export function arpc(sessionKeyIn: Uint8Array, arqcIn: Uint8Array, optionsIn: ArpcOptions): Uint8Array {
  const sk = key16(sessionKeyIn, 'sessionKey');
  const cryptogram = bytesField(arqcIn, 'arqc', [8], 'ERR_EMV_INPUT');
  const options = readOptions(optionsIn, { method: 'any', arc: 'any', csu: 'any', proprietary: 'any' }, 'emv.arpc options');
  if (options.method === 1) {
    for (const field of ['csu', 'proprietary']) {
      if (options[field] !== undefined) throw bad(`${field}: ARPC method 1 takes arc only (${field} belongs to method 2)`);
    }
    const arc = bytesField(options.arc, 'arc', [2], 'ERR_EMV_INPUT');
    // §8.2.1: X = ARQC ⊕ (ARC ‖ 00 00 00 00 00 00); ARPC = TDES(key, X)
    const x = new Uint8Array(cryptogram);
    x[0] ^= arc[0];
    x[1] ^= arc[1];
    try {
      return ecb(sk, 'encrypt', x);
    } finally {
      wipe(x);
    }
  }
  if (options.method === 2) {
    if (options.arc !== undefined) throw bad('arc: ARPC method 2 takes csu and proprietary (arc belongs to method 1)');
    const csu = bytesField(options.csu, 'csu', [4], 'ERR_EMV_INPUT');
    const proprietary = options.proprietary === undefined ? new Uint8Array(0)
      : bytesInRange(options.proprietary, 'proprietary', 0, 8, 'ERR_EMV_INPUT');
    // §8.2.2: ARPC = MAC algorithm 3, padding method 2, over ARQC ‖ CSU ‖ proprietary data, leftmost 4 bytes
    const y = new Uint8Array(12 + proprietary.length);
    y.set(cryptogram, 0);
    y.set(csu, 8);
    y.set(proprietary, 12);
    try {
      return retailMac(sk, y, { padding: 2, length: 4 });
    } finally {
      wipe(y);
    }
  }
  throw bad(options.method === undefined
    ? 'method: required, ARPC method 1 (with arc) or 2 (with csu and optional proprietary data)'
    : `method: expected ARPC method 1 or 2, got ${JSON.stringify(options.method)}`);
}

/** The EMV functions as one namespace: `import { emv } from 'des-wasm/payments'`. */
export const emv = { masterKey, sessionKey, commonSessionKey, arqc, verifyArqc, arpc } as const;

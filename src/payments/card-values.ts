/**
 * Card and PIN verification values with Triple-DES: the Visa CVV (Mastercard's CVC is the same
 * algorithm; CVV2 and iCVV are the same with another service code), the Visa PIN verification
 * value (PVV) and the IBM 3624 PIN offset.
 *
 *   cardValues.cvv(cvk, { pan, expiry, serviceCode })                      3 digits
 *   cardValues.pvv(pvk, { pan, pin, pvki })                                4 digits
 *   cardValues.ibm3624Offset(pvk, { validationData, pin, decimalization }) as many digits as the PIN
 *   cardValues.ibm3624Pin(pvk, { validationData, offset, decimalization }) as many digits as the offset
 *   cardValues.verifyCvv(…, cvv)  cardValues.verifyPvv(…, pvv)           compared in constant time
 *
 * Keys: the CVK and the PVV's PVK are 16-byte pairs (key A ‖ key B); the IBM 3624 PVK is a DES or
 * Triple-DES key (8, 16 or 24 bytes).
 */
import { bytesToHex, equalBytes, hexToBytes, retailMac, utf8ToBytes } from '../api.js';
import { asBytes, expectLength, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { byTable, digitsThenLetters } from './decimalize.js';
import { ecb } from '../subpath/blocks.js';
import { digits, hexDigits } from '../subpath/fields.js';

export interface CvvOptions {
  /** The PAN as encoded on the card, 12 to 19 decimal digits. */
  pan: string;
  /** Expiry date 'YYMM' as encoded on the track (4 digits, used as given). */
  expiry: string;
  /** 3-digit service code: the track's for CVV / CVC 1, '000' for CVV2 / CVC2, '999' for iCVV / chip CVC. */
  serviceCode: string;
}
export interface PvvOptions {
  /** 12 to 19 decimal digits; the 11 digits left of the check digit enter the PVV. */
  pan: string;
  /** 4 to 12 decimal digits; the leftmost 4 enter the PVV. */
  pin: string;
  /** PIN verification key index: '0' to '9', or a number 0 to 9. */
  pvki: string | number;
}
export interface Ibm3624Options {
  /** 16 hex digits, usually PAN digits padded with a pad character (the issuer's layout). */
  validationData: string;
  /** 16 decimal digits: the decimal digit for each hex digit 0-F, e.g. '0123456789012345'. */
  decimalization: string;
}

const CODE = 'ERR_CARD_INPUT';
const bad = (message: string) => fail(CODE, message);
const PAIR = [16];
const DES_OR_TDES = [8, 16, 24];

function key(value: unknown, name: string, lengths: readonly number[]): Uint8Array {
  return expectLength(asBytes(value, name), lengths, name);
}

const pan = (value: unknown) => digits(value, 'pan', 12, 19, CODE);
const pin = (value: unknown, name = 'pin') => digits(value, name, 4, 12, CODE);

function pvkiOf(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= 9) return String(value);
    throw bad(`pvki: expected a PIN verification key index 0 to 9, got ${value}`);
  }
  if (typeof value === 'string') {
    if (/^[0-9]$/.test(value)) return value;
    throw bad(`pvki: expected a PIN verification key index '0' to '9', got ${JSON.stringify(value)}`);
  }
  throw fail('ERR_INVALID_ARG_TYPE', `pvki: expected a digit '0' to '9' or a number 0 to 9, got ${typeof value}`);
}

/** Compare two digit strings in constant time (for strings of the same length, which callers check). */
function sameDigits(a: string, b: string): boolean {
  const x = utf8ToBytes(a), y = utf8ToBytes(b);
  try {
    return equalBytes(x, y);
  } finally {
    wipe(x, y);
  }
}

// ---------------------------------------------------------------------------------------------
// CVV / CVC

/**
 * CVV: the digits PAN ‖ expiry ‖ service code, zeros on the right to 32, as two blocks B1, B2;
 * R = TDES(CVK, DES(CVK_A, B1) ⊕ B2), which is ISO/IEC 9797-1 MAC algorithm 3 over B1 ‖ B2 (two
 * whole blocks: padding method 1 adds nothing); the CVV is the first 3 digits of R decimalized
 * (its decimal digits left to right, then its letters A-F as 0-5).
 */
function computeCvv(cvkIn: unknown, optionsIn: unknown, where: string, extra: Record<string, 'any'>) {
  const cvk = key(cvkIn, 'cvk', PAIR);
  const options = readOptions(optionsIn, { pan: 'any', expiry: 'any', serviceCode: 'any', ...extra }, where);
  const digitsIn = pan(options.pan)
    + digits(options.expiry, 'expiry', 4, 4, CODE)
    + digits(options.serviceCode, 'serviceCode', 3, 3, CODE);
  const blocks = hexToBytes(digitsIn.padEnd(32, '0'));
  const r = retailMac(cvk, blocks, { padding: 1, length: 8 });
  try {
    return { options, value: digitsThenLetters(bytesToHex(r).toUpperCase(), 3) };
  } finally {
    wipe(r, blocks);
  }
}

export function cvv(cvk: Uint8Array, options: CvvOptions): string {
  return computeCvv(cvk, options, 'cardValues.cvv options', {}).value;
}

/** True when `cvv` (3 digits) is the card's CVV, compared in constant time. */
export function verifyCvv(cvk: Uint8Array, options: CvvOptions & { cvv: string }): boolean {
  const { options: read, value } = computeCvv(cvk, options, 'cardValues.verifyCvv options', { cvv: 'any' });
  return sameDigits(value, digits(read.cvv, 'cvv', 3, 3, CODE));
}

// ---------------------------------------------------------------------------------------------
// Visa PVV

/**
 * Visa PVV: the transformed security parameter TSP = the 11 PAN digits left of the check digit ‖
 * PVKI ‖ the leftmost 4 PIN digits (16 digits, 8 bytes); PVV = the first 4 digits of
 * TDES(PVK, TSP) decimalized as the CVV.
 */
function computePvv(pvkIn: unknown, optionsIn: unknown, where: string, extra: Record<string, 'any'>) {
  const pvk = key(pvkIn, 'pvk', PAIR);
  const options = readOptions(optionsIn, { pan: 'any', pin: 'any', pvki: 'any', ...extra }, where);
  const account = pan(options.pan).slice(-12, -1);
  const tsp = hexToBytes(account + pvkiOf(options.pvki) + pin(options.pin).slice(0, 4));
  const out = ecb(pvk, 'encrypt', tsp);
  try {
    return { options, value: digitsThenLetters(bytesToHex(out).toUpperCase(), 4) };
  } finally {
    wipe(out, tsp);
  }
}

export function pvv(pvk: Uint8Array, options: PvvOptions): string {
  return computePvv(pvk, options, 'cardValues.pvv options', {}).value;
}

/** True when `pvv` (4 digits) is the PVV of this PIN, compared in constant time. */
export function verifyPvv(pvk: Uint8Array, options: PvvOptions & { pvv: string }): boolean {
  const { options: read, value } = computePvv(pvk, options, 'cardValues.verifyPvv options', { pvv: 'any' });
  return sameDigits(value, digits(read.pvv, 'pvv', 4, 4, CODE));
}

// ---------------------------------------------------------------------------------------------
// IBM 3624

/**
 * IBM 3624: the intermediate PIN is TDES(PVK, validation data) with every hex digit replaced
 * through the decimalization table; the natural PIN is its leftmost n digits; PIN = natural PIN +
 * offset and offset = PIN − natural PIN, digit by digit modulo 10 (no carries).
 */
function naturalPin(pvk: Uint8Array, options: Record<string, unknown>, length: number): string {
  const data = hexToBytes(hexDigits(options.validationData, 'validationData', 16, CODE));
  const table = digits(options.decimalization, 'decimalization', 16, 16, CODE);
  const out = ecb(pvk, 'encrypt', data);
  try {
    return byTable(bytesToHex(out).toUpperCase(), table).slice(0, length);
  } finally {
    wipe(out, data);
  }
}

function digitwise(a: string, b: string, sign: 1 | -1): string {
  let out = '';
  for (let i = 0; i < a.length; i++) out += String((10 + Number(a[i]) + sign * Number(b[i])) % 10);
  return out;
}

/** The offset that turns the natural PIN into `pin` (as many digits as the PIN). */
export function ibm3624Offset(pvkIn: Uint8Array, optionsIn: Ibm3624Options & { pin: string }): string {
  const pvk = key(pvkIn, 'pvk', DES_OR_TDES);
  const options = readOptions(optionsIn, { validationData: 'any', pin: 'any', decimalization: 'any' }, 'cardValues.ibm3624Offset options');
  const customer = pin(options.pin);
  return digitwise(customer, naturalPin(pvk, options, customer.length), -1);
}

/** The PIN that `offset` gives: natural PIN + offset (as many digits as the offset). */
export function ibm3624Pin(pvkIn: Uint8Array, optionsIn: Ibm3624Options & { offset: string }): string {
  const pvk = key(pvkIn, 'pvk', DES_OR_TDES);
  const options = readOptions(optionsIn, { validationData: 'any', offset: 'any', decimalization: 'any' }, 'cardValues.ibm3624Pin options');
  const offset = pin(options.offset, 'offset');
  return digitwise(naturalPin(pvk, options, offset.length), offset, 1);
}

/** The card-value functions as one namespace: `import { cardValues } from 'des-wasm/payments'`. */
export const cardValues = { cvv, verifyCvv, pvv, verifyPvv, ibm3624Offset, ibm3624Pin } as const;

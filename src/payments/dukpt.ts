/**
 * DUKPT, Derived Unique Key Per Transaction, ANSI X9.24-1:2009 Annex A: the TDES variant with a
 * double-length (16-byte) base derivation key. Host side (from the BDK) and terminal side (from
 * the initial key, IPEK) derive the same keys, so both are one function here.
 *
 *   1. IPEK = TDES-E(BDK, IKSN₈) ‖ TDES-E(BDK ⊕ C0C0C0C000000000C0C0C0C000000000, IKSN₈), where
 *      IKSN₈ is the left 8 bytes of the KSN with the counter bits zero ("Derivation of the
 *      Initial Key").
 *   2. Transaction key: starting from the IPEK and R₈ = the right 8 bytes of the KSN with the
 *      counter zero, for each one bit of the counter from the most significant: set that bit
 *      in R₈, K = NRKGP(K, R₈) (the "Non-reversible Key Generation Process").
 *   3. Working keys: the transaction key xor a variant constant per usage (PIN, MAC request,
 *      MAC response, data request, data response); the 2009 edition then turns the data
 *      variants into keys by the one-way step TDES-E(Kv, Kv_L) ‖ TDES-E(Kv, Kv_R), which older
 *      devices skip ({ variantOnly: true }).
 *
 * Out of scope: AES DUKPT (X9.24-3) and the pre-2009 single-length DUKPT.
 */
import { asBytes, bytesOrNull, describe, showValue, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { retailMac, tdes } from '../api.js';
import type { Padding } from '../api.js';
import { ecb, xor } from '../subpath/blocks.js';
import { nextKsn, parseKsn, readKsn } from './ksn.js';
import { pinBlock } from './pin-block.js';
import type { DecodedPinBlock, PinBlockFields } from './pin-block.js';

export type { ParsedKsn } from './ksn.js';

/** Where the keys come from: the base derivation key (host) or the initial key (terminal). */
export type DukptSource = { bdk: Uint8Array } | { ipek: Uint8Array };
export type DukptUsage = 'transaction' | 'pin' | 'macRequest' | 'macResponse' | 'dataRequest' | 'dataResponse';
export type DukptDirection = 'request' | 'response';

export interface DeriveKeyOptions {
  /** Data keys without the 2009 one-way step (devices built to the older editions). Default false. */
  variantOnly?: boolean;
}
export interface DukptMacOptions {
  direction: DukptDirection;
  /** MAC length in bytes, 4 or 8 (default 8). */
  length?: 4 | 8;
}
export interface DukptDataOptions {
  direction: DukptDirection;
  /** CBC IV, 8 bytes (default zeros). */
  iv?: Uint8Array;
  /** Block padding, one of des-wasm's PADDINGS (default 'zero'). */
  padding?: Padding;
}

/** The key register mask of the IPEK's right half and of NRKGP's left half. */
const C0_MASK = Uint8Array.of(0xc0, 0xc0, 0xc0, 0xc0, 0, 0, 0, 0, 0xc0, 0xc0, 0xc0, 0xc0, 0, 0, 0, 0);

/** The variant constants, xored into both halves of the transaction key (X9.24-1:2009 Annex A). */
const VARIANTS: Record<Exclude<DukptUsage, 'transaction'>, { byte: number; value: number }> = {
  pin: { byte: 7, value: 0xff },            // 00000000000000FF
  macRequest: { byte: 6, value: 0xff },     // 000000000000FF00
  macResponse: { byte: 4, value: 0xff },    // 00000000FF000000
  dataRequest: { byte: 5, value: 0xff },    // 0000000000FF0000
  dataResponse: { byte: 3, value: 0xff },   // 000000FF00000000
};
const USAGES: readonly string[] = ['transaction', 'pin', 'macRequest', 'macResponse', 'dataRequest', 'dataResponse'];

// ---------------------------------------------------------------------------------------------
// Checks at the boundary

function checkKey16(value: unknown, name: 'bdk' | 'ipek'): Uint8Array {
  const key = bytesOrNull(value, name);
  if (key === null) throw fail('ERR_DUKPT_KEY', `${name}: expected a 16-byte Uint8Array, got ${describe(value)}`);
  if (key.length !== 16) {
    throw fail('ERR_DUKPT_KEY', `${name}: expected 16 bytes (a double-length TDES key), got ${key.length}`);
  }
  return key;
}

/** { bdk } or { ipek }, exactly one of them. */
function readSource(value: unknown): { bdk?: Uint8Array; ipek?: Uint8Array } {
  if (value === null || typeof value !== 'object' || bytesOrNull(value, 'source') !== null) {
    throw fail('ERR_DUKPT_KEY', `source: expected { bdk } or { ipek }, got ${describe(value)}`);
  }
  const source = readOptions(value, { bdk: 'any', ipek: 'any' }, 'source');
  if ((source.bdk === undefined) === (source.ipek === undefined)) {
    throw fail('ERR_DUKPT_KEY', `source: expected { bdk } or { ipek }, exactly one of them, got ${source.bdk === undefined ? 'neither' : 'both'}`);
  }
  return source.bdk !== undefined ? { bdk: checkKey16(source.bdk, 'bdk') } : { ipek: checkKey16(source.ipek, 'ipek') };
}

function checkUsage(value: unknown): DukptUsage {
  if (typeof value === 'string' && USAGES.includes(value)) return value as DukptUsage;
  throw fail('ERR_INVALID_ARG_VALUE', `usage: expected ${USAGES.map((u) => `'${u}'`).join(', ')}, got ${showValue(value)}`);
}

function checkDirection(value: unknown): DukptDirection {
  if (value === 'request' || value === 'response') return value;
  throw fail('ERR_INVALID_ARG_VALUE', `direction: expected 'request' or 'response', got ${showValue(value)}`);
}

// ---------------------------------------------------------------------------------------------
// The derivations

/** Derivation of the Initial Key, for a checked BDK and KSN. */
function deriveIpek(bdk: Uint8Array, ksn: Uint8Array): Uint8Array {
  const iksn = ksn.slice(0, 8);
  iksn[7] &= 0xe0;                                   // the counter's top 5 bits are in byte 7
  const masked = xor(bdk, C0_MASK);
  let left: Uint8Array | undefined, right: Uint8Array | undefined;
  try {
    left = ecb(bdk, 'encrypt', iksn);
    right = ecb(masked, 'encrypt', iksn);
    const ipek = new Uint8Array(16);
    ipek.set(left, 0);
    ipek.set(right, 8);
    return ipek;
  } finally {
    wipe(iksn, masked, left, right);
  }
}

/**
 * The Non-reversible Key Generation Process: one step from key K under register R₈.
 *   right = DES-E(K_L, R₈ ⊕ K_R) ⊕ K_R;  left = the same with K ⊕ C0C0C0C000000000C0C0C0C000000000.
 */
function nonReversibleStep(key: Uint8Array, r8: Uint8Array): Uint8Array {
  const half = (k: Uint8Array): Uint8Array => {
    const kLeft = k.subarray(0, 8), kRight = k.subarray(8, 16);
    const message = xor(r8, kRight);
    const encrypted = ecb(kLeft, 'encrypt', message);
    try {
      return xor(encrypted, kRight);
    } finally {
      wipe(message, encrypted);
    }
  };
  const masked = xor(key, C0_MASK);
  const right = half(key), left = half(masked);
  const out = new Uint8Array(16);
  out.set(left, 0);
  out.set(right, 8);
  wipe(masked, left, right);
  return out;
}

/** The transaction key for a checked KSN and counter, from the IPEK (not wiped here). */
function transactionKey(ipek: Uint8Array, ksn: Uint8Array, counter: number): Uint8Array {
  const r8 = ksn.slice(2, 10);
  r8[5] &= 0xe0;                                     // clear the 21 counter bits
  r8[6] = 0;
  r8[7] = 0;
  let key: Uint8Array = Uint8Array.from(ipek);
  try {
    for (let bit = 0x100000; bit > 0; bit >>>= 1) {
      if ((counter & bit) === 0) continue;
      r8[5] |= bit >>> 16;                           // set this counter bit in R₈
      r8[6] |= (bit >>> 8) & 0xff;
      r8[7] |= bit & 0xff;
      const next = nonReversibleStep(key, r8);
      wipe(key);
      key = next;
    }
    return key;
  } finally {
    wipe(r8);
  }
}

/** Apply a usage's variant to a transaction key, and for data keys the 2009 one-way step. */
function workingKey(txnKey: Uint8Array, usage: DukptUsage, variantOnly: boolean): Uint8Array {
  if (usage === 'transaction') return Uint8Array.from(txnKey);
  const { byte, value } = VARIANTS[usage];
  const variant = Uint8Array.from(txnKey);
  variant[byte] ^= value;
  variant[8 + byte] ^= value;
  if (variantOnly || (usage !== 'dataRequest' && usage !== 'dataResponse')) return variant;
  // X9.24-1:2009 data encryption key: the variant key encrypts its own halves.
  let left: Uint8Array | undefined, right: Uint8Array | undefined;
  try {
    left = ecb(variant, 'encrypt', variant.subarray(0, 8));
    right = ecb(variant, 'encrypt', variant.subarray(8, 16));
    const out = new Uint8Array(16);
    out.set(left, 0);
    out.set(right, 8);
    return out;
  } finally {
    wipe(variant, left, right);
  }
}

/** A working key for checked inputs; the intermediate keys are wiped. */
function derive(sourceIn: unknown, ksnIn: unknown, usage: DukptUsage, variantOnly: boolean): Uint8Array {
  const source = readSource(sourceIn);
  const { ksn, counter } = readKsn(ksnIn);
  const ipek = source.ipek ? Uint8Array.from(source.ipek) : deriveIpek(source.bdk!, ksn);
  let txnKey: Uint8Array | undefined;
  try {
    txnKey = transactionKey(ipek, ksn, counter);
    return workingKey(txnKey, usage, variantOnly);
  } finally {
    wipe(ipek, txnKey);
  }
}

// ---------------------------------------------------------------------------------------------
// The public functions

/** The initial key (IPEK) of the device whose KSN is `ksn`, from the 16-byte BDK. */
function ipek(bdk: Uint8Array, ksn: Uint8Array): Uint8Array {
  const key = checkKey16(bdk, 'bdk');
  return deriveIpek(key, readKsn(ksn).ksn);
}

/**
 * The key for `usage` at `ksn`: 'transaction' (the current key itself), 'pin', 'macRequest',
 * 'macResponse', 'dataRequest', 'dataResponse'. Counter 0 (the initial KSN) gives the IPEK as
 * the transaction key.
 */
function deriveKey(source: DukptSource, ksn: Uint8Array, usage: DukptUsage, options?: DeriveKeyOptions): Uint8Array {
  const checkedUsage = checkUsage(usage);
  const opts = readOptions(options, { variantOnly: 'boolean' }, 'dukpt.deriveKey options');
  return derive(source, ksn, checkedUsage, opts.variantOnly === true);
}

/** A PIN block (ISO 9564-1, formats 0 to 3) encrypted under the PIN key of `ksn`. */
function encryptPin(source: DukptSource, ksn: Uint8Array, fields: PinBlockFields): Uint8Array {
  const key = derive(source, ksn, 'pin', false);
  try {
    return pinBlock.encrypt(key, fields);
  } finally {
    wipe(key);
  }
}

/** Decrypt and decode a PIN block encrypted under the PIN key of `ksn`. */
function decryptPin(source: DukptSource, ksn: Uint8Array, block: Uint8Array, options: { pan?: string }): DecodedPinBlock {
  const key = derive(source, ksn, 'pin', false);
  try {
    return pinBlock.decrypt(key, block, options);
  } finally {
    wipe(key);
  }
}

/**
 * The ANSI X9.19 MAC (ISO/IEC 9797-1 MAC algorithm 3, padding method 1) of `data` under the
 * MAC request or response key of `ksn`; 4 or 8 bytes (default 8).
 */
function mac(source: DukptSource, ksn: Uint8Array, data: Uint8Array, options: DukptMacOptions): Uint8Array {
  const opts = readOptions(options, { direction: 'any', length: 'any' }, 'dukpt.mac options');
  const direction = checkDirection(opts.direction);
  const length = opts.length ?? 8;
  if (length !== 4 && length !== 8) {
    throw fail('ERR_INVALID_ARG_VALUE', `length: expected a MAC length of 4 or 8 bytes, got ${showValue(length)}`);
  }
  const message = asBytes(data, 'data');
  const key = derive(source, ksn, direction === 'request' ? 'macRequest' : 'macResponse', false);
  try {
    return retailMac(key, message, { padding: 1, length });
  } finally {
    wipe(key);
  }
}

/** TDES-CBC one way or the other under the data request or response key of `ksn`. */
function dataFunction(way: 'encrypt' | 'decrypt') {
  const where = `dukpt.${way}Data options`;
  return (source: DukptSource, ksn: Uint8Array, data: Uint8Array, options: DukptDataOptions): Uint8Array => {
    const message = asBytes(data, 'data');
    const opts = readOptions(options, { direction: 'any', iv: 'any', padding: 'any' }, where);
    const direction = checkDirection(opts.direction);
    const iv = opts.iv === undefined ? new Uint8Array(8) : asBytes(opts.iv, 'iv');
    const padding = (opts.padding ?? 'zero') as Padding;
    const key = derive(source, ksn, direction === 'request' ? 'dataRequest' : 'dataResponse', false);
    let cipher;
    try {
      cipher = tdes.cbc(key, iv, { padding });       // checks the IV length and the padding name
    } finally {
      wipe(key);                                     // the cipher keeps its own copy until destroy()
    }
    try {
      return way === 'encrypt' ? cipher.encrypt(message) : cipher.decrypt(message);
    } finally {
      cipher.destroy();
    }
  };
}

/** TDES-CBC encryption under the data request or response key of `ksn` (IV default zeros, padding default 'zero'). */
const encryptData = dataFunction('encrypt');
/** TDES-CBC decryption under the data request or response key of `ksn` (as encryptData). */
const decryptData = dataFunction('decrypt');

/** TDES DUKPT (ANSI X9.24-1:2009), host and terminal side. */
export const dukpt = { ipek, deriveKey, parseKsn, nextKsn, encryptPin, decryptPin, mac, encryptData, decryptData } as const;

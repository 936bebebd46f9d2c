/**
 * Message authentication codes from DES and Triple-DES, one-shot and incremental:
 *
 *   cbcMac(key, data, { padding: 1 | 2 | 3, length: 4 | 6 | 8 })    ISO/IEC 9797-1 MAC algorithm 1
 *   retailMac(key16, data, { padding, length })                     ISO/IEC 9797-1 MAC algorithm 3 (ANSI X9.19)
 *   cmac(key, data, { length })                                     NIST SP 800-38B CMAC
 *   cbcMac.create(key, options).update(chunk).update(chunk).digest()
 *   verifyCbcMac(key, data, mac, options)  verifyRetailMac(…)  verifyCmac(…)   constant-time compare
 *
 * Keys: 8 bytes = DES, 16 bytes = two-key TDES (K1 ‖ K2, K3 = K1), 24 bytes = three-key TDES; the
 * retail MAC takes 16 bytes K ‖ K'. MACs are truncated to their leftmost 4, 6 or 8 bytes (default 8).
 * The algorithms are in mac/iso9797-1.ts and mac/cmac.ts; this module checks what callers pass.
 */
import { asBytes, equalBytes, expectLength, showValue, wipe } from '../bytes.js';
import { readOptions } from '../options.js';
import type { OptionSpec } from '../options.js';
import { fail } from '../errors.js';
import type { MacCore } from './chain.js';
import { cbcMacCore, retailMacCore } from './iso9797-1.js';
import type { IsoPadding } from './iso9797-1.js';
import { cmacCore } from './cmac.js';

export type { IsoPadding } from './iso9797-1.js';

/** MAC lengths in bytes: even, from 4 to 8 (ISO/IEC 9797-1 advises at least 32 bits). */
export type MacLength = 4 | 6 | 8;
const MAC_LENGTHS: readonly number[] = [4, 6, 8];

export interface CmacOptions {
  /** MAC length in bytes: 4, 6 or 8 (default 8). */
  length?: MacLength;
}
export interface IsoMacOptions extends CmacOptions {
  /** ISO/IEC 9797-1 padding method: 1 (zeros), 2 (0x80 then zeros) or 3 (length block, then zeros). Default 1. */
  padding?: IsoPadding;
}
export interface StreamOptions {
  /**
   * The total number of data bytes that update() will be given; update() throws past it and
   * digest() throws short of it. Padding method 3 puts the length before the data: with dataLength
   * the MAC is computed as the data arrives, without it the data is kept until digest().
   */
  dataLength?: number;
}

/** An incremental MAC computation. */
export interface Mac {
  /** Add data; returns this. */
  update(data: Uint8Array): this;
  /** The MAC, once; the state is wiped and the object cannot be used again. */
  digest(): Uint8Array;
  /** Wipe the state without computing the MAC (for a computation abandoned half way). */
  destroy(): void;
}

export interface MacFunction<O> {
  (key: Uint8Array, data: Uint8Array, options?: O): Uint8Array;
  create(key: Uint8Array, options?: O & StreamOptions): Mac;
}

export interface VerifyFunction<O> {
  /**
   * True when `mac` is the MAC of `data`, compared in constant time. The MAC length is
   * options.length, or mac.length when that is not given; either must be 4, 6 or 8, and a mac of
   * another length than options.length throws (a length mismatch is a caller's error, not a forgery).
   */
  (key: Uint8Array, data: Uint8Array, mac: Uint8Array, options?: O): boolean;
}

// ---------------------------------------------------------------------------------------------
// Checks at the boundary

/** The options every MAC call takes (CMAC refuses a padding by name, below); create() adds dataLength. */
const MAC_OPTIONS: OptionSpec = { padding: 'any', length: 'any' };
const STREAM_MAC_OPTIONS: OptionSpec = { ...MAC_OPTIONS, dataLength: 'any' };

function checkMacLength(value: unknown): number {
  if (value === undefined) return 8;
  if (typeof value === 'number' && MAC_LENGTHS.includes(value)) return value;
  throw fail('ERR_INVALID_ARG_VALUE', `length: expected a MAC length of 4, 6 or 8 bytes, got ${showValue(value)}`);
}

function checkIsoPadding(value: unknown): IsoPadding {
  if (value === undefined) return 1;
  if (value === 1 || value === 2 || value === 3) return value;
  throw fail('ERR_INVALID_ARG_VALUE', `padding: expected ISO/IEC 9797-1 padding method 1, 2 or 3, got ${showValue(value)}`);
}

function checkNoPadding(value: unknown): void {
  if (value !== undefined) {
    throw fail('ERR_INVALID_ARG_VALUE', 'padding: CMAC pads by its own rule (SP 800-38B §6.2) and takes no padding option');
  }
}

function checkDataLength(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw fail('ERR_INVALID_ARG_VALUE', `dataLength: expected a non-negative integer, got ${showValue(value)}`);
}

/** What one MAC algorithm needs from the boundary: its key lengths and how to make its core. */
interface Algorithm {
  keyLengths: readonly number[];
  /** Check the algorithm's own options and return a core for a checked key. */
  core(key: Uint8Array, options: Record<string, unknown>, dataLength: number | undefined): MacCore;
}

const ISO_ALGORITHM_1: Algorithm = {
  keyLengths: [8, 16, 24],
  core: (key, options, dataLength) => cbcMacCore(key, checkIsoPadding(options.padding), dataLength),
};
const ISO_ALGORITHM_3: Algorithm = {
  keyLengths: [16],
  core: (key, options, dataLength) => retailMacCore(key, checkIsoPadding(options.padding), dataLength),
};
const CMAC: Algorithm = {
  keyLengths: [8, 16, 24],
  core: (key, options) => {
    checkNoPadding(options.padding);
    return cmacCore(key);
  },
};

// ---------------------------------------------------------------------------------------------
// The incremental object, and the one-shot and verify functions built on it

class MacStream implements Mac {
  private core: MacCore | null;
  private received = 0;

  /** `dataLength`, when given, is held to: update() may not pass it and digest() must reach it. */
  constructor(core: MacCore, private readonly length: number, private readonly dataLength: number | undefined) {
    this.core = core;
  }

  update(dataIn: Uint8Array): this {
    const core = this.live('update');
    const data = asBytes(dataIn, 'data');
    if (this.dataLength !== undefined && this.received + data.length > this.dataLength) {
      throw fail('ERR_INVALID_ARG_VALUE',
        `update: ${this.received + data.length} bytes of data exceed the declared dataLength of ${this.dataLength}`);
    }
    this.received += data.length;
    core.absorb(data);
    return this;
  }

  digest(): Uint8Array {
    const core = this.live('digest');
    this.core = null;
    try {
      if (this.dataLength !== undefined && this.received !== this.dataLength) {
        throw fail('ERR_INVALID_ARG_VALUE', `digest: got ${this.received} bytes of data, but dataLength declared ${this.dataLength}`);
      }
      const full = core.finish();
      const mac = full.slice(0, this.length);
      wipe(full);
      return mac;
    } finally {
      core.destroy();
    }
  }

  destroy(): void {
    this.core?.destroy();
    this.core = null;
  }

  private live(call: string): MacCore {
    if (this.core === null) {
      throw fail('ERR_CRYPTO_INVALID_STATE', `${call}: this MAC object is finished (digest() was called, or destroy())`);
    }
    return this.core;
  }
}

function start(algorithm: Algorithm, keyIn: unknown, options: Record<string, unknown>, dataLength: number | undefined): MacStream {
  const key = expectLength(asBytes(keyIn, 'key'), algorithm.keyLengths, 'key');
  const length = checkMacLength(options.length);
  return new MacStream(algorithm.core(key, options, dataLength), length, dataLength);
}

function oneShot(algorithm: Algorithm, keyIn: unknown, dataIn: unknown, options: Record<string, unknown>): Uint8Array {
  const data = asBytes(dataIn, 'data');
  // The length is known, so padding method 3 needs no buffering.
  return start(algorithm, keyIn, options, data.length).update(data).digest();
}

function macFunction<O>(algorithm: Algorithm): MacFunction<O> {
  const fn = (key: Uint8Array, data: Uint8Array, options?: O) => oneShot(algorithm, key, data, readOptions(options, MAC_OPTIONS));
  const create = (key: Uint8Array, optionsIn?: O & StreamOptions) => {
    const options = readOptions(optionsIn, STREAM_MAC_OPTIONS);
    return start(algorithm, key, options, checkDataLength(options.dataLength));
  };
  return Object.assign(fn, { create });
}

function verifyFunction<O>(algorithm: Algorithm): VerifyFunction<O> {
  return (key, data, macIn, optionsIn) => {
    const mac = asBytes(macIn, 'mac');
    const options = readOptions(optionsIn, MAC_OPTIONS);
    if (options.length === undefined) {
      if (!MAC_LENGTHS.includes(mac.length)) {
        throw fail('ERR_INVALID_ARG_VALUE', `mac: expected Uint8Array of length 4/6/8, got length=${mac.length}`);
      }
    } else if (mac.length !== checkMacLength(options.length)) {
      throw fail('ERR_INVALID_ARG_VALUE', `mac: expected Uint8Array of length ${options.length} (options.length), got length=${mac.length}`);
    }
    const expected = oneShot(algorithm, key, data, { ...options, length: mac.length });
    try {
      return equalBytes(expected, mac);
    } finally {
      wipe(expected);
    }
  };
}

/** ISO/IEC 9797-1 MAC algorithm 1 (CBC-MAC): DES for 8-byte keys, TDES for 16- and 24-byte keys. */
export const cbcMac: MacFunction<IsoMacOptions> = macFunction(ISO_ALGORITHM_1);
/** ISO/IEC 9797-1 MAC algorithm 3, the retail MAC of ANSI X9.19: a 16-byte key K ‖ K'. */
export const retailMac: MacFunction<IsoMacOptions> = macFunction(ISO_ALGORITHM_3);
/** NIST SP 800-38B CMAC: TDES for 16- and 24-byte keys, DES for 8-byte keys. */
export const cmac: MacFunction<CmacOptions> = macFunction(CMAC);

export const verifyCbcMac: VerifyFunction<IsoMacOptions> = verifyFunction(ISO_ALGORITHM_1);
export const verifyRetailMac: VerifyFunction<IsoMacOptions> = verifyFunction(ISO_ALGORITHM_3);
export const verifyCmac: VerifyFunction<CmacOptions> = verifyFunction(CMAC);

/**
 * The one-shot API: Uint8Array in, Uint8Array out, the algorithm explicit in the name.
 *
 *   des.cbc(key8, iv).encrypt(data)          tdes.cbc(key16or24, iv).decrypt(data)
 *   desx.cbc(key24, iv)                       des.ecb(key8, { padding: 'none' })
 *   des.cfb(key8, iv, { segment: 8 })         tdes.ctr(key, counter)        des.ofb(key8, iv)
 *
 * Each call of encrypt() or decrypt() is a whole message starting from the given IV or counter.
 * The expanded key lives in the returned object until destroy() wipes it.
 */
import type { Algorithm, Direction, EngineMode, Schedule } from './engine/index.js';
import { asBytes, copyBytes, expectLength } from './bytes.js';
import { fail } from './errors.js';
import { checkPadding } from './padding.js';
import type { Padding } from './padding.js';
import { runOnce, scheduleFor } from './cipher.js';
import { refuseWeakKey as refuseWeakKeys } from './keys.js';
import { cbcMany, ctrMany, ecbMany } from './batch.js';
import type { BatchItem } from './batch.js';

export type { BatchItem };

export interface KeyOptions {
  /** Refuse weak, semi-weak, possibly weak and degenerate keys with ERR_DES_WEAK_KEY (default false). */
  rejectWeakKeys?: boolean;
  /**
   * Run every block through the bitsliced engine, whose time does not depend on the key or the
   * data (default false). Needs WebAssembly SIMD; serial modes become much slower.
   */
  constantTime?: boolean;
}
export interface BlockModeOptions extends KeyOptions {
  /** Default 'pkcs7'. */
  padding?: Padding;
}
export interface CfbOptions extends KeyOptions {
  /** Bits fed back per step: 1, 8 or 64 (default 64). */
  segment?: 1 | 8 | 64;
}

export interface Cipher {
  encrypt(data: Uint8Array): Uint8Array;
  decrypt(data: Uint8Array): Uint8Array;
  /** Wipe the expanded key; the object cannot be used afterwards. */
  destroy(): void;
}

/** ECB, with a batch form for many messages under one key. */
export interface EcbMode {
  (key: Uint8Array, options?: BlockModeOptions): Cipher;
  encryptMany(key: Uint8Array, messages: Uint8Array[], options?: BlockModeOptions): Uint8Array[];
  decryptMany(key: Uint8Array, messages: Uint8Array[], options?: BlockModeOptions): Uint8Array[];
}
/** CBC, with a batch form: each item has its own IV. */
export interface CbcMode {
  (key: Uint8Array, iv: Uint8Array, options?: BlockModeOptions): Cipher;
  encryptMany(key: Uint8Array, items: BatchItem[], options?: BlockModeOptions): Uint8Array[];
  decryptMany(key: Uint8Array, items: BatchItem[], options?: BlockModeOptions): Uint8Array[];
}
/** CTR, with a batch form: each item has its own initial counter block. */
export interface CtrMode {
  (key: Uint8Array, counter: Uint8Array, options?: KeyOptions): Cipher;
  encryptMany(key: Uint8Array, items: { counter: Uint8Array; data: Uint8Array }[], options?: KeyOptions): Uint8Array[];
  decryptMany(key: Uint8Array, items: { counter: Uint8Array; data: Uint8Array }[], options?: KeyOptions): Uint8Array[];
}

export interface Family {
  ecb: EcbMode;
  cbc: CbcMode;
  cfb(key: Uint8Array, iv: Uint8Array, options?: CfbOptions): Cipher;
  ofb(key: Uint8Array, iv: Uint8Array, options?: KeyOptions): Cipher;
  ctr: CtrMode;
}

const KEY_LENGTHS: Record<Algorithm, number[]> = { des: [8], tdes: [16, 24], desx: [24] };

/**
 * Options must be a plain object (or absent). Anything else is a mistake worth naming, above all
 * an IV given to ECB, whose second parameter is the options.
 */
function checkOptions<T extends object>(options: unknown, mode: EngineMode): T {
  if (options === undefined) return {} as T;
  if (options instanceof Uint8Array || ArrayBuffer.isView(options)) {
    throw fail(mode === 'ecb' ? 'ERR_CRYPTO_INVALID_IV' : 'ERR_INVALID_ARG_TYPE',
      mode === 'ecb' ? 'ECB takes no IV: the second argument of ecb() is the options object' : 'options: expected an object, got bytes');
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw fail('ERR_INVALID_ARG_TYPE', `options: expected an object, got ${options === null ? 'null' : Array.isArray(options) ? 'Array' : typeof options}`);
  }
  return options as T;
}

/** Check a key for `algorithm` and the options that go with it; returns a private copy of the key. */
function prepareKey(algorithm: Algorithm, keyIn: unknown, options: KeyOptions): Uint8Array {
  const key = expectLength(asBytes(keyIn, 'key'), KEY_LENGTHS[algorithm], 'key');
  // For DESX only the first 8 bytes are a DES key; the rest is whitening.
  if (options.rejectWeakKeys) refuseWeakKeys(algorithm === 'desx' ? key.subarray(0, 8) : key);
  return copyBytes(key);
}

function keyed(algorithm: Algorithm, mode: EngineMode, keyIn: unknown, ivIn: unknown, ivName: string,
  optionsIn: unknown): Cipher {
  const options = checkOptions<KeyOptions & { padding?: unknown }>(optionsIn, mode);
  const keyCopy = prepareKey(algorithm, keyIn, options);
  const iv = mode === 'ecb' ? null : copyBytes(expectLength(asBytes(ivIn, ivName), [8], ivName, 'ERR_CRYPTO_INVALID_IV'));
  const padding = checkPadding(options.padding);
  const schedules: Partial<Record<Direction, Schedule>> = {};
  let destroyed = false;

  const run = (direction: Direction, dataIn: unknown) => {
    if (destroyed) throw fail('ERR_CRYPTO_INVALID_STATE', 'this cipher object was destroyed');
    const data = asBytes(dataIn, 'data');
    const schedule = (schedules[direction] ??= scheduleFor(algorithm, mode, direction, keyCopy, { constantTime: options.constantTime }));
    return runOnce(mode, direction, schedule, iv, padding, data);
  };
  return {
    encrypt: (data) => run('encrypt', data),
    decrypt: (data) => run('decrypt', data),
    destroy() {
      destroyed = true;
      schedules.encrypt?.wipe();
      schedules.decrypt?.wipe();
      keyCopy.fill(0);
      iv?.fill(0);
    },
  };
}

/** A batch call: expand the key once, run, wipe. */
function many<T>(algorithm: Algorithm, mode: EngineMode, direction: Direction, keyIn: unknown,
  options: KeyOptions, run: (schedule: Schedule) => T): T {
  const key = prepareKey(algorithm, keyIn, options);
  const schedule = scheduleFor(algorithm, mode, direction, key, { constantTime: options.constantTime });
  key.fill(0);
  try {
    return run(schedule);
  } finally {
    schedule.wipe();
  }
}

function streamOptions(optionsIn: unknown, mode: string) {
  const options = checkOptions<KeyOptions & { padding?: unknown }>(optionsIn, 'ctr');
  if (options.padding !== undefined) {
    throw fail('ERR_INVALID_ARG_VALUE', `padding: ${mode} is a stream mode and takes no padding`);
  }
  return { ...options, padding: undefined };
}

const SEGMENTS: Record<number, EngineMode> = { 1: 'cfb1', 8: 'cfb8', 64: 'cfb64' };

function family(algorithm: Algorithm): Family {
  const ecb: EcbMode = Object.assign(
    (key: Uint8Array, options: BlockModeOptions = {}) => keyed(algorithm, 'ecb', key, null, 'iv', options),
    {
      encryptMany: (key: Uint8Array, messages: Uint8Array[], options: BlockModeOptions = {}) =>
        many(algorithm, 'ecb', 'encrypt', key, options, (s) => ecbMany(s, 'encrypt', messages, checkPadding(options.padding))),
      decryptMany: (key: Uint8Array, messages: Uint8Array[], options: BlockModeOptions = {}) =>
        many(algorithm, 'ecb', 'decrypt', key, options, (s) => ecbMany(s, 'decrypt', messages, checkPadding(options.padding))),
    });
  const cbc: CbcMode = Object.assign(
    (key: Uint8Array, iv: Uint8Array, options: BlockModeOptions = {}) => keyed(algorithm, 'cbc', key, iv, 'iv', options),
    {
      encryptMany: (key: Uint8Array, items: BatchItem[], options: BlockModeOptions = {}) =>
        many(algorithm, 'cbc', 'encrypt', key, options, (s) => cbcMany(s, 'encrypt', items, checkPadding(options.padding))),
      decryptMany: (key: Uint8Array, items: BatchItem[], options: BlockModeOptions = {}) =>
        many(algorithm, 'cbc', 'decrypt', key, options, (s) => cbcMany(s, 'decrypt', items, checkPadding(options.padding))),
    });
  const ctrMode = (direction: Direction) =>
    (key: Uint8Array, items: { counter: Uint8Array; data: Uint8Array }[], options?: KeyOptions) =>
      many(algorithm, 'ctr', direction, key, streamOptions(options, 'CTR'), (s) => ctrMany(s, items));
  const ctr: CtrMode = Object.assign(
    (key: Uint8Array, counter: Uint8Array, options?: KeyOptions) => keyed(algorithm, 'ctr', key, counter, 'counter', streamOptions(options, 'CTR')),
    { encryptMany: ctrMode('encrypt'), decryptMany: ctrMode('decrypt') });
  return {
    ecb,
    cbc,
    cfb: (key, iv, options = {}) => {
      const segment = options.segment ?? 64;
      const mode = typeof segment === 'number' ? SEGMENTS[segment] : undefined;
      if (!mode) throw fail('ERR_INVALID_ARG_VALUE', `segment: expected 1, 8 or 64, got ${JSON.stringify(options.segment)}`);
      return keyed(algorithm, mode, key, iv, 'iv', streamOptions(options, 'CFB'));
    },
    ofb: (key, iv, options) => keyed(algorithm, 'ofb', key, iv, 'iv', streamOptions(options, 'OFB')),
    ctr,
  };
}

/** Single DES (8-byte keys). Broken: for reading and writing legacy data only. */
export const des: Family = family('des');
/** Triple-DES EDE: 16-byte keys (K1‖K2, keying option 2) or 24-byte keys (K1‖K2‖K3, option 1). */
export const tdes: Family = family('tdes');
/** DESX (24-byte keys K‖inner whitening‖outer whitening), as OpenSSL's desx-cbc. */
export const desx: Family = family('desx');

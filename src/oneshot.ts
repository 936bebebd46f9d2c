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
import { withResidentKey } from './engine/index.js';
import { asBytes, bytesOrNull, copyBytes, expectLength, showValue, wipe } from './bytes.js';
import { fail } from './errors.js';
import { checkPadding } from './padding.js';
import type { Padding } from './padding.js';
import { blockDirection, engineKey, keySchedule, runOnce } from './cipher.js';
import type { Run } from './cipher.js';
import { ALGORITHMS, feedbackMode, feedbackSegments, modeRecord } from './registry.js';
import type { ModeRecord } from './registry.js';
import { readOptions } from './options.js';
import type { OptionSpec } from './options.js';
import { refuseWeakKey as refuseWeakKeys } from './keys.js';
import { cbcMany, checkItems, checkMessages, ctrMany, ecbMany } from './batch.js';
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
export interface CbcOptions extends KeyOptions {
  /**
   * A padding (default 'pkcs7'), or ciphertext stealing — 'cs1', 'cs2' or 'cs3' (NIST SP 800-38A
   * Addendum; Kerberos and Botan use CS3): any length of at least one block, nothing added.
   */
  padding?: Padding | 'cs1' | 'cs2' | 'cs3';
}
/** The stream modes (CFB, OFB, CTR): one message per IV unless told otherwise, no padding unless asked. */
export interface StreamModeOptions extends KeyOptions {
  /**
   * A second encrypt() with the same IV or counter gives the same keystream, which lets anyone
   * who sees both ciphertexts XOR the plaintexts: refused with ERR_DES_IV_REUSE unless this is
   * true (for protocols that really need it). decrypt() may run any number of times.
   */
  allowIvReuse?: boolean;
  /**
   * A block padding, for data written by libraries that pad stream modes (crypto-js pads CFB,
   * OFB and CTR with PKCS#7 by default). Default: none, any length.
   */
  padding?: Padding;
}
/** CFB's segment in bits: 1, or 8 … 64 in steps of 8. */
export type CfbSegment = 1 | 8 | 16 | 24 | 32 | 40 | 48 | 56 | 64;
export interface CfbOptions extends StreamModeOptions {
  /** Bits fed back per step: 1, or 8 … 64 in steps of 8 (default 64). */
  segment?: CfbSegment;
}
export interface OfbOptions extends StreamModeOptions {
  /**
   * Bits fed back per step (FIPS 81): 8 … 64 in steps of 8 (default 64). Feedback shorter than
   * the block makes the keystream cycle much sooner: only for data that was written that way.
   */
  segment?: Exclude<CfbSegment, 1>;
}
export interface CtrOptions extends StreamModeOptions {
  /**
   * How many low bits of the counter block count (8 … 64, default 64): they wrap to zero and the
   * rest of the block stays as given (NIST SP 800-38A's counter field). crypto-js counts 32.
   */
  counterBits?: number;
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
  (key: Uint8Array, iv: Uint8Array, options?: CbcOptions): Cipher;
  encryptMany(key: Uint8Array, items: BatchItem[], options?: BlockModeOptions): Uint8Array[];
  decryptMany(key: Uint8Array, items: BatchItem[], options?: BlockModeOptions): Uint8Array[];
}
/** CTR, with a batch form: each item has its own initial counter block. */
export interface CtrMode {
  (key: Uint8Array, counter: Uint8Array, options?: CtrOptions): Cipher;
  encryptMany(key: Uint8Array, items: { counter: Uint8Array; data: Uint8Array }[], options?: KeyOptions & { counterBits?: number }): Uint8Array[];
  decryptMany(key: Uint8Array, items: { counter: Uint8Array; data: Uint8Array }[], options?: KeyOptions & { counterBits?: number }): Uint8Array[];
}

export interface Family {
  ecb: EcbMode;
  cbc: CbcMode;
  cfb(key: Uint8Array, iv: Uint8Array, options?: CfbOptions): Cipher;
  ofb(key: Uint8Array, iv: Uint8Array, options?: OfbOptions): Cipher;
  ctr: CtrMode;
}

const KEY_OPTIONS = { rejectWeakKeys: 'boolean', constantTime: 'boolean' } as const;
const BLOCK_OPTIONS: OptionSpec = { ...KEY_OPTIONS, padding: 'any' };
const STREAM_OPTIONS: OptionSpec = { ...KEY_OPTIONS, padding: 'any', allowIvReuse: 'boolean' };
const FEEDBACK_OPTIONS: OptionSpec = { ...STREAM_OPTIONS, segment: 'any' };
const CTR_OPTIONS: OptionSpec = { ...STREAM_OPTIONS, counterBits: 'any' };
const CTR_BATCH_OPTIONS: OptionSpec = { ...KEY_OPTIONS, counterBits: 'any' };
/** CBC's padding option also names ciphertext stealing, a final-block policy of its own. */
const STEALING = ['cs1', 'cs2', 'cs3'];

/** Options of a mode call: an IV given to ECB (whose second parameter is the options) is named as such. */
function modeOptions(options: unknown, spec: OptionSpec, where: string, ecb = false): Record<string, unknown> {
  if (ecb && bytesOrNull(options, 'options') !== null) {
    throw fail('ERR_CRYPTO_INVALID_IV', 'ECB takes no IV: the second argument of ecb() is the options object');
  }
  return readOptions(options, spec, where);
}

/** Check a key for `algorithm` and the options that go with it (a view of the caller's key: copy it to keep it). */
function checkedKey(algorithm: Algorithm, keyIn: unknown, options: Record<string, unknown>): Uint8Array {
  const record = ALGORITHMS[algorithm];
  const key = expectLength(asBytes(keyIn, 'key'), record.keyLengths, 'key');
  if (options.rejectWeakKeys) refuseWeakKeys(record.weakChecked(key));
  return key;
}

function checkCounterBits(value: unknown): number {
  if (value === undefined) return 64;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 8 && value <= 64) return value;
  throw fail('ERR_INVALID_ARG_VALUE', `counterBits: expected an integer from 8 to 64, got ${showValue(value)}`);
}

/** One keyed object of the one-shot API: `mode` from the registry, options already read. */
function keyed(algorithm: Algorithm, mode: ModeRecord, keyIn: unknown, ivIn: unknown, ivName: string,
  options: Record<string, unknown>): Cipher {
  const key = checkedKey(algorithm, keyIn, options);
  const iv = mode.ivLength === 0 ? null : copyBytes(expectLength(asBytes(ivIn, ivName), [8], ivName, 'ERR_CRYPTO_INVALID_IV'));
  const stream = mode.finalBlock === 'stream';
  // Padded modes default to PKCS#7; stream modes pad only when asked (crypto-js's data); stealing never.
  const padding = mode.finalBlock === 'padded' || (stream && options.padding !== undefined) ? checkPadding(options.padding) : 'none';
  const counterBits = mode.kernel === 'ctr' ? checkCounterBits(options.counterBits) : 64;
  const refuseReuse = stream && options.allowIvReuse !== true;
  const keyCopy = copyBytes(key);                  // the last step: nothing above may throw with a copy made
  const schedules: Partial<Record<Direction, Schedule>> = {};
  let destroyed = false;
  let encrypted = false;

  const run = (direction: Direction, dataIn: unknown) => {
    if (destroyed) throw fail('ERR_CRYPTO_INVALID_STATE', 'this cipher object was destroyed');
    if (direction === 'encrypt' && encrypted && refuseReuse) {
      throw fail('ERR_DES_IV_REUSE', `a second encrypt() with the same ${ivName} would repeat the keystream: make a new object with a fresh ${ivName} for each message (or pass { allowIvReuse: true } where a protocol needs it)`);
    }
    const data = asBytes(dataIn, 'data');
    const schedule = (schedules[direction] ??= keySchedule(algorithm, blockDirection(mode.finalBlock, direction), keyCopy,
      { constantTime: options.constantTime === true }));
    const out = runOnce({ kernel: mode.kernel as EngineMode, finalBlock: mode.finalBlock as Run['finalBlock'], padding, direction, schedule },
      iv, data, counterBits);
    if (direction === 'encrypt') encrypted = true;
    return out;
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

/**
 * A batch call: check the options and the key (copied: what follows may run the caller's code),
 * then `read` the rest of the options and the caller's input, and only then expand the key, into
 * the engine only (withResidentKey), for `run`, which runs none of the caller's code; wipe.
 */
function many<I, T>(algorithm: Algorithm, direction: Direction, keyIn: unknown, optionsIn: unknown, spec: OptionSpec,
  where: string, input: unknown, read: (options: Record<string, unknown>, input: unknown) => I,
  run: (schedule: Schedule, checked: I) => T): T {
  const options = readOptions(optionsIn, spec, where);
  const key = engineKey(algorithm, checkedKey(algorithm, keyIn, options));
  try {
    const checked = read(options, input);
    return withResidentKey(algorithm, key, direction, { constantTime: options.constantTime === true }, run, checked);
  } finally {
    wipe(key);
  }
}

function family(algorithm: Algorithm): Family {
  /**
   * A padded batch call (ECB, CBC): the padding, then the input by `check`; `run` gets the
   * schedule, the direction, the checked input and the padding.
   */
  const padded = <I>(mode: 'ecb' | 'cbc', direction: Direction, check: (input: unknown) => I,
    run: (s: Schedule, d: Direction, input: I, padding: Padding) => Uint8Array[]) => {
    const where = `${algorithm}.${mode}.${direction}Many options`;
    // Made once here, not per call: a batch call of a few records is over in microseconds.
    const read = (o: Record<string, unknown>, input: unknown) => ({ padding: checkPadding(o.padding), input: check(input) });
    const go = (s: Schedule, checked: { padding: Padding; input: I }) => run(s, direction, checked.input, checked.padding);
    return (key: Uint8Array, input: unknown, options?: BlockModeOptions) =>
      many(algorithm, direction, key, options, BLOCK_OPTIONS, where, input, read, go);
  };
  const messages = (input: unknown) => checkMessages(input, 'messages');
  const withIvs = (input: unknown) => checkItems(input, 'iv');
  const ecb: EcbMode = Object.assign(
    (key: Uint8Array, options?: BlockModeOptions) =>
      keyed(algorithm, modeRecord('ecb'), key, null, 'iv', modeOptions(options, BLOCK_OPTIONS, `${algorithm}.ecb options`, true)),
    { encryptMany: padded('ecb', 'encrypt', messages, ecbMany), decryptMany: padded('ecb', 'decrypt', messages, ecbMany) });
  const cbc: CbcMode = Object.assign(
    (key: Uint8Array, iv: Uint8Array, optionsIn?: CbcOptions) => {
      const options = modeOptions(optionsIn, BLOCK_OPTIONS, `${algorithm}.cbc options`);
      const stealing = typeof options.padding === 'string' && STEALING.includes(options.padding);
      return keyed(algorithm, modeRecord(stealing ? `cbc-${options.padding}` : 'cbc'), key, iv, 'iv', options);
    },
    { encryptMany: padded('cbc', 'encrypt', withIvs, cbcMany), decryptMany: padded('cbc', 'decrypt', withIvs, cbcMany) });
  // CTR's batch runs the block cipher forwards both ways.
  const ctrRead = (o: Record<string, unknown>, items: unknown) => ({ counterBits: checkCounterBits(o.counterBits), items: checkItems(items, 'counter') });
  const ctrRun = (s: Schedule, checked: ReturnType<typeof ctrRead>) => ctrMany(s, checked.items, checked.counterBits);
  const ctrMode = (direction: Direction) => {
    const where = `${algorithm}.ctr.${direction}Many options`;
    return (key: Uint8Array, items: { counter: Uint8Array; data: Uint8Array }[], options?: KeyOptions & { counterBits?: number }) =>
      many(algorithm, 'encrypt', key, options, CTR_BATCH_OPTIONS, where, items, ctrRead, ctrRun);
  };
  const ctr: CtrMode = Object.assign(
    (key: Uint8Array, counter: Uint8Array, options?: CtrOptions) =>
      keyed(algorithm, modeRecord('ctr'), key, counter, 'counter', modeOptions(options, CTR_OPTIONS, `${algorithm}.ctr options`)),
    { encryptMany: ctrMode('encrypt'), decryptMany: ctrMode('decrypt') });
  const feedback = (kind: 'cfb' | 'ofb') => (key: Uint8Array, iv: Uint8Array, optionsIn?: CfbOptions | OfbOptions) => {
    const options = modeOptions(optionsIn, FEEDBACK_OPTIONS, `${algorithm}.${kind} options`);
    const mode = feedbackMode(kind, options.segment ?? 64);
    if (!mode) {
      const segments = feedbackSegments(kind);
      throw fail('ERR_INVALID_ARG_VALUE', `segment: expected ${segments.slice(0, -1).join(', ')} or ${segments.at(-1)}, got ${showValue(options.segment)}`);
    }
    return keyed(algorithm, mode, key, iv, 'iv', options);
  };
  // Frozen, like everything exported: the payment and legacy code call these same objects.
  for (const mode of [ecb, cbc, ctr]) Object.freeze(mode);
  const modes: Family = { ecb, cbc, cfb: feedback('cfb'), ofb: feedback('ofb'), ctr };
  return Object.freeze(modes);
}

/** Single DES (8-byte keys). Broken: for reading and writing legacy data only. */
export const des: Family = family('des');
/** Triple-DES EDE: 16-byte keys (K1‖K2, keying option 2) or 24-byte keys (K1‖K2‖K3, option 1). */
export const tdes: Family = family('tdes');
/** DESX (24-byte keys K‖inner whitening‖outer whitening), as OpenSSL's desx-cbc. */
export const desx: Family = family('desx');

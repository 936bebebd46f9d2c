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
import { asBytes, expectLength } from './bytes.js';
import { fail } from './errors.js';
import { checkPadding } from './padding.js';
import type { Padding } from './padding.js';
import { CipherStream, runWhole, scheduleFor } from './cipher.js';
import { refuseWeakKey as refuseWeakKeys } from './keys.js';

export interface KeyOptions {
  /** Refuse weak, semi-weak, possibly weak and degenerate keys with ERR_DES_WEAK_KEY (default false). */
  rejectWeakKeys?: boolean;
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

export interface Family {
  ecb(key: Uint8Array, options?: BlockModeOptions): Cipher;
  cbc(key: Uint8Array, iv: Uint8Array, options?: BlockModeOptions): Cipher;
  cfb(key: Uint8Array, iv: Uint8Array, options?: CfbOptions): Cipher;
  ofb(key: Uint8Array, iv: Uint8Array, options?: KeyOptions): Cipher;
  ctr(key: Uint8Array, counter: Uint8Array, options?: KeyOptions): Cipher;
}

const KEY_LENGTHS: Record<Algorithm, number[]> = { des: [8], tdes: [16, 24], desx: [24] };

function keyed(algorithm: Algorithm, mode: EngineMode, keyIn: unknown, ivIn: unknown, ivName: string,
  options: KeyOptions & { padding?: unknown }): Cipher {
  const key = expectLength(asBytes(keyIn, 'key'), KEY_LENGTHS[algorithm], 'key');
  const iv = ivIn === null ? null : expectLength(asBytes(ivIn, ivName), [8], ivName, 'ERR_CRYPTO_INVALID_IV').slice();
  // For DESX only the first 8 bytes are a DES key; the rest is whitening.
  if (options.rejectWeakKeys) refuseWeakKeys(algorithm === 'desx' ? key.subarray(0, 8) : key);
  const padding = checkPadding(options.padding);
  const keyCopy = key.slice();
  const schedules: Partial<Record<Direction, Schedule>> = {};
  let destroyed = false;

  const run = (direction: Direction, dataIn: unknown) => {
    if (destroyed) throw fail('ERR_CRYPTO_INVALID_STATE', 'this cipher object was destroyed');
    const data = asBytes(dataIn, 'data');
    const schedule = (schedules[direction] ??= scheduleFor(algorithm, mode, direction, keyCopy));
    return runWhole(new CipherStream(mode, direction, schedule, iv, padding), data);
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

function streamOptions(options: KeyOptions & { padding?: unknown } | undefined, mode: string) {
  if (options?.padding !== undefined) {
    throw fail('ERR_INVALID_ARG_VALUE', `padding: ${mode} is a stream mode and takes no padding`);
  }
  return { ...options, padding: undefined };
}

const SEGMENTS: Record<number, EngineMode> = { 1: 'cfb1', 8: 'cfb8', 64: 'cfb64' };

function family(algorithm: Algorithm): Family {
  return {
    ecb: (key, options = {}) => keyed(algorithm, 'ecb', key, null, 'iv', options),
    cbc: (key, iv, options = {}) => keyed(algorithm, 'cbc', key, iv, 'iv', options),
    cfb: (key, iv, options = {}) => {
      const mode = SEGMENTS[options.segment ?? 64];
      if (!mode) throw fail('ERR_INVALID_ARG_VALUE', `segment: expected 1, 8 or 64, got ${JSON.stringify(options.segment)}`);
      return keyed(algorithm, mode, key, iv, 'iv', streamOptions(options, 'CFB'));
    },
    ofb: (key, iv, options) => keyed(algorithm, 'ofb', key, iv, 'iv', streamOptions(options, 'OFB')),
    ctr: (key, counter, options) => keyed(algorithm, 'ctr', key, counter, 'counter', streamOptions(options, 'CTR')),
  };
}

/** Single DES (8-byte keys). Broken: for reading and writing legacy data only. */
export const des: Family = family('des');
/** Triple-DES EDE: 16-byte keys (K1‖K2, keying option 2) or 24-byte keys (K1‖K2‖K3, option 1). */
export const tdes: Family = family('tdes');
/** DESX (24-byte keys K‖inner whitening‖outer whitening), as OpenSSL's desx-cbc. */
export const desx: Family = family('desx');

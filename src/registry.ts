/**
 * The cipher registry, in the spirit of OpenSSL's EVP_CIPHER records: one record per cipher name,
 * built from one record per block cipher (ALGORITHMS) and one per mode (MODES). Everything that
 * lists, looks up or checks ciphers reads these records — createCipheriv, the one-shot API, the
 * batch calls, getCiphers(), getCipherInfo() and the CLI's `ciphers` list — so a new mode is one
 * record here and one kernel in the engine (or one final-block policy in cipher.ts).
 *
 * Names: every DES-family name OpenSSL 3 knows (the strings node:crypto's createCipheriv takes),
 * and des-wasm's own: CTR, CFB with 16 … 56-bit and OFB with 8 … 56-bit segments, and CBC with ciphertext
 * stealing (`-cs1`, `-cs2`, `-cs3`, NIST SP 800-38A Addendum). Case-insensitive.
 */
import { feedbackMode as engineFeedbackMode } from './engine/index.js';
import type { Algorithm, EngineMode } from './engine/index.js';
import { fail } from './errors.js';
import { describe, showValue } from './bytes.js';

/** A block cipher: the key lengths it takes and the part of the key that is a DES key. */
export interface AlgorithmRecord {
  readonly name: Algorithm;
  readonly keyLengths: readonly number[];
  /** The bytes the weak-key check looks at: the whole key, but DESX's K of K ‖ whitening. */
  weakChecked(key: Uint8Array): Uint8Array;
}

export const ALGORITHMS: Readonly<Record<Algorithm, AlgorithmRecord>> = Object.freeze({
  des: { name: 'des', keyLengths: [8], weakChecked: (key) => key },
  tdes: { name: 'tdes', keyLengths: [16, 24], weakChecked: (key) => key },
  desx: { name: 'desx', keyLengths: [24], weakChecked: (key) => key.subarray(0, 8) },
});

/**
 * What happens at the end of a message (cipher.ts holds the policies):
 *   padded   ECB and CBC: whole blocks, a padding scheme adds and removes the last (default PKCS#7)
 *   stream   CFB, OFB, CTR: any length, nothing added
 *   cs1 cs2 cs3   CBC with ciphertext stealing: any length of at least one block, nothing added
 *   wrap     RFC 3217 key wrap: each update() wraps or unwraps its whole input
 */
export type FinalBlock = 'padded' | 'stream' | 'cs1' | 'cs2' | 'cs3' | 'wrap';

/** A mode: the engine kernel that runs it and what its end of message is. */
export interface ModeRecord {
  /** The mode as node:crypto's getCipherInfo() names it. */
  readonly family: 'ecb' | 'cbc' | 'cfb' | 'ofb' | 'ctr' | 'wrap';
  /** The engine's kernel ('wrap': key wrap, built on CBC in keywrap.ts). */
  readonly kernel: EngineMode | 'wrap';
  /** CFB and OFB: the bits fed back per step. */
  readonly segment?: number;
  readonly ivLength: 0 | 8;
  readonly finalBlock: FinalBlock;
}

/** Every mode, by the suffix its cipher names carry ('' is ECB's des-ede / des-ede3). */
const MODES: Record<string, ModeRecord> = {
  ecb: { family: 'ecb', kernel: 'ecb', ivLength: 0, finalBlock: 'padded' },
  cbc: { family: 'cbc', kernel: 'cbc', ivLength: 8, finalBlock: 'padded' },
  ctr: { family: 'ctr', kernel: 'ctr', ivLength: 8, finalBlock: 'stream' },
  'cbc-cs1': { family: 'cbc', kernel: 'cbc', ivLength: 8, finalBlock: 'cs1' },
  'cbc-cs2': { family: 'cbc', kernel: 'cbc', ivLength: 8, finalBlock: 'cs2' },
  'cbc-cs3': { family: 'cbc', kernel: 'cbc', ivLength: 8, finalBlock: 'cs3' },
};
// CFB with a 1-bit or 8 … 64-bit segment and OFB with 8 … 64-bit feedback (FIPS 81): one kernel
// each in the engine, which names the kernel for a segment (engineFeedbackMode). The names'
// suffixes are OpenSSL's: the full 64-bit segment has none ('cfb', 'ofb').
for (const family of ['cfb', 'ofb'] as const) {
  for (const bits of [1, 8, 16, 24, 32, 40, 48, 56, 64]) {
    const kernel = engineFeedbackMode(family, bits);
    if (kernel) MODES[bits === 64 ? family : `${family}${bits}`] = { family, kernel, segment: bits, ivLength: 8, finalBlock: 'stream' };
  }
}

/** One cipher name's record. */
export interface CipherRecord extends ModeRecord {
  /** The canonical name, lower case. */
  readonly name: string;
  readonly algorithm: Algorithm;
  /** The key length in bytes: 8 (DES), 16 (2-key EDE), 24 (3-key EDE, DESX, key wrap). */
  readonly keyLength: number;
  /** OpenSSL's object number, where OpenSSL has the cipher (node:crypto's getCipherInfo().nid). */
  readonly nid?: number;
}

const RECORDS = new Map<string, CipherRecord>();
const ALIASES = new Map<string, string>();

function add(name: string, algorithm: Algorithm, keyLength: number, mode: string, nid?: number): void {
  RECORDS.set(name, Object.freeze({ name, algorithm, keyLength, ...MODES[mode], ...(nid === undefined ? {} : { nid }) }));
}

// OpenSSL's names, with its object numbers.
add('des-ecb', 'des', 8, 'ecb', 29);
add('des-cbc', 'des', 8, 'cbc', 31);
add('des-cfb', 'des', 8, 'cfb', 30);
add('des-cfb1', 'des', 8, 'cfb1', 656);
add('des-cfb8', 'des', 8, 'cfb8', 657);
add('des-ofb', 'des', 8, 'ofb', 45);
add('des-ede', 'tdes', 16, 'ecb', 32);
add('des-ede-cbc', 'tdes', 16, 'cbc', 43);
add('des-ede-cfb', 'tdes', 16, 'cfb', 60);
add('des-ede-ofb', 'tdes', 16, 'ofb', 62);
add('des-ede3', 'tdes', 24, 'ecb', 33);
add('des-ede3-cbc', 'tdes', 24, 'cbc', 44);
add('des-ede3-cfb', 'tdes', 24, 'cfb', 61);
add('des-ede3-cfb1', 'tdes', 24, 'cfb1', 658);
add('des-ede3-cfb8', 'tdes', 24, 'cfb8', 659);
add('des-ede3-ofb', 'tdes', 24, 'ofb', 63);
add('desx-cbc', 'desx', 24, 'cbc', 80);
RECORDS.set('des3-wrap', Object.freeze({
  name: 'des3-wrap', algorithm: 'tdes', keyLength: 24, nid: 246,
  family: 'wrap', kernel: 'wrap', ivLength: 0, finalBlock: 'wrap',
} satisfies CipherRecord));

// des-wasm's own, for DES, 2-key and 3-key TDES (OpenSSL has none of them).
for (const [prefix, algorithm, keyLength] of [['des', 'des', 8], ['des-ede', 'tdes', 16], ['des-ede3', 'tdes', 24]] as const) {
  for (const mode of ['ctr', 'cbc-cs1', 'cbc-cs2', 'cbc-cs3', 'cfb16', 'cfb24', 'cfb32', 'cfb40', 'cfb48', 'cfb56',
    'ofb8', 'ofb16', 'ofb24', 'ofb32', 'ofb40', 'ofb48', 'ofb56']) add(`${prefix}-${mode}`, algorithm, keyLength, mode);
}

// Aliases, as OpenSSL 3 lists them (`openssl list -cipher-algorithms`).
for (const [alias, name] of [
  ['des', 'des-cbc'], ['des-ede-ecb', 'des-ede'], ['des-ede3-ecb', 'des-ede3'], ['des3', 'des-ede3-cbc'],
  ['desx', 'desx-cbc'], ['id-smime-alg-cms3deswrap', 'des3-wrap'],
]) ALIASES.set(alias, name);

/** The record for a name, or undefined. */
function find(name: string): CipherRecord | undefined {
  const lower = name.toLowerCase();
  return RECORDS.get(ALIASES.get(lower) ?? lower);
}

/** Look a cipher up by any of its names, or throw ERR_CRYPTO_UNKNOWN_CIPHER. */
export function cipherRecord(name: unknown): CipherRecord {
  if (typeof name !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `cipher name: expected string, got ${describe(name)}`);
  const record = find(name);
  if (!record) throw fail('ERR_CRYPTO_UNKNOWN_CIPHER', `Unknown cipher: ${showValue(name)}; getCiphers() lists the names des-wasm knows`);
  return record;
}

/** A mode by its name suffix ('ecb', 'cbc', 'ctr', 'cbc-cs3', …): what the one-shot API runs. */
export function modeRecord(mode: string): ModeRecord {
  return MODES[mode];
}

/** The CFB or OFB mode with `segment` bits of feedback, or undefined; and the segments there are. */
export function feedbackMode(family: 'cfb' | 'ofb', segment: unknown): ModeRecord | undefined {
  return Object.values(MODES).find((m) => m.family === family && m.segment === segment);
}
export function feedbackSegments(family: 'cfb' | 'ofb'): number[] {
  return Object.values(MODES).filter((m) => m.family === family).map((m) => m.segment!).sort((a, b) => a - b);
}

/** Every name and alias, sorted, as node:crypto's getCiphers() lists them. */
export function getCiphers(): string[] {
  return [...RECORDS.keys(), ...ALIASES.keys()].sort();
}

export interface CipherInfo {
  name: string;
  nid?: number;
  blockSize: number;
  ivLength?: number;
  keyLength: number;
  mode: ModeRecord['family'];
}

/**
 * As node:crypto's getCipherInfo(): the cipher's facts, or undefined for a name des-wasm does not
 * know; with `{ keyLength, ivLength }`, undefined unless the cipher takes those lengths.
 */
export function getCipherInfo(name: string, options?: { keyLength?: number; ivLength?: number }): CipherInfo | undefined {
  if (typeof name !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `cipher name: expected string, got ${describe(name)}`);
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw fail('ERR_INVALID_ARG_TYPE', `options: expected an object, got ${describe(options)}`);
  }
  const r = find(name);
  if (!r) return undefined;
  if (options?.keyLength !== undefined && options.keyLength !== r.keyLength) return undefined;
  if (options?.ivLength !== undefined && options.ivLength !== r.ivLength) return undefined;
  const streamLike = r.finalBlock === 'stream';
  return {
    mode: r.family, name: r.name, ...(r.nid === undefined ? {} : { nid: r.nid }),
    blockSize: streamLike ? 1 : 8, ...(r.ivLength ? { ivLength: r.ivLength } : {}), keyLength: r.keyLength,
  };
}

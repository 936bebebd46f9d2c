/**
 * `des-wasm encrypt` and `des-wasm decrypt`: files (or stdin/stdout) through any cipher of the
 * library, with a raw key and IV or with a password in the `openssl enc` format, writing the
 * output atomically. Two ways through, the same bytes out:
 *
 * - ECB, CBC, CFB, OFB and CTR: a few reused buffers, each chunk transformed in place
 *   (./chunked.ts), on worker threads for the parallel modes (./threads.ts, --threads), with -a
 *   decoding as read and encoding as written (./base64.ts); memory stays the same whatever the size.
 * - ciphertext stealing and key wrap: a stream pipeline through the library's Transform,
 *     input → [base64 decode] → [header reader | cipher] → [cipher | header writer] → [base64] → output
 */
import { closeSync, createReadStream, openSync, statSync } from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { createCipheriv, createDecipheriv } from '../node.js';
import type { Cipheriv } from '../node.js';
import { ALGORITHMS, cipherRecord } from '../registry.js';
import type { CipherRecord } from '../registry.js';
import { PADDINGS } from '../padding.js';
import type { Padding } from '../padding.js';
import { cryptoFailure, usage } from './errors.js';
import { DIGESTS, SALTED, SALT_LENGTH, deriveKeyIv, readKdf } from '../openssl.js';
import type { Kdf } from '../openssl.js';
import { keyOption, parseHex, promptPassword, readPassword, warnAboutKey } from './secrets.js';
import { Base64Decode, Base64Encode, Base64Sink, base64Source } from './base64.js';
import { Counter, HeaderThen, Prefix, TOO_SHORT_FOR_HEADER, Whole, inputSize, openOutput, refuseSameFile } from './streams.js';
import type { Stepper } from './streams.js';
import { ProgressBar, formatBytes } from './progress.js';
import { Sink, fdSource, fill, runChunked, streamSource } from './chunked.js';
import type { ByteSink, Source } from './chunked.js';
import { defaultThreads, inlineRunner, parallelMode, parallelRunner } from './threads.js';
import type { Runner } from './threads.js';

export interface CryptOptions {
  in?: string;
  out?: string;
  cipher: string;
  key?: string;
  keyFile?: string;
  iv?: string;
  padding?: string;
  pass?: string;
  iter?: string;
  md?: string;
  legacyKdf?: boolean;
  salt?: boolean;          // false for --nosalt
  base64?: boolean;
  progress?: boolean;
  verbose?: boolean;
  threads?: string;
}

type Direction = 'encrypt' | 'decrypt';

const STREAM_CHUNK = 1 << 16;                  // bytes read at a time on the pipeline path
const MAX_THREADS = 64;
const PROGRESS_FROM = 4 * 1024 * 1024;         // no bar for inputs smaller than this
const WRAP_LIMIT = 1 << 20;                    // des3-wrap wraps keys: its input is small

/**
 * The key derivation of --iter, --md and --legacy-kdf, with `openssl enc`'s defaults: PBKDF2 with
 * 10000 iterations, and SHA-256 for both PBKDF2 and EVP_BytesToKey (OpenSSL 1.1.0 and later);
 * crypto-js's files need --legacy-kdf --md md5.
 */
function kdfOptions(options: CryptOptions): Kdf {
  const legacy = options.legacyKdf === true;
  const md = options.md?.toLowerCase();
  if (md !== undefined && !DIGESTS.includes(md as never)) throw usage(`--md ${options.md}: expected one of ${DIGESTS.join(', ')}`);
  if (!legacy && md === 'md5') throw usage('--md md5 goes with --legacy-kdf (EVP_BytesToKey, the format of crypto-js and of OpenSSL before 1.1.0)');
  if (legacy && options.iter !== undefined) throw usage('--iter goes with PBKDF2: leave out --legacy-kdf');
  const iter = options.iter === undefined ? undefined : Number(options.iter);
  if (iter !== undefined && (!/^\d+$/.test(options.iter!) || !Number.isSafeInteger(iter) || iter < 1)) {
    throw usage(`--iter ${options.iter}: expected a whole number of at least 1`);
  }
  return readKdf({ kdf: legacy ? 'evp' : 'pbkdf2', md, iter }, 'options');      // checked above: never throws
}

function describeKdf(kdf: Kdf, salted: boolean): string {
  const how = kdf.kdf === 'evp' ? `EVP_BytesToKey with ${kdf.md.toUpperCase()}` : `PBKDF2-HMAC-${kdf.md.toUpperCase()}, ${kdf.iter} iterations`;
  return `password, ${how}${salted ? ', salted' : ', no salt'}`;
}

/** --threads: a whole number from 1 to MAX_THREADS; absent, the available cores (at most 8). */
function threadsOption(value: string | undefined): number {
  if (value === undefined) return defaultThreads();
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_THREADS) throw usage(`--threads ${value}: expected a whole number from 1 to ${MAX_THREADS}`);
  return n;
}

/** What making the key needs: the command's inputs, and where secrets are kept to wipe. */
interface Setup {
  direction: Direction;
  info: CipherRecord;
  options: CryptOptions;
  warn: (line: string) => void;
  /** Remember secrets to wipe when the command ends. */
  keep: (...secrets: Uint8Array[]) => void;
}

/** A key and IV (null for ECB). */
interface KeyIv {
  key: Uint8Array;
  iv: Uint8Array | null;
}

/** How the key, the IV and the header come about: a raw key, or a password in the openssl enc format. */
interface Plan {
  /** For --verbose: how the key was made. */
  description: string;
  /** Written in front of the ciphertext (encryption with a salt): "Salted__" ‖ salt. */
  prefix?: Buffer;
  /** Read from the front of the input first (decryption with a salt): how many bytes. */
  headerLength?: number;
  /** The key and IV, from the header read where there is one (which it checks). */
  keyIv(header?: Buffer): KeyIv;
}

export async function crypt(direction: Direction, options: CryptOptions, warn: (line: string) => void): Promise<void> {
  const info = cipherRecord(options.cipher);
  const padding = (options.padding ?? 'pkcs7') as Padding;
  if (!PADDINGS.includes(padding)) throw usage(`--padding ${options.padding}: expected one of ${PADDINGS.join(', ')}`);
  // Stream modes and key wrap have no padding: pkcs7 and none are accepted and mean nothing there,
  // as with openssl enc -nopad; any other scheme is a mistake.
  const blockMode = info.finalBlock === 'padded';
  if (!blockMode && padding !== 'pkcs7' && padding !== 'none') throw usage(`--padding ${padding}: ${info.name} takes no padding`);
  const inputPath = options.in && options.in !== '-' ? options.in : undefined;
  const outputPath = options.out && options.out !== '-' ? options.out : undefined;
  refuseSameFile(inputPath, outputPath);
  let size: number | undefined;
  if (inputPath) {
    const s = statSync(inputPath);                                  // ENOENT: exit 2, naming the file
    if (s.isDirectory()) throw usage(`${inputPath}: is a folder, not a file`);
    size = s.isFile() ? s.size : undefined;
  } else {
    try { size = inputSize(0); } catch { size = undefined; }
  }

  const threads = threadsOption(options.threads);
  const chunked = info.finalBlock === 'padded' || info.finalBlock === 'stream';
  const parallel = chunked && parallelMode(info, direction);

  const secrets: Uint8Array[] = [];
  const ciphers: Cipheriv[] = [];
  /** A cipher for the command's direction and padding, destroyed (its key schedule wiped) when the command ends. */
  const cipher = ({ key, iv }: KeyIv): Cipheriv => {
    const cipherOptions = blockMode ? { padding } : undefined;
    const c = direction === 'encrypt' ? createCipheriv(info.name, key, iv, cipherOptions) : createDecipheriv(info.name, key, iv, cipherOptions);
    ciphers.push(c);
    return c;
  };
  const setup: Setup = { direction, info, options, warn, keep: (...more) => { secrets.push(...more); } };

  try {
    const plan = options.key !== undefined || options.keyFile !== undefined ? rawKeyPlan(setup) : await passwordPlan(setup);
    if (options.verbose && !parallel) {
      warn(`${info.name} ${direction}ion runs on one core${chunked ? `: ${serialReason(info, direction)}` : ' (ciphertext stealing and key wrap go through one stream)'}`);
    }
    const showProgress = options.progress ?? (process.stderr.isTTY === true && (size ?? 0) > PROGRESS_FROM);
    const bar = showProgress ? new ProgressBar(size) : null;
    let bytesRead = 0;
    const onRead = (n: number) => { bytesRead += n; bar?.update(bytesRead); };
    const output = openOutput(outputPath);
    const started = performance.now();
    let used = 1;
    try {
      if (chunked) {
        const inputFd = inputPath ? openSync(inputPath, 'r') : undefined;
        try {
          const raw = inputFd !== undefined ? fdSource(inputFd) : size !== undefined ? fdSource(0) : streamSource(process.stdin);
          // -a: the ciphertext side is base64 (decoded as read, encoded as written); the
          // progress bar counts the characters read, as it counts the bytes of binary input.
          const decoding = options.base64 === true && direction === 'decrypt';
          const source = decoding ? base64Source(raw, onRead) : raw;
          const sink: ByteSink = options.base64 && direction === 'encrypt' ? new Base64Sink(new Sink(output.stream)) : new Sink(output.stream);
          used = await runInPlace(plan, source, sink, decoding ? () => {} : onRead, cipher, parallel ? threads : 1, { info, direction, blockMode });
        } finally {
          if (inputFd !== undefined) closeSync(inputFd);
        }
      } else {
        const counter = new Counter(onRead);
        const stages = pipelineStages(plan, cipher);
        if (info.kernel === 'wrap') stages.unshift(new Whole(WRAP_LIMIT, info.name));
        if (options.base64) {
          if (direction === 'encrypt') stages.push(new Base64Encode()); else stages.unshift(new Base64Decode());
        }
        const input: Readable = inputPath ? createReadStream(inputPath, { highWaterMark: STREAM_CHUNK }) : process.stdin;
        await pipeline([input, counter, ...stages, output.stream]);
      }
      output.commit();
    } catch (error) {
      output.abandon();
      throw error;
    } finally {
      bar?.finish(bytesRead);
    }
    if (options.verbose) {
      const seconds = (performance.now() - started) / 1000;
      warn(`${direction}ed ${formatBytes(bytesRead)} with ${info.name} (${plan.description}) in ${seconds.toFixed(2)} s, `
        + `${(bytesRead / 1e6 / Math.max(seconds, 1e-6)).toFixed(1)} MB/s, on ${used} ${used === 1 ? 'thread' : 'threads'}`);
    }
  } finally {
    for (const c of ciphers) c.destroy();          // wipes the key schedule and chaining state
    for (const s of secrets) s.fill(0);
  }
}

/** Why a mode runs on one core (--verbose). */
function serialReason(info: CipherRecord, direction: Direction): string {
  if (info.family === 'ofb') return 'each keystream block is the encryption of the one before';
  if (direction === 'encrypt') return 'each block is encrypted from the ciphertext before it';
  return `${info.kernel === 'cfb1' ? 'CFB-1' : 'CFB with segments shorter than a block'} decrypts segment by segment`;
}

/** The pipeline path's cipher stages: the header read or written around the cipher. */
function pipelineStages(plan: Plan, cipher: (keyIv: KeyIv) => Cipheriv): Transform[] {
  if (plan.headerLength !== undefined) return [new HeaderThen(plan.headerLength, (header) => cipher(plan.keyIv(header)))];
  const stage = cipher(plan.keyIv());
  return plan.prefix ? [stage, new Prefix(plan.prefix)] : [stage];
}

/**
 * The in-place path: the header, the chunks (on `threads` threads; one for the serial modes) and
 * the tail through the library's cipher (padded modes). Returns the threads used.
 */
async function runInPlace(plan: Plan, source: Source, sink: ByteSink, onRead: (n: number) => void,
  cipher: (keyIv: KeyIv) => Stepper, threads: number,
  { info, direction, blockMode }: { info: CipherRecord; direction: Direction; blockMode: boolean }): Promise<number> {
  let header: Buffer | undefined;
  if (plan.headerLength !== undefined) {
    header = Buffer.alloc(plan.headerLength);
    const n = await fill(source, header, 0, header.length);
    onRead(n);
    if (n < header.length) throw cryptoFailure(TOO_SHORT_FOR_HEADER);
  }
  const { key, iv } = plan.keyIv(header);
  if (plan.prefix) await sink.write(plan.prefix);
  const runner: Runner = threads > 1 ? parallelRunner(info, direction, key, iv, threads) : inlineRunner(info, direction, key, iv);
  try {
    await runChunked({
      source, sink, runner, onRead,
      ending: !blockMode ? 'stream' : direction === 'encrypt' ? 'pad' : 'unpad',
      tail: blockMode ? (register) => cipher({ key, iv: iv ? register : null }) : null,
    });
  } finally {
    await runner.close();
  }
  return runner.threads;
}

/** --key or --key-file, with --iv. */
function rawKeyPlan({ info, options, warn, keep }: Setup): Plan {
  if (options.pass !== undefined) throw usage('give either a key (--key/--key-file) or a password (--pass), not both');
  if (options.iter !== undefined || options.md !== undefined || options.legacyKdf || options.salt === false) {
    throw usage('--iter, --md, --legacy-kdf and --nosalt go with --pass: a raw key needs no key derivation');
  }
  const key = keyOption(options, [info.keyLength], info.name, warn);
  keep(key);
  warnAboutKey(ALGORITHMS[info.algorithm].weakChecked(key), warn);
  let iv: Uint8Array | null = null;
  if (info.ivLength > 0) {
    if (options.iv === undefined) throw usage(`${info.name} needs an IV: give --iv with ${2 * info.ivLength} hex digits`);
    iv = parseHex(options.iv, '--iv', info.ivLength);
  } else if (options.iv !== undefined) {
    throw usage(`${info.name} takes no IV: leave out --iv`);
  }
  return { keyIv: () => ({ key, iv }), description: `raw key from ${options.keyFile !== undefined ? 'a key file' : 'the command line'}` };
}

/** --pass (or a prompt): the `openssl enc` format, "Salted__" ‖ salt ‖ ciphertext. */
async function passwordPlan({ direction, info, options, warn, keep }: Setup): Promise<Plan> {
  if (options.iv !== undefined) throw usage('--iv goes with a raw key; with a password the IV comes from the password and salt');
  const kdf = kdfOptions(options);
  const salted = options.salt !== false;
  if (direction === 'encrypt' && kdf.kdf === 'evp') {
    warn('warning: --legacy-kdf (EVP_BytesToKey, one hash round) makes password guessing cheap; use it only for readers that need it');
  }
  if (options.pass?.startsWith('pass:')) {
    warn('warning: a password on the command line shows in process listings and shell history; prefer env:, file: or fd:');
  }
  const password = options.pass !== undefined ? readPassword(options.pass)
    : await promptPassword(`enter ${info.name} ${direction}ion password:`, direction === 'encrypt');
  keep(password);
  const derive = (salt: Buffer): KeyIv => {
    const { key, iv } = deriveKeyIv(password, salt, info.keyLength, info.ivLength, kdf);
    keep(key, iv);
    password.fill(0);                              // the only derivation for this file
    return { key, iv: info.ivLength > 0 ? iv : null };
  };
  const description = describeKdf(kdf, salted);
  if (direction === 'encrypt') {
    const salt = salted ? randomBytes(SALT_LENGTH) : Buffer.alloc(0);
    return { keyIv: () => derive(salt), prefix: salted ? Buffer.concat([SALTED, salt]) : undefined, description };
  }
  if (!salted) return { keyIv: () => derive(Buffer.alloc(0)), description };
  return {
    headerLength: SALTED.length + SALT_LENGTH,
    keyIv: (bytes) => {
      if (!bytes!.subarray(0, SALTED.length).equals(SALTED)) {
        throw cryptoFailure('the input does not start with "Salted__": it is not in the OpenSSL enc format (written with -nosalt? then give --nosalt)');
      }
      return derive(Buffer.from(bytes!.subarray(SALTED.length)));
    },
    description,
  };
}

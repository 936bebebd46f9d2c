/**
 * `des-wasm encrypt` and `des-wasm decrypt`: files (or stdin/stdout) through any cipher of the
 * library, with a raw key and IV or with a password in the `openssl enc` format, streaming in
 * chunks through the library's Transform (memory stays bounded whatever the size) and writing
 * the output atomically.
 *
 *   input → [base64 decode] → [header reader | cipher] → [cipher | header writer] → [base64] → output
 */
import { createReadStream, statSync } from 'node:fs';
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
import { Base64Decode, Base64Encode } from './base64.js';
import { Counter, HeaderThen, Prefix, Whole, inputSize, openOutput, refuseSameFile } from './streams.js';
import { ProgressBar, formatBytes } from './progress.js';

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
}

type Direction = 'encrypt' | 'decrypt';

const CHUNK = 1 << 18;                         // bytes read at a time (larger ones only raise peak RSS)
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

/** What building the cipher stages needs: the command's inputs, and where secrets and ciphers are kept to wipe. */
interface Setup {
  direction: Direction;
  info: CipherRecord;
  options: CryptOptions;
  warn: (line: string) => void;
  /** Remember secrets to wipe when the command ends. */
  keep: (...secrets: Uint8Array[]) => void;
  /** A cipher for the command's direction and padding, destroyed (its key schedule wiped) when the command ends. */
  cipher: (key: Uint8Array, iv: Uint8Array | null) => Cipheriv;
}

interface Stages {
  stages: Transform[];
  /** For --verbose: how the key was made. */
  description: string;
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

  const secrets: Uint8Array[] = [];
  const ciphers: Cipheriv[] = [];
  const setup: Setup = {
    direction, info, options, warn,
    keep: (...more) => { secrets.push(...more); },
    cipher: (key, iv) => {
      const cipherOptions = blockMode ? { padding } : undefined;
      const c = direction === 'encrypt' ? createCipheriv(info.name, key, iv, cipherOptions) : createDecipheriv(info.name, key, iv, cipherOptions);
      ciphers.push(c);
      return c;
    },
  };

  try {
    const { stages, description } = options.key !== undefined || options.keyFile !== undefined
      ? rawKeyStages(setup) : await passwordStages(setup);
    if (info.kernel === 'wrap') stages.unshift(new Whole(WRAP_LIMIT, info.name));
    if (options.base64) {
      if (direction === 'encrypt') stages.push(new Base64Encode()); else stages.unshift(new Base64Decode());
    }

    const showProgress = options.progress ?? (process.stderr.isTTY === true && (size ?? 0) > PROGRESS_FROM);
    const bar = showProgress ? new ProgressBar(size) : null;
    const counter = new Counter(bar ? (n) => bar.update(n) : undefined);
    const input: Readable = inputPath ? createReadStream(inputPath, { highWaterMark: CHUNK }) : process.stdin;
    const output = openOutput(outputPath);
    const started = performance.now();
    try {
      await pipeline([input, counter, ...stages, output.stream]);
      output.commit();
    } catch (error) {
      output.abandon();
      throw error;
    } finally {
      bar?.finish(counter.bytes);
    }
    if (options.verbose) {
      const seconds = (performance.now() - started) / 1000;
      warn(`${direction}ed ${formatBytes(counter.bytes)} with ${info.name} (${description}) in ${seconds.toFixed(2)} s, `
        + `${(counter.bytes / 1e6 / Math.max(seconds, 1e-6)).toFixed(1)} MB/s`);
    }
  } finally {
    for (const c of ciphers) c.destroy();          // wipes the key schedule and chaining state
    for (const s of secrets) s.fill(0);
  }
}

/** --key or --key-file, with --iv: one cipher stage. */
function rawKeyStages({ info, options, warn, keep, cipher }: Setup): Stages {
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
  return { stages: [cipher(key, iv)], description: `raw key from ${options.keyFile !== undefined ? 'a key file' : 'the command line'}` };
}

/** --pass (or a prompt): the `openssl enc` format, "Salted__" ‖ salt ‖ ciphertext. */
async function passwordStages({ direction, info, options, warn, keep, cipher }: Setup): Promise<Stages> {
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
  const derive = (salt: Buffer): Cipheriv => {
    const { key, iv } = deriveKeyIv(password, salt, info.keyLength, info.ivLength, kdf);
    keep(key, iv);
    try {
      return cipher(key, info.ivLength > 0 ? iv : null);
    } finally {
      password.fill(0);                            // the only derivation for this file
    }
  };
  const description = describeKdf(kdf, salted);
  if (direction === 'encrypt') {
    const salt = salted ? randomBytes(SALT_LENGTH) : Buffer.alloc(0);
    return { stages: salted ? [derive(salt), new Prefix(Buffer.concat([SALTED, salt]))] : [derive(salt)], description };
  }
  if (!salted) return { stages: [derive(Buffer.alloc(0))], description };
  const header = new HeaderThen(SALTED.length + SALT_LENGTH, (bytes) => {
    if (!bytes.subarray(0, SALTED.length).equals(SALTED)) {
      throw cryptoFailure('the input does not start with "Salted__": it is not in the OpenSSL enc format (written with -nosalt? then give --nosalt)');
    }
    return derive(Buffer.from(bytes.subarray(SALTED.length)));
  });
  return { stages: [header], description };
}

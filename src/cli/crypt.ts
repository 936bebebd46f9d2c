/**
 * `des-wasm encrypt` and `des-wasm decrypt`: files (or stdin/stdout) through any cipher of the
 * library, with a raw key and IV or with a password in the `openssl enc` format, streaming in
 * chunks (memory stays bounded whatever the size) and writing the output atomically.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { createCipheriv, createDecipheriv } from '../node.js';
import { cipherInfo } from '../names.js';
import type { CipherInfo } from '../names.js';
import { cryptoFailure, usage } from './errors.js';
import { DIGESTS, MAGIC, deriveKeyIv } from './kdf.js';
import type { Digest } from './kdf.js';
import { parseHex, promptPassword, readKeyFile, readPassword, warnAboutKey } from './secrets.js';
import { AtomicFile, Base64Decode, Base64Encode, Counter, HeaderThen, refuseSameFile } from './streams.js';
import type { Stepper } from './streams.js';
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
  salt?: boolean;          // commander's --nosalt sets salt: false
  base64?: boolean;
  progress?: boolean;
  verbose?: boolean;
}

type Direction = 'encrypt' | 'decrypt';

/** Puts `prefix` in front of the stream (the "Salted__" header). */
class Prefix extends Transform {
  private sent = false;
  constructor(private readonly prefix: Buffer) { super(); }
  override _transform(chunk: Buffer, _e: BufferEncoding, done: (e: Error | null, d?: Buffer) => void): void {
    if (!this.sent) { this.sent = true; done(null, Buffer.concat([this.prefix, chunk])); return; }
    done(null, chunk);
  }
  override _flush(done: (e: Error | null, d?: Buffer) => void): void {
    done(null, this.sent ? undefined : this.prefix);
  }
}

/** A stream stage from a cipher's update()/final(), for the raw-key path. */
function stage(cipher: Stepper): Transform {
  return new Transform({
    transform(chunk: Buffer, _e, done) { try { done(null, cipher.update(chunk)); } catch (e) { done(e as Error); } },
    flush(done) { try { done(null, cipher.final()); } catch (e) { done(e as Error); } },
  });
}

function kdfOptions(options: CryptOptions): { legacy: boolean; digest: Digest; iterations: number } {
  const legacy = options.legacyKdf === true;
  const digest = (options.md ?? (legacy ? 'md5' : 'sha256')).toLowerCase() as Digest;
  if (!DIGESTS.includes(digest)) throw usage(`--md ${options.md}: expected one of ${DIGESTS.join(', ')}`);
  if (!legacy && digest === 'md5') throw usage('--md md5 goes with --legacy-kdf (PBKDF2 with MD5 is not what OpenSSL writes)');
  const iterations = options.iter === undefined ? 10000 : Number(options.iter);
  if (!Number.isInteger(iterations) || iterations < 1) throw usage(`--iter ${options.iter}: expected a whole number ≥ 1`);
  if (legacy && options.iter !== undefined) throw usage('--iter goes with PBKDF2, not with --legacy-kdf');
  return { legacy, digest, iterations };
}

function makeCipher(direction: Direction, info: CipherInfo, key: Uint8Array, iv: Uint8Array | null, padding: boolean): Stepper {
  const c = direction === 'encrypt' ? createCipheriv(info.name, key, iv) : createDecipheriv(info.name, key, iv);
  if (!padding) c.setAutoPadding(false);
  return c;
}

export async function crypt(direction: Direction, options: CryptOptions, warn: (line: string) => void): Promise<void> {
  const info = cipherInfo(options.cipher);
  if (options.padding !== undefined && options.padding !== 'pkcs7' && options.padding !== 'none') {
    throw usage(`--padding ${options.padding}: expected pkcs7 or none`);
  }
  const padding = options.padding !== 'none';
  const inputPath = options.in && options.in !== '-' ? options.in : undefined;
  const outputPath = options.out && options.out !== '-' ? options.out : undefined;
  refuseSameFile(inputPath, outputPath);
  const inputSize = inputPath ? statSync(inputPath).size : undefined;   // ENOENT: exit 2 with the path
  if (inputPath && statSync(inputPath).isDirectory()) throw usage(`${inputPath}: is a directory`);

  const stages: (Transform)[] = [];
  const secrets: Uint8Array[] = [];
  let description: string;
  const rawKey = options.key !== undefined || options.keyFile !== undefined;
  if (rawKey) {
    if (options.pass !== undefined) throw usage('give either a key (--key/--key-file) or a password (--pass), not both');
    if (options.key !== undefined && options.keyFile !== undefined) throw usage('give --key or --key-file, not both');
    if (options.key !== undefined) warn('warning: a key on the command line shows in process listings; prefer --key-file');
    const key = options.keyFile !== undefined ? readKeyFile(options.keyFile, info.keyLength)
      : parseHex(options.key!, `--key for ${info.name}`, info.keyLength);
    secrets.push(key);
    warnAboutKey(info.algorithm === 'desx' ? key.subarray(0, 8) : key, warn);
    let iv: Uint8Array | null = null;
    if (info.ivLength > 0) {
      if (options.iv === undefined) throw usage(`${info.name} needs an IV: give --iv with ${2 * info.ivLength} hex digits`);
      iv = parseHex(options.iv, '--iv', info.ivLength);
    } else if (options.iv !== undefined) {
      throw usage(`${info.name} takes no IV: leave out --iv`);
    }
    stages.push(stage(makeCipher(direction, info, key, iv, padding)));
    description = `${info.name}, raw key`;
  } else {
    if (options.iv !== undefined) throw usage('--iv goes with a raw key; with a password the IV comes from the password and salt');
    const kdf = kdfOptions(options);
    const password = options.pass !== undefined ? readPassword(options.pass)
      : await promptPassword(`enter ${info.name} ${direction}ion password:`, direction === 'encrypt');
    secrets.push(password);
    const derive = (salt: Buffer) => {
      const { key, iv } = deriveKeyIv(password, salt, info.keyLength, info.ivLength, kdf);
      secrets.push(key, iv);
      return makeCipher(direction, info, key, info.ivLength > 0 ? iv : null, padding);
    };
    const salted = options.salt !== false;
    if (direction === 'encrypt') {
      const salt = salted ? randomBytes(8) : Buffer.alloc(0);
      stages.push(stage(derive(salt)));
      if (salted) stages.push(new Prefix(Buffer.concat([MAGIC, salt])));
    } else if (salted) {
      stages.push(new HeaderThen(16, (header) => {
        if (!header.subarray(0, 8).equals(MAGIC)) {
          throw cryptoFailure('the input has no "Salted__" header: it is not in the OpenSSL enc format (or give --nosalt)');
        }
        return derive(Buffer.from(header.subarray(8, 16)));
      }));
    } else {
      stages.push(stage(derive(Buffer.alloc(0))));
    }
    description = `${info.name}, ${kdf.legacy ? `EVP_BytesToKey-${kdf.digest}` : `PBKDF2-HMAC-${kdf.digest.toUpperCase()}, ${kdf.iterations} iterations`}${salted ? '' : ', no salt'}`;
  }
  if (options.base64) {
    if (direction === 'encrypt') stages.push(new Base64Encode()); else stages.unshift(new Base64Decode());
  }

  const showProgress = options.progress ?? (process.stderr.isTTY === true && (inputSize ?? 0) > 4 * 1024 * 1024);
  const bar = showProgress && inputSize !== undefined ? new ProgressBar(inputSize) : null;
  const counter = new Counter(bar ? (n) => bar.update(n) : undefined);
  const input: Readable = inputPath ? createReadStream(inputPath, { highWaterMark: 1 << 20 }) : process.stdin;
  const file = outputPath ? new AtomicFile(outputPath) : null;
  const output: Writable = file ? createWriteStream('', { fd: file.descriptor, autoClose: false }) : process.stdout;
  const started = performance.now();
  try {
    await pipeline([input, counter, ...stages, output]);
    file?.commit();
  } catch (error) {
    file?.abandon();
    throw error;
  } finally {
    bar?.finish();
    for (const s of secrets) s.fill(0);
  }
  if (options.verbose) {
    const seconds = (performance.now() - started) / 1000;
    warn(`${direction}ed ${formatBytes(counter.bytes)} with ${description} in ${seconds.toFixed(2)} s (${(counter.bytes / 1e6 / Math.max(seconds, 1e-9)).toFixed(1)} MB/s)`);
  }
}

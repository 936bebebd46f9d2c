/**
 * The stream pieces of encrypt and decrypt (base64 is in ./base64.ts): the "Salted__" header
 * written in front and read back, a byte counter for the progress bar, and the output — a
 * temporary file in the target folder, renamed into place only when everything succeeded.
 * Every stage handles one chunk at a time, so memory stays bounded whatever the file size.
 */
import { Transform } from 'node:stream';
import type { TransformCallback, Writable } from 'node:stream';
import {
  closeSync, constants, createWriteStream, fchmodSync, fstatSync, fsyncSync, linkSync, lstatSync, openSync,
  readdirSync, renameSync, statSync, unlinkSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cryptoFailure, usage } from './errors.js';

/** What the stages need of a cipher: node:crypto's update() and final(). */
export interface Stepper {
  update(data: Buffer): Buffer;
  final(): Buffer;
}

/** Puts `prefix` in front of the stream (the "Salted__" header and salt). */
export class Prefix extends Transform {
  private sent = false;
  constructor(private readonly prefix: Buffer) { super(); }
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    if (!this.sent) { this.sent = true; this.push(this.prefix); }
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    done(null, this.sent ? undefined : this.prefix);
  }
}

/** The failure of an input that ends before the "Salted__" header and salt. */
export const TOO_SHORT_FOR_HEADER = 'the input is too short to be in the OpenSSL enc format (no "Salted__" header and salt)';

/**
 * Reads the first `length` bytes (the "Salted__" header and salt), hands them to `onHeader`,
 * which returns the decipher to send the rest through.
 */
export class HeaderThen extends Transform {
  private header = Buffer.alloc(0);
  private next: Stepper | null = null;
  constructor(private readonly length: number, private readonly onHeader: (header: Buffer) => Stepper) {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    try {
      if (!this.next) {
        this.header = Buffer.concat([this.header, chunk]);
        if (this.header.length < this.length) { done(); return; }
        this.next = this.onHeader(this.header.subarray(0, this.length));
        chunk = this.header.subarray(this.length);
      }
      done(null, this.next.update(chunk));
    } catch (error) {
      done(error as Error);
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      if (!this.next) throw cryptoFailure(TOO_SHORT_FOR_HEADER);
      done(null, this.next.final());
    } catch (error) {
      done(error as Error);
    }
  }
}

/** Gathers the whole input into one chunk (for des3-wrap, which wraps each update() whole), up to `limit` bytes. */
export class Whole extends Transform {
  private chunks: Buffer[] = [];
  private length = 0;
  constructor(private readonly limit: number, private readonly what: string) { super(); }
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    this.length += chunk.length;
    if (this.length > this.limit) { done(usage(`${this.what} takes at most ${this.limit} bytes of input`)); return; }
    this.chunks.push(chunk);
    done();
  }
  override _flush(done: TransformCallback): void {
    const all = Buffer.concat(this.chunks);
    this.chunks.forEach((c) => c.fill(0));
    done(null, all);
  }
}

/** Counts bytes that pass through, for the progress bar and --verbose. */
export class Counter extends Transform {
  bytes = 0;
  constructor(private readonly onProgress?: (bytes: number) => void) { super(); }
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.onProgress?.(this.bytes);
    done(null, chunk);
  }
}

/** Where the output goes: a stream to pipe into, and what to do when the pipeline succeeded or failed. */
export interface Output {
  stream: Writable;
  commit(): void;
  abandon(): void;
}

/**
 * An output file that appears only on success: writes go to a temporary file beside the target
 * (same folder, so the rename is atomic), created exclusively and readable by the owner only
 * while it is written; on commit it takes the mode of the file it replaces, or the usual mode
 * of a new file (0666 less the umask), unless a mode is given.
 */
export class AtomicFile {
  readonly temporary: string;
  private fd: number | null;
  private finished = false;

  /** `mode`: the file's mode whatever it replaces (keys: 0o600); without it, as described above. */
  constructor(readonly target: string, private readonly mode?: number) {
    const folder = dirname(resolve(target));
    removeStalePartials(folder, basename(target));
    this.temporary = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.partial`);
    try {
      this.fd = openSync(this.temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (error) {
      // Name the file the user asked for, not our temporary one.
      Object.assign(error as NodeJS.ErrnoException, { path: target });
      throw error;
    }
    AtomicFile.open.add(this);
  }

  get descriptor(): number {
    return this.fd!;
  }

  /**
   * Flush to disk and move into place. With `replace` false an existing target is an error
   * (a hard link, unlike a rename, never replaces anything).
   */
  commit(replace = true): void {
    let mode = this.mode;
    if (mode === undefined) {
      try { mode = statSync(this.target).mode & 0o7777; } catch { mode = 0o666 & ~currentUmask(); }
    }
    fchmodSync(this.fd!, mode);
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = null;
    if (replace) {
      renameSync(this.temporary, this.target);
    } else {
      try {
        linkSync(this.temporary, this.target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw usage(`${this.target} exists: use --force to replace it`);
        throw error;
      }
      unlinkSync(this.temporary);
    }
    this.finished = true;
    AtomicFile.open.delete(this);
  }

  /** Remove the temporary file; the target is never touched. */
  abandon(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.fd !== null) { try { closeSync(this.fd); } catch { /* already closed */ } this.fd = null; }
    try { unlinkSync(this.temporary); } catch { /* already gone */ }
    AtomicFile.open.delete(this);
  }

  /** Every unfinished file, so that a signal handler can remove them. */
  static readonly open = new Set<AtomicFile>();
}

/**
 * A run killed by SIGKILL (which no program can catch) leaves its temporary file behind:
 * `.NAME.PID.RANDOM.partial`, mode 0600, beside the target (during decryption it holds
 * plaintext). The next run for the same target removes every such file whose process is gone;
 * the file of a run still going (its PID alive) is left alone, and so is anything else.
 */
export function removeStalePartials(folder: string, name: string): void {
  let entries: string[];
  try { entries = readdirSync(folder); } catch { return; }
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)\.[0-9a-f]{12}\.partial$/.exec(entry.slice(prefix.length));
    if (!match || processAlive(Number(match[1]))) continue;
    const path = join(folder, entry);
    try {
      if (lstatSync(path).isFile()) unlinkSync(path);
    } catch { /* gone meanwhile, or not ours to remove */ }
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';   // alive, someone else's
  }
}

let umask: number | undefined;
/** The process umask, read once (process.umask() has no read-only form, so set it back at once). */
function currentUmask(): number {
  if (umask === undefined) { umask = process.umask(0o022); process.umask(umask); }
  return umask;
}

/**
 * The output for `-o`: stdout for `-` or nothing; the device or pipe itself for an existing
 * file that is not a regular one (/dev/null, a FIFO), where there is nothing to replace; else
 * an AtomicFile.
 */
export function openOutput(path: string | undefined): Output {
  if (path === undefined) return { stream: process.stdout, commit() {}, abandon() {} };
  let existing: ReturnType<typeof statSync> | undefined;
  try { existing = statSync(path); } catch { /* a new file */ }
  if (existing?.isDirectory()) throw usage(`${path}: is a folder: give a file name for the output`);
  if (existing && !existing.isFile()) {
    const fd = openSync(path, 'w');
    const stream = createWriteStream('', { fd });
    return { stream, commit() {}, abandon() {} };
  }
  const file = new AtomicFile(path);
  const stream = createWriteStream('', { fd: file.descriptor, autoClose: false });
  return { stream, commit: () => file.commit(), abandon: () => file.abandon() };
}

/** The size of the input when it is a regular file (also when it is stdin redirected from one). */
export function inputSize(fd: number): number | undefined {
  const s = fstatSync(fd);
  return s.isFile() ? s.size : undefined;
}

/** Refuse to write over the input: the same path, or the same file by another name. */
export function refuseSameFile(input: string | undefined, output: string | undefined): void {
  if (!input || !output) return;
  if (resolve(input) === resolve(output)) throw usage('the output file is the input file: write to another file');
  try {
    const a = statSync(input), b = statSync(output);
    if (a.dev === b.dev && a.ino === b.ino) throw usage('the output file is the input file (a link to it): write to another file');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

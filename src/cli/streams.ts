/**
 * The stream pieces of encrypt and decrypt: base64 in 64-character lines (as `openssl enc -a`),
 * a reader for the "Salted__" header, a byte counter for the progress bar, and atomic output —
 * a temporary file in the target folder, renamed into place only when everything succeeded.
 */
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { closeSync, constants, fsyncSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cryptoFailure, usage } from './errors.js';

/** Base64 in lines of 64 characters, each ending in a newline, as OpenSSL writes it. */
export class Base64Encode extends Transform {
  private carry = Buffer.alloc(0);
  private column = 0;
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    const all = Buffer.concat([this.carry, chunk]);
    const whole = all.length - (all.length % 3);
    this.carry = all.subarray(whole);
    done(null, this.lines(all.subarray(0, whole).toString('base64')));
  }
  override _flush(done: TransformCallback): void {
    let out = this.lines(this.carry.toString('base64'));
    if (this.column > 0) out += '\n';
    done(null, out);
  }
  private lines(text: string): string {
    let out = '';
    for (let i = 0; i < text.length;) {
      const n = Math.min(64 - this.column, text.length - i);
      out += text.slice(i, i + n);
      i += n;
      this.column += n;
      if (this.column === 64) { out += '\n'; this.column = 0; }
    }
    return out;
  }
}

/** Base64 in, bytes out; line breaks and spaces are ignored, anything else is an error. */
export class Base64Decode extends Transform {
  private carry = '';
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    const text = this.carry + chunk.toString('latin1').replace(/\s+/g, '');
    if (/[^A-Za-z0-9+/=]/.test(text)) { done(cryptoFailure('the input is not base64 (drop -a/--base64 for binary input)')); return; }
    const whole = text.length - (text.length % 4);
    this.carry = text.slice(whole);
    done(null, Buffer.from(text.slice(0, whole), 'base64'));
  }
  override _flush(done: TransformCallback): void {
    if (this.carry.length > 0) { done(cryptoFailure('the base64 input is truncated')); return; }
    done();
  }
}

/** What HeaderThen sends the rest of the input through: a decipher's update() and final(). */
export interface Stepper {
  update(data: Buffer): Buffer;
  final(): Buffer;
}

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
      if (!this.next) throw cryptoFailure('the input is too short to be in the OpenSSL enc format (no "Salted__" header and salt)');
      done(null, this.next.final());
    } catch (error) {
      done(error as Error);
    }
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

/**
 * An output file that appears only on success: writes go to a temporary file beside the target
 * (same folder, so the rename is atomic), created exclusively with the given mode.
 */
export class AtomicFile {
  readonly temporary: string;
  private fd: number | null;
  private finished = false;

  constructor(readonly target: string, mode = 0o666) {
    this.temporary = join(dirname(resolve(target)), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
    this.fd = openSync(this.temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    AtomicFile.open.add(this);
  }

  get descriptor(): number {
    return this.fd!;
  }

  /** Flush to disk and move into place. */
  commit(): void {
    fsyncSync(this.fd!);
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.temporary, this.target);
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

  /** Every unfinished file, so a signal handler can remove them. */
  static readonly open = new Set<AtomicFile>();
}

/** Refuse to write over the input: the same path, or the same file by another name. */
export function refuseSameFile(input: string | undefined, output: string | undefined): void {
  if (!input || !output || input === '-' || output === '-') return;
  if (resolve(input) === resolve(output)) throw usage('the output file is the input file: write to another file');
  try {
    const a = statSync(input), b = statSync(output);
    if (a.dev === b.dev && a.ino === b.ino) throw usage('the output file is the input file (a link to it): write to another file');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Base64 as `openssl enc -a` writes and reads it (RFC 4648 §4 alphabet, '=' padding, a newline
 * after every 64 characters and at the end): one encoder and one decoder, used two ways —
 *   - around the in-place path (./chunked.ts): base64Source() decodes what a Source reads and
 *     Base64Sink encodes what is written, each through one buffer reused from the first chunk to
 *     the last, so that -a costs no more memory than binary input and output;
 *   - as Transform streams, for the pipeline path (ciphertext stealing, key wrap).
 *
 * Why not Buffer#toString('base64')? It goes through a JavaScript string per chunk, and the
 * strings (and the copies made to insert line breaks) are garbage the size of the file. Table
 * look-ups from bytes straight into a buffer make no string at all, and turn out faster too.
 */
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { cryptoFailure } from './errors.js';
import type { ByteSink, Source } from './chunked.js';
import { BASE64_DIGITS as DIGIT, BASE64_VALUE as VALUE, PAD, SKIP } from '../base64.js';

const EQUALS = 0x3d;         // '='
const NEWLINE = 0x0a;
const LINE_BYTES = 48;       // 48 bytes make one 64-character line

/** The most characters encodeLines() writes for `n` bytes. */
function encodedLength(n: number): number {
  const chars = Math.ceil(n / 3) * 4;
  return chars + Math.ceil(chars / 64);
}

/** Bytes to base64 lines, written into `out` (encodedLength(bytes.length) long at least); returns the length. Whole lines except at the very end. */
function encodeLines(bytes: Uint8Array, out: Uint8Array): number {
  const n = bytes.length;
  let o = 0, column = 0, i = 0;
  for (; i + 3 <= n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = DIGIT[v >>> 18]; out[o++] = DIGIT[(v >>> 12) & 63]; out[o++] = DIGIT[(v >>> 6) & 63]; out[o++] = DIGIT[v & 63];
    if ((column += 4) === 64) { out[o++] = NEWLINE; column = 0; }
  }
  if (i < n) {                                          // 1 or 2 bytes left: pad to 4 characters
    const two = n - i === 2;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    out[o++] = DIGIT[v >>> 18]; out[o++] = DIGIT[(v >>> 12) & 63];
    out[o++] = two ? DIGIT[(v >>> 6) & 63] : EQUALS; out[o++] = EQUALS;
    column += 4;
  }
  if (column > 0) out[o++] = NEWLINE;
  return o;
}

/**
 * Whole lines out of a stream of bytes: fewer than 48 bytes wait for the next write, and the
 * rest is encoded into one buffer that is reused (it grows if a larger write ever comes).
 */
class LineEncoder {
  private readonly carry = new Uint8Array(LINE_BYTES);
  private carried = 0;
  private out = new Uint8Array(0);

  /** The lines `bytes` completes, as a view of the reused buffer: valid until the next call. */
  push(bytes: Uint8Array): Uint8Array {
    const total = this.carried + bytes.length;
    const whole = total - (total % LINE_BYTES);
    if (whole === 0) {
      this.carry.set(bytes, this.carried);
      this.carried = total;
      return this.out.subarray(0, 0);
    }
    // The carried bytes and the start of `bytes` make the first line; the rest encode in place.
    const first = (LINE_BYTES - this.carried) % LINE_BYTES;
    this.reserve(encodedLength(whole));
    let o = 0;
    if (this.carried > 0) {
      this.carry.set(bytes.subarray(0, first), this.carried);
      o = encodeLines(this.carry, this.out);
    }
    const rest = whole - (this.carried > 0 ? LINE_BYTES : 0);
    o += encodeLines(bytes.subarray(first, first + rest), this.out.subarray(o));
    this.carried = total - whole;
    this.carry.set(bytes.subarray(bytes.length - this.carried));
    return this.out.subarray(0, o);
  }

  /** The last, partial line (padded): a view valid until the next call. */
  end(): Uint8Array {
    this.reserve(encodedLength(this.carried));
    const o = encodeLines(this.carry.subarray(0, this.carried), this.out);
    this.carried = 0;
    return this.out.subarray(0, o);
  }

  private reserve(length: number): void {
    if (this.out.length < length) this.out = new Uint8Array(length);
  }
}

/** Base64 in, bytes out, across calls. White space anywhere is skipped; anything else that is not base64 is an error. */
class Decoder {
  private quad = 0;        // the digits of the current group of 4, 6 bits each
  private digits = 0;      // how many of them (0 … 3)
  private ended = false;   // '=' seen: only '=' and white space may follow

  /** The most bytes decode() writes for `n` characters. */
  static capacity(n: number): number {
    return Math.floor(((3 + n) * 3) / 4) + 3;
  }

  /** Decode `text` into `out` from `at` (capacity(text.length) free at least); returns the bytes written. */
  decode(text: Uint8Array, out: Uint8Array, at: number): number {
    let o = at;
    let { quad, digits } = this;
    for (let i = 0; i < text.length; i++) {
      const v = VALUE[text[i]];
      if (v < SKIP && !this.ended) {
        quad = (quad << 6) | v;
        if (++digits === 4) {
          out[o++] = quad >>> 16; out[o++] = (quad >>> 8) & 0xff; out[o++] = quad & 0xff;
          quad = 0; digits = 0;
        }
      } else if (v === SKIP) {
        continue;
      } else if (v === PAD && (this.ended || digits >= 2)) {
        if (!this.ended) {
          // "xx==" carries one byte, "xxx=" two: the bits of the missing digits are zero.
          if (digits === 2) out[o++] = (quad >>> 4) & 0xff;
          else { out[o++] = (quad >>> 10) & 0xff; out[o++] = (quad >>> 2) & 0xff; }
          this.ended = true;
          quad = 0; digits = 0;
        }
      } else {
        throw cryptoFailure('the input is not base64: it is corrupted (or drop -a/--base64 for binary input)');
      }
    }
    this.quad = quad;
    this.digits = digits;
    return o - at;
  }

  /** At the end of the text: a partial group is an error. */
  finish(): void {
    if (this.digits > 0) throw cryptoFailure('the base64 input is truncated');
  }
}

/** Characters read at a time by base64Source(). */
const TEXT_CHUNK = 1 << 18;

/**
 * The bytes `source` holds as base64, decoded: text is read into one reused buffer and decoded
 * into another, from which each read() copies what it asks for. `onText(n)` counts the
 * characters read (the progress bar's bytes). Base64 is always the ciphertext side: nothing here
 * is secret, and nothing is wiped.
 */
export function base64Source(source: Source, onText: (n: number) => void): Source {
  const decoder = new Decoder();
  const text = new Uint8Array(TEXT_CHUNK);
  const bytes = new Uint8Array(Decoder.capacity(TEXT_CHUNK));
  let start = 0, end = 0, done = false;
  return {
    async read(target, offset, length) {
      while (start === end && !done) {
        const n = await source.read(text, 0, TEXT_CHUNK);
        onText(n);
        if (n === 0) {
          done = true;
          decoder.finish();
        } else {
          start = 0;
          end = decoder.decode(text.subarray(0, n), bytes, 0);   // 0: only white space or '=' so far
        }
      }
      const n = Math.min(length, end - start);
      target.set(bytes.subarray(start, start + n), offset);
      start += n;
      return n;
    },
  };
}

/** Writes base64 lines of what it is given to `sink`, through one reused buffer (each write waits for the last). */
export class Base64Sink implements ByteSink {
  private readonly lines = new LineEncoder();
  constructor(private readonly sink: ByteSink) {}
  write(bytes: Uint8Array): Promise<void> {
    return this.sink.write(this.lines.push(bytes));
  }
  async end(): Promise<void> {
    await this.sink.write(this.lines.end());
    await this.sink.end();
  }
}

/** Bytes in, base64 in lines of 64 characters out (a fresh buffer per chunk: a stream keeps what it is given). */
export class Base64Encode extends Transform {
  private readonly lines = new LineEncoder();

  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    const out = this.lines.push(chunk);
    done(null, out.length > 0 ? Buffer.from(out) : undefined);
  }

  override _flush(done: TransformCallback): void {
    const out = this.lines.end();
    done(null, out.length > 0 ? Buffer.from(out) : undefined);
  }
}

/** Base64 in, bytes out. */
export class Base64Decode extends Transform {
  private readonly decoder = new Decoder();

  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    const out = Buffer.allocUnsafe(Decoder.capacity(chunk.length));
    let o: number;
    try {
      o = this.decoder.decode(chunk, out, 0);
    } catch (error) {
      done(error as Error);
      return;
    }
    done(null, o > 0 ? out.subarray(0, o) : undefined);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.finish();
      done(null);
    } catch (error) {
      done(error as Error);
    }
  }
}

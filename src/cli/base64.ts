/**
 * Base64 as `openssl enc -a` writes and reads it (RFC 4648 §4 alphabet, '=' padding, a newline
 * after every 64 characters and at the end), as streams.
 *
 * Why not Buffer#toString('base64')? It goes through a JavaScript string per chunk, and on a
 * 1 GiB file those strings (and the copies made to insert line breaks) kept peak RSS far above
 * the 100 MiB the CLI promises. Table look-ups from bytes straight into the output Buffer make no
 * string at all, and turn out faster too.
 */
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { cryptoFailure } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const PAD = 0x3d;            // '='
const NEWLINE = 0x0a;
const LINE_BYTES = 48;       // 48 bytes make one 64-character line

/** Bytes to base64 lines. The input is whole lines except at the very end. */
function encodeLines(bytes: Uint8Array): Buffer {
  const n = bytes.length;
  const chars = Math.ceil(n / 3) * 4;
  const out = Buffer.allocUnsafe(chars + Math.ceil(chars / 64));
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
    out[o++] = two ? DIGIT[(v >>> 6) & 63] : PAD; out[o++] = PAD;
    column += 4;
  }
  if (column > 0) out[o++] = NEWLINE;
  return out.subarray(0, o);
}

/** Bytes in, base64 in lines of 64 characters out. */
export class Base64Encode extends Transform {
  private carry: Buffer = Buffer.alloc(0);      // fewer than 48 bytes: part of the next line

  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = data.length - (data.length % LINE_BYTES);
    this.carry = Buffer.from(data.subarray(whole));
    done(null, whole > 0 ? encodeLines(data.subarray(0, whole)) : undefined);
  }

  override _flush(done: TransformCallback): void {
    done(null, this.carry.length > 0 ? encodeLines(this.carry) : undefined);
  }
}

// The value of each byte as a base64 digit; SKIP for white space, END for '=', BAD for the rest.
const SKIP = 64, END = 65, BAD = 66;
const VALUE = new Uint8Array(256).fill(BAD);
DIGIT.forEach((c, v) => { VALUE[c] = v; });
for (const c of ' \t\r\n\v\f') VALUE[c.charCodeAt(0)] = SKIP;
VALUE[PAD] = END;

/** Base64 in, bytes out. White space anywhere is skipped; anything else that is not base64 is an error. */
export class Base64Decode extends Transform {
  private quad = 0;        // the digits of the current group of 4, 6 bits each
  private digits = 0;      // how many of them (0 … 3)
  private ended = false;   // '=' seen: only '=' and white space may follow

  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    const out = Buffer.allocUnsafe(Math.floor(((this.digits + chunk.length) * 3) / 4) + 3);
    let o = 0;
    let { quad, digits } = this;
    for (let i = 0; i < chunk.length; i++) {
      const v = VALUE[chunk[i]];
      if (v < SKIP && !this.ended) {
        quad = (quad << 6) | v;
        if (++digits === 4) {
          out[o++] = quad >>> 16; out[o++] = (quad >>> 8) & 0xff; out[o++] = quad & 0xff;
          quad = 0; digits = 0;
        }
      } else if (v === SKIP) {
        continue;
      } else if (v === END && (this.ended || digits >= 2)) {
        if (!this.ended) {
          // "xx==" carries one byte, "xxx=" two: the bits of the missing digits are zero.
          if (digits === 2) out[o++] = (quad >>> 4) & 0xff;
          else { out[o++] = (quad >>> 10) & 0xff; out[o++] = (quad >>> 2) & 0xff; }
          this.ended = true;
          quad = 0; digits = 0;
        }
      } else {
        done(cryptoFailure('the input is not base64: it is corrupted (or drop -a/--base64 for binary input)'));
        return;
      }
    }
    this.quad = quad;
    this.digits = digits;
    done(null, o > 0 ? out.subarray(0, o) : undefined);
  }

  override _flush(done: TransformCallback): void {
    done(this.digits > 0 ? cryptoFailure('the base64 input is truncated') : null);
  }
}

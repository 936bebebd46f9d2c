/**
 * Base64 (RFC 4648 §4: the standard alphabet, '=' padding) for whole messages in memory, in
 * browsers and Node alike (no Buffer, no atob). Encoding writes one line, as crypto-js's
 * `toString()` does; decoding skips white space anywhere, so the 64-character lines of
 * `openssl enc -a` read as well, and refuses anything else that is not base64.
 *
 * The CLI streams files of any size through its own chunked codec (src/cli/base64.ts), which
 * writes OpenSSL's lines and never holds a whole file as a string.
 */
import { fail } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The alphabet's character codes, digit by digit (for encoders that write bytes). */
export const BASE64_DIGITS = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** The value of each byte as a base64 digit (0 … 63); SKIP for white space, PAD for '=', BAD for the rest. */
export const SKIP = 64, PAD = 65, BAD = 66;
export const BASE64_VALUE = new Uint8Array(256).fill(BAD);
BASE64_DIGITS.forEach((code, digit) => { BASE64_VALUE[code] = digit; });
for (const c of ' \t\r\n\v\f') BASE64_VALUE[c.charCodeAt(0)] = SKIP;
BASE64_VALUE[0x3d] = PAD;

/** Bytes to base64, on one line, padded with '='. */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    line += ALPHABET[v >>> 18] + ALPHABET[(v >>> 12) & 63] + ALPHABET[(v >>> 6) & 63] + ALPHABET[v & 63];
    if (line.length >= 4096) { parts.push(line); line = ''; }
  }
  if (i < n) {                                     // 1 or 2 bytes left: pad to 4 characters
    const two = n - i === 2;
    const v = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
    line += ALPHABET[v >>> 18] + ALPHABET[(v >>> 12) & 63] + (two ? ALPHABET[(v >>> 6) & 63] : '=') + '=';
  }
  parts.push(line);
  return parts.join('');
}

/**
 * Base64 text (a string, or its ASCII bytes as read from a file) to bytes. White space is
 * skipped; '=' padding is optional at the end; any other character, a lone digit, or text after
 * the padding is a DesError (ERR_INVALID_ARG_VALUE) naming `what`.
 */
export function base64ToBytes(text: string | Uint8Array, what: string): Uint8Array {
  const length = text.length;
  const out = new Uint8Array(Math.floor((length * 3) / 4) + 3);
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
  let o = 0, quad = 0, digits = 0, padding = 0;
  for (let i = 0; i < length; i++) {
    const code = at(i);
    const v = code < 256 ? BASE64_VALUE[code] : BAD;
    if (v === SKIP) continue;
    if (v < 64 && padding === 0) {
      quad = (quad << 6) | v;
      if (++digits === 4) {
        out[o++] = quad >>> 16; out[o++] = (quad >>> 8) & 0xff; out[o++] = quad & 0xff;
        quad = 0; digits = 0;
      }
    } else if (v === PAD && (digits >= 2 || padding > 0) && digits + padding < 4) {
      padding++;
    } else {
      throw fail('ERR_INVALID_ARG_VALUE', `${what}: not base64 (character ${i + 1} is ${JSON.stringify(String.fromCharCode(code))})`);
    }
  }
  if (digits === 1) throw fail('ERR_INVALID_ARG_VALUE', `${what}: not base64 (it ends in a lone digit: truncated?)`);
  // "xx" or "xx==" carries one byte, "xxx" or "xxx=" two; the bits of the missing digits are zero.
  if (digits === 2) out[o++] = (quad >>> 4) & 0xff;
  else if (digits === 3) { out[o++] = (quad >>> 10) & 0xff; out[o++] = (quad >>> 2) & 0xff; }
  return out.slice(0, o);
}

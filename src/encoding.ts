/**
 * String encodings for the node:crypto-style API, without Node's Buffer so that the core runs in
 * browsers, giving exactly the bytes and strings node:crypto gives (Node 20's StringBytes and
 * StringDecoder, followed rule for rule; test/encoding.test.ts compares them on arbitrary strings
 * and call splits):
 *
 *   hex                pairs of hex digits; stops at the first pair that is not hex
 *   base64, base64url  one decoder for both alphabets; characters outside them are skipped, and
 *                      decoding stops at the first '=' (so 'QQ==QQ==' is one byte)
 *   latin1 / binary, ascii   one byte per UTF-16 code unit: its low 8 bits
 *   utf16le / ucs2     two bytes per UTF-16 code unit, little-endian
 *   utf8 / utf-8       UTF-8, a lone surrogate becoming U+FFFD
 *
 * hex and base64 read each UTF-16 code unit by its low 8 bits too, as Node does.
 */
import { bytesToHex, bytesOrNull, describe } from './bytes.js';
import { fail } from './errors.js';

export type NormalEncoding = 'hex' | 'base64' | 'base64url' | 'latin1' | 'ascii' | 'utf8' | 'utf16le';

const NAMES: Record<string, NormalEncoding> = {
  hex: 'hex', base64: 'base64', base64url: 'base64url', latin1: 'latin1', binary: 'latin1', ascii: 'ascii',
  utf8: 'utf8', 'utf-8': 'utf8', utf16le: 'utf16le', 'utf-16le': 'utf16le', ucs2: 'utf16le', 'ucs-2': 'utf16le',
};

/** Node's name for an encoding (case-insensitive), or ERR_UNKNOWN_ENCODING; a non-string is ERR_INVALID_ARG_TYPE. */
export function normalizeEncoding(encoding: unknown, name = 'encoding'): NormalEncoding {
  if (typeof encoding !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `${name}: expected a string, got ${describe(encoding)}`);
  const normal = NAMES[encoding.toLowerCase()];
  if (normal === undefined || !Object.prototype.hasOwnProperty.call(NAMES, encoding.toLowerCase())) {
    throw fail('ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding.length > 40 ? encoding.slice(0, 40) + '…' : encoding}`);
  }
  return normal;
}

/** Turns strings into bytes and bytes into strings for one cipher object; node.ts has Node's own. */
export interface Codec {
  /** The bytes of `s` in `encoding` (already normalized; hex of even length). */
  decode(s: string, encoding: NormalEncoding): Uint8Array;
  /** A decoder that keeps a character split across calls for the next one (StringDecoder). */
  decoder(encoding: NormalEncoding): OutputDecoder;
}
export interface OutputDecoder {
  write(bytes: Uint8Array): string;
  end(bytes: Uint8Array): string;
}

/**
 * data as update() takes it: a string (decoded with `encoding`, default utf8) or any view of
 * bytes (the encoding then ignored, as node:crypto does).
 */
export function decodeInput(data: unknown, encoding: unknown, codec: Codec = portableCodec, name = 'data'): Uint8Array {
  if (typeof data === 'string') {
    const normal = encoding === undefined || encoding === null ? 'utf8' : normalizeEncoding(encoding, 'inputEncoding');
    // node:crypto refuses hex of odd length outright (its decoder would drop the last digit).
    if (normal === 'hex' && data.length % 2 !== 0) {
      throw fail('ERR_INVALID_ARG_VALUE', `The argument 'encoding' is invalid for data of length ${data.length}. Received 'hex'`);
    }
    return codec.decode(data, normal);
  }
  const bytes = bytesOrNull(data, name);
  if (bytes === null) {
    throw fail('ERR_INVALID_ARG_TYPE',
      `The "${name}" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${describe(data)}`);
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Decoding strings (Node's StringBytes::Write)

const HEX_VALUE = new Int8Array(256).fill(-1);
const BASE64_VALUE = new Int8Array(256).fill(-1);
'0123456789abcdef'.split('').forEach((c, i) => { HEX_VALUE[c.charCodeAt(0)] = i; HEX_VALUE[c.toUpperCase().charCodeAt(0)] = i; });
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => { BASE64_VALUE[c.charCodeAt(0)] = i; });
BASE64_VALUE['-'.charCodeAt(0)] = 62;
BASE64_VALUE['_'.charCodeAt(0)] = 63;

function decodeHex(s: string): Uint8Array {
  const out = new Uint8Array(s.length >> 1);
  let n = 0;
  for (; n < out.length; n++) {
    const hi = HEX_VALUE[s.charCodeAt(2 * n) & 0xff], lo = HEX_VALUE[s.charCodeAt(2 * n + 1) & 0xff];
    if (hi < 0 || lo < 0) break;
    out[n] = (hi << 4) | lo;
  }
  return n === out.length ? out : out.slice(0, n);
}

/**
 * Node's base64 decoder: the output is at most the size the string's length promises (less one
 * or two trailing '='); characters outside the alphabet are skipped; an '=' ends decoding.
 */
function decodeBase64(s: string): Uint8Array {
  let size = s.length;
  if (size >= 2 && s.charCodeAt(size - 1) === 0x3d) { size--; if (s.charCodeAt(size - 1) === 0x3d) size--; }
  const capacity = s.length < 2 || size < 2 ? 0 : Math.floor(size / 4) * 3 + Math.floor(((size % 4) + 1) / 2);
  const out = new Uint8Array(capacity);
  let k = 0, i = 0, bits = 0, have = 0;
  while (i < s.length && k < capacity) {
    const c = s.charCodeAt(i++) & 0xff;
    const v = BASE64_VALUE[c];
    if (v < 0) {
      if (c === 0x3d) break;
      continue;
    }
    bits = (bits << 6) | v;
    have += 6;
    if (have >= 8) {
      have -= 8;
      out[k++] = (bits >> have) & 0xff;
    }
  }
  return k === capacity ? out : out.slice(0, k);
}

function decodeLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);   // Uint8Array keeps the low 8 bits
  return out;
}

function decodeUtf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); out[2 * i] = c; out[2 * i + 1] = c >> 8; }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encoding bytes (Node's StringDecoder: what it holds back between calls, and what it flushes)

function encodeLatin1(bytes: Uint8Array, mask: number): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x2000) {
    s += String.fromCharCode(...(mask === 0xff ? bytes.subarray(i, i + 0x2000) : bytes.subarray(i, i + 0x2000).map((b) => b & mask)));
  }
  return s;
}

function encodeBase64(bytes: Uint8Array, url: boolean): string {
  const b64 = btoa(encodeLatin1(bytes, 0xff));
  return url ? b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : b64;
}

function encodeUtf16le(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return s;
}

const UTF8 = new TextDecoder('utf-8');

function bytesToString(bytes: Uint8Array, encoding: NormalEncoding): string {
  switch (encoding) {
    case 'hex': return bytesToHex(bytes);
    case 'base64': return encodeBase64(bytes, false);
    case 'base64url': return encodeBase64(bytes, true);
    case 'latin1': return encodeLatin1(bytes, 0xff);
    case 'ascii': return encodeLatin1(bytes, 0x7f);
    case 'utf16le': return encodeUtf16le(bytes);
    case 'utf8': return UTF8.decode(bytes);
  }
}

/**
 * StringDecoder's rules: for utf8, an incomplete character at the end of a chunk (judged by its
 * lead byte) waits for the bytes it lacks, and a byte that is not a continuation ends the wait;
 * for utf16le an odd byte or a high surrogate waits; for base64 the bytes short of a group of 3.
 */
class PortableDecoder implements OutputDecoder {
  private held = new Uint8Array(4);
  private heldLength = 0;
  private missing = 0;

  constructor(private readonly encoding: NormalEncoding) {}

  write(input: Uint8Array): string {
    const e = this.encoding;
    if (e === 'hex' || e === 'latin1' || e === 'ascii') return bytesToString(input, e);
    let data = input;
    let prepend = '';
    if (this.missing > 0) {
      if (e === 'utf8') {
        for (let i = 0; i < data.length && i < this.missing; i++) {
          if ((data[i] & 0xc0) !== 0x80) {
            // Not the continuation the held character needs: it ends here, and this byte starts anew.
            this.missing = 0;
            this.held.set(data.subarray(0, i), this.heldLength);
            this.heldLength += i;
            data = data.subarray(i);
            break;
          }
        }
      }
      const found = Math.min(data.length, this.missing);
      this.held.set(data.subarray(0, found), this.heldLength);
      data = data.subarray(found);
      this.missing -= found;
      this.heldLength += found;
      if (this.missing === 0) {
        prepend = bytesToString(this.held.subarray(0, this.heldLength), e);
        this.heldLength = 0;
      }
    }
    if (data.length === 0) return prepend;
    let keep = 0;
    const n = data.length;
    if (e === 'utf8' && (data[n - 1] & 0x80) !== 0) {
      for (let i = n - 1; ; i--) {
        keep++;
        if ((data[i] & 0xc0) === 0x80) {
          if (keep >= 4 || i === 0) { keep = 0; break; }
        } else {
          const want = (data[i] & 0xe0) === 0xc0 ? 2 : (data[i] & 0xf0) === 0xe0 ? 3 : (data[i] & 0xf8) === 0xf0 ? 4 : 0;
          if (want === 0 || keep >= want) { keep = 0; break; }
          this.missing = want - keep;
          break;
        }
      }
    } else if (e === 'utf16le') {
      if (n % 2 === 1) { keep = 1; this.missing = 1; }
      else if ((data[n - 1] & 0xfc) === 0xd8) { keep = 2; this.missing = 2; }
    } else if (e === 'base64' || e === 'base64url') {
      keep = n % 3;
      if (keep > 0) this.missing = 3 - keep;
    }
    if (keep > 0) {
      this.held.set(data.subarray(n - keep));
      this.heldLength = keep;
    }
    return prepend + (n - keep > 0 ? bytesToString(data.subarray(0, n - keep), e) : '');
  }

  end(input: Uint8Array): string {
    let out = input.length > 0 ? this.write(input) : '';
    if (this.encoding === 'utf16le' && this.heldLength % 2 === 1) this.heldLength--;   // a lone trailing byte is dropped
    if (this.heldLength > 0) out += bytesToString(this.held.subarray(0, this.heldLength), this.encoding);
    this.held.fill(0);
    this.heldLength = 0;
    this.missing = 0;
    return out;
  }
}

export const portableCodec: Codec = {
  decode(s, encoding) {
    switch (encoding) {
      case 'hex': return decodeHex(s);
      case 'base64': case 'base64url': return decodeBase64(s);
      case 'latin1': case 'ascii': return decodeLatin1(s);
      case 'utf16le': return decodeUtf16le(s);
      case 'utf8': return new TextEncoder().encode(s);
    }
  },
  decoder: (encoding) => new PortableDecoder(encoding),
};

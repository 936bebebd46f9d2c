/**
 * String encodings for the node:crypto-style API, without Node's Buffer so the core runs in
 * browsers: Node's names and behaviour for hex, base64, base64url, latin1/binary, utf8, ascii
 * and utf16le/ucs2.
 */
import { bytesToHex, describe, hexToBytes } from './bytes.js';
import { fail } from './errors.js';

export type Encoding =
  | 'hex' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'utf8' | 'utf-8' | 'ascii'
  | 'utf16le' | 'utf-16le' | 'ucs2' | 'ucs-2';

const ENCODINGS = new Set(['hex', 'base64', 'base64url', 'latin1', 'binary', 'utf8', 'utf-8', 'ascii',
  'utf16le', 'utf-16le', 'ucs2', 'ucs-2']);

function normalize(encoding: string): string {
  const e = encoding.toLowerCase();
  if (!ENCODINGS.has(e)) throw fail('ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
  if (e === 'binary') return 'latin1';
  if (e === 'utf-8') return 'utf8';
  if (e === 'ucs2' || e === 'ucs-2' || e === 'utf-16le') return 'utf16le';
  return e;
}

/** A string (with its encoding, default utf8) or bytes in; bytes out. */
export function decodeInput(data: unknown, encoding: string | undefined, name = 'data'): Uint8Array {
  if (typeof data === 'string') return stringToBytes(data, encoding ?? 'utf8');
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw fail('ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${describe(data)}`);
}

export function stringToBytes(s: string, encoding: string): Uint8Array {
  switch (normalize(encoding)) {
    case 'hex': {
      // Node refuses an odd length outright, and stops at the first pair that is not hex.
      if (s.length % 2 !== 0) throw fail('ERR_INVALID_ARG_VALUE', `The argument 'encoding' is invalid for data of length ${s.length}. Received 'hex'`);
      const valid = /^(?:[0-9a-fA-F]{2})*/.exec(s)![0];
      return hexToBytes(valid);
    }
    case 'base64': case 'base64url': {
      const clean = s.replace(/[^A-Za-z0-9+/\-_]/g, '').replace(/-/g, '+').replace(/_/g, '/');
      const padded = clean.length % 4 === 1 ? clean.slice(0, -1) : clean;
      const bin = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
      return Uint8Array.from(bin, (c) => c.charCodeAt(0));
    }
    case 'latin1': case 'ascii':
      return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
    case 'utf16le': {
      const out = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); out[2 * i] = c & 0xff; out[2 * i + 1] = c >> 8; }
      return out;
    }
    default:
      return new TextEncoder().encode(s);
  }
}

/**
 * Turns output bytes into strings across several update() calls, keeping the bytes of a character
 * (utf8, utf16le) or of a base64 group that straddles two calls for the next one, as Node does.
 */
export class OutputEncoder {
  private readonly encoding: string;
  private carry = new Uint8Array(0);
  private readonly utf8?: TextDecoder;

  constructor(encoding: string) {
    this.encoding = normalize(encoding);
    if (this.encoding === 'utf8') this.utf8 = new TextDecoder('utf-8');
  }

  write(bytes: Uint8Array, last = false): string {
    if (this.utf8) return this.utf8.decode(bytes, { stream: !last });
    let all = bytes;
    if (this.carry.length > 0) {
      all = new Uint8Array(this.carry.length + bytes.length);
      all.set(this.carry);
      all.set(bytes, this.carry.length);
    }
    const unit = this.encoding === 'base64' || this.encoding === 'base64url' ? 3 : this.encoding === 'utf16le' ? 2 : 1;
    const keep = last ? 0 : all.length % unit;
    this.carry = all.slice(all.length - keep);
    return bytesToString(all.subarray(0, all.length - keep), this.encoding);
  }
}

function bytesToString(bytes: Uint8Array, encoding: string): string {
  switch (encoding) {
    case 'hex': return bytesToHex(bytes);
    case 'base64': case 'base64url': {
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const b64 = btoa(bin);
      return encoding === 'base64' ? b64 : b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }
    case 'latin1': { let s = ''; for (const b of bytes) s += String.fromCharCode(b); return s; }
    case 'ascii': { let s = ''; for (const b of bytes) s += String.fromCharCode(b & 0x7f); return s; }
    case 'utf16le': { let s = ''; for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8)); return s; }
    default: throw fail('ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
  }
}

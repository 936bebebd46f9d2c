/**
 * Hex on the command line's output, upper case. A key is built byte by byte into a buffer of our
 * own (hexLine), so that no JavaScript string ever holds it, and that buffer is wiped once
 * written; values that are not secrets (MACs, cryptograms, PIN blocks, check values) are
 * ordinary strings (upperHex, printHex).
 */
import { bytesToHex } from '../node.js';

const DIGITS = '0123456789ABCDEF';

/** A key as upper-case hex and a newline, in a buffer the caller wipes. */
export function hexLine(key: Uint8Array): Buffer {
  const out = Buffer.alloc(2 * key.length + 1);
  key.forEach((b, i) => { out[2 * i] = DIGITS.charCodeAt(b >> 4); out[2 * i + 1] = DIGITS.charCodeAt(b & 15); });
  out[out.length - 1] = 0x0a;
  return out;
}

/** A key printed on stdout as hexLine makes it; our buffer is wiped after (the stream gets a copy it owns). */
export function writeHexLine(key: Uint8Array): void {
  const out = hexLine(key);
  try {
    process.stdout.write(Uint8Array.from(out));
  } finally {
    out.fill(0);
  }
}

/** Upper-case hex of a value that is not a secret. */
export const upperHex = (bytes: Uint8Array): string => bytesToHex(bytes).toUpperCase();

/** A value that is not a secret, as an upper-case hex line on stdout. */
export function printHex(bytes: Uint8Array): void {
  process.stdout.write(upperHex(bytes) + '\n');
}

/**
 * VNC Authentication (RFB protocol 3.3 / 3.7 / 3.8, security type 2), for connecting to VNC
 * servers that still use it:
 *
 *   1. key = the first 8 bytes of the password (UTF-8 here), zero-padded to 8, with the bits of
 *      every byte reversed: RFB's DES (from an old d3des.c) reads key bytes least significant bit
 *      first, so a standard DES needs each byte mirrored to get the same key.
 *   2. response = DES-ECB(key, challenge[0..7]) ‖ DES-ECB(key, challenge[8..15]).
 *
 * Passwords longer than 8 bytes are truncated, as every RFB server and viewer does.
 */
import { utf8ToBytes } from '../api.js';
import { wipe } from '../bytes.js';
import { ecb } from '../subpath/blocks.js';
import { bytesOf } from './input.js';
import { text } from '../subpath/fields.js';

/** A byte with its bits in the opposite order (bit 7 ↔ bit 0, 6 ↔ 1, …). */
function reverseBits(byte: number): number {
  let out = 0;
  for (let i = 0; i < 8; i++) out |= ((byte >> i) & 1) << (7 - i);
  return out;
}

/** The 16-byte response to a server's 16-byte challenge. */
function response(password: string, challenge: Uint8Array): Uint8Array {
  const utf8 = utf8ToBytes(text(password, 'password', 'ERR_LEGACY_INPUT'));
  const block = bytesOf(challenge, 'challenge', 16);
  const key = new Uint8Array(8);
  for (let i = 0; i < 8 && i < utf8.length; i++) key[i] = reverseBits(utf8[i]);
  try {
    const out = new Uint8Array(16);
    out.set(ecb(key, 'encrypt', block.subarray(0, 8)), 0);
    out.set(ecb(key, 'encrypt', block.subarray(8, 16)), 8);
    return out;
  } finally {
    wipe(utf8, key);
  }
}

/** VNC Authentication (RFB §7.2.2). */
export const vnc = { response };

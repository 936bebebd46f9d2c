/**
 * Kerberos DES string-to-key, mit_des_string_to_key (RFC 3961 §6.2; test values in Appendix A.2),
 * to read DES keys in old keytabs and databases. The des-cbc-crc, des-cbc-md4 and des-cbc-md5
 * enctypes are deprecated (RFC 6649).
 *
 *   1. s = UTF-8(password) ‖ UTF-8(salt), zero-padded to a multiple of 8 bytes.
 *   2. Fan-fold: for each 8-byte block take its 56 low bits (seven per byte), reverse the bit
 *      string of every second block, and XOR them all together.
 *   3. tempkey = key_correction(the 56 bits spread into 8 bytes with parity).
 *   4. key = key_correction(DES-CBC-MAC of s under tempkey with IV tempkey).
 *   key_correction: set odd parity; if the key is weak or semi-weak, XOR it with 00000000000000F0.
 */
import { checkKey, fixParity, utf8ToBytes } from '../api.js';
import { concatBytes, wipe } from '../bytes.js';
import { cbc, lastBlock } from '../subpath/blocks.js';
import { spreadKey } from './desl.js';
import { text } from '../subpath/fields.js';

/** Odd parity, then the RFC 3961 weak-key correction. */
function keyCorrection(key: Uint8Array): Uint8Array {
  const fixed = fixParity(key);
  const report = checkKey(fixed);
  if (report.weak || report.semiWeak) fixed[7] ^= 0xf0;
  return fixed;
}

/** The 56 low bits of an 8-byte block, most significant first, reversed if asked (step 2). */
function foldBits(block: Uint8Array, reversed: boolean): number[] {
  const bits: number[] = [];
  for (const byte of block) for (let i = 6; i >= 0; i--) bits.push((byte >> i) & 1);
  return reversed ? bits.reverse() : bits;
}

/** mit_des_string_to_key: the 8-byte DES key for a password and salt (a realm and principal). */
function desStringToKey(password: string, salt: string): Uint8Array {
  const pw = utf8ToBytes(text(password, 'password', 'ERR_LEGACY_INPUT'));
  const sb = utf8ToBytes(text(salt, 'salt', 'ERR_LEGACY_INPUT'));
  const joined = concatBytes([pw, sb]);
  const s = new Uint8Array(Math.ceil(joined.length / 8) * 8);              // 1. pad with zeros
  s.set(joined);
  const folded: number[] = new Array(56).fill(0);
  const seven = new Uint8Array(7);
  const secrets: Uint8Array[] = [pw, sb, joined, s, seven];
  try {
    for (let b = 0; b < s.length / 8; b++) {                               // 2. fan-fold
      const bits = foldBits(s.subarray(8 * b, 8 * b + 8), b % 2 === 1);
      for (let i = 0; i < 56; i++) folded[i] ^= bits[i];
      bits.fill(0);
    }
    for (let i = 0; i < 56; i++) seven[i >> 3] |= folded[i] << (7 - (i & 7));
    const spread = spreadKey(seven);
    const tempKey = keyCorrection(spread);                                 // 3.
    secrets.push(spread, tempKey);
    const blocks = cbc(tempKey, tempKey, 'encrypt', s);                     // 4. CBC-MAC, IV = key
    secrets.push(blocks);
    return keyCorrection(blocks.length ? lastBlock(blocks) : tempKey);
  } finally {
    folded.fill(0);
    wipe(...secrets);
  }
}

/** Kerberos DES string-to-key (RFC 3961 §6.2). */
export const kerberos = { desStringToKey };

/**
 * Block paddings for ECB and CBC, 8-byte blocks. `pad` returns the final block(s) to encrypt for a
 * tail of 0 … 7 bytes; `unpad` checks and strips the last decrypted block, or throws.
 *
 *   pkcs7     n bytes of value n, n = 1 … 8 (PKCS #5 / RFC 5652 §6.3; what OpenSSL and Node do)
 *   iso7816   0x80 then zeros, 1 … 8 bytes (ISO/IEC 7816-4; ISO/IEC 9797-1 method 2)
 *   x923      zeros then the count n, n = 1 … 8 (ANSI X9.23)
 *   iso10126  random bytes then the count n, n = 1 … 8 (ISO 10126; withdrawn, kept for old data)
 *   zero      zeros up to the block boundary, none when the data is already aligned; unpadding
 *             strips trailing zeros of the last block, so data that ends in 0x00 cannot round-trip
 *   none      nothing: the data must already be a whole number of blocks
 */
import { fail } from './errors.js';
import { randomBytes, showValue } from './bytes.js';

export const PADDINGS = Object.freeze(['pkcs7', 'none', 'zero', 'iso7816', 'x923', 'iso10126'] as const);
export type Padding = (typeof PADDINGS)[number];

export const BLOCK = 8;

export function checkPadding(value: unknown): Padding {
  if (value === undefined) return 'pkcs7';
  if (typeof value === 'string' && (PADDINGS as readonly string[]).includes(value)) return value as Padding;
  throw fail('ERR_INVALID_ARG_VALUE', `padding: expected one of ${PADDINGS.join(', ')}, got ${showValue(value)}`);
}

/**
 * True when the padding adds bytes even to data that is already a whole number of blocks, so that
 * the last block always holds padding (and an empty ciphertext is never valid). 'none' and 'zero'
 * add nothing then.
 */
export function padsAlignedData(padding: Padding): boolean {
  return padding !== 'none' && padding !== 'zero';
}

/** How many bytes the padded message takes: a whole number of blocks. */
export function paddedLength(length: number, padding: Padding): number {
  const whole = length - (length % BLOCK);
  return length === whole && !padsAlignedData(padding) ? length : whole + BLOCK;
}

/**
 * Write the padding into `buffer` after `length` message bytes that start at `start`, up to
 * start + paddedLength(length). The bytes there must be zero (a fresh buffer).
 */
export function padInto(buffer: Uint8Array, start: number, length: number, padding: Padding): void {
  const end = start + paddedLength(length, padding);
  const at = start + length;
  const n = end - at;                               // 1 … 8, or 0 for zero/none when aligned
  switch (padding) {
    case 'none': if (n !== 0) throw wrongLength(); break;
    case 'zero': break;                             // the buffer is already zero
    case 'pkcs7': buffer.fill(n, at, end); break;
    case 'iso7816': buffer[at] = 0x80; break;
    case 'x923': buffer[end - 1] = n; break;
    case 'iso10126': buffer.set(randomBytes(n - 1), at); buffer[end - 1] = n; break;
  }
}

/** The padded final block(s) for a tail of `tail.length` (0 … 7) bytes. */
export function pad(tail: Uint8Array, padding: Padding): Uint8Array {
  const out = new Uint8Array(paddedLength(tail.length, padding));
  out.set(tail);
  padInto(out, 0, tail.length, padding);
  return out;
}

/**
 * How many plaintext bytes the last decrypted block holds (0 … 8), or throw bad decrypt.
 * The PKCS#7 check looks at all eight bytes whatever their values, without early exit, so its time
 * does not tell an attacker where the padding went wrong (a padding oracle needs that signal).
 */
export function unpaddedLength(last: Uint8Array, padding: Padding): number {
  switch (padding) {
    case 'none': return BLOCK;
    case 'pkcs7': {
      const n = last[BLOCK - 1];
      let bad = ((n - 1) >>> 8) | ((BLOCK - n) >>> 31);          // n = 0 or n > 8
      for (let i = 0; i < BLOCK; i++) {
        const inPadding = ((BLOCK - 1 - i - n) >>> 31) & 1;     // 1 when i ≥ 8 - n
        bad |= inPadding * (last[i] ^ n);
      }
      if (bad !== 0) throw badDecrypt();
      return BLOCK - n;
    }
    case 'x923': case 'iso10126': {
      const n = last[BLOCK - 1];
      if (n < 1 || n > BLOCK) throw badDecrypt();
      if (padding === 'x923') for (let i = BLOCK - n; i < BLOCK - 1; i++) if (last[i] !== 0) throw badDecrypt();
      return BLOCK - n;
    }
    case 'iso7816': {
      let i = BLOCK - 1;
      while (i >= 0 && last[i] === 0) i--;
      if (i < 0 || last[i] !== 0x80) throw badDecrypt();
      return i;
    }
    case 'zero': {
      let i = BLOCK;
      while (i > 0 && last[i - 1] === 0) i--;
      return i;
    }
  }
}

export function badDecrypt() {
  return fail('ERR_OSSL_BAD_DECRYPT', 'bad decrypt: the padding is wrong (wrong key or IV, or corrupted data)');
}

export function wrongLength() {
  return fail('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'wrong final block length: the data is not a whole number of 8-byte blocks, which decryption and unpadded encryption need');
}

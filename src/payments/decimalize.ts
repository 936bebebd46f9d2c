/**
 * Turning the hex digits of a cipher output into decimal digits, the two ways card payments do it.
 *
 *   digitsThenLetters   Visa CVV / CVC, Visa PVV and EMV option B (EMV Book 2 A1.4.2): take the
 *                       decimal digits 0-9 from left to right; if there are too few, go over the
 *                       string again and take the letters A-F from left to right as 0-5
 *                       (A → 0 … F → 5, i.e. the digit's value minus 10).
 *   byTable             IBM 3624: every hex digit h becomes table[h], table being 16 decimal digits.
 */

const HEX = '0123456789ABCDEF';

/** The first `count` decimal digits of `hex` (upper-case hex digits), letters A-F after the digits. */
export function digitsThenLetters(hex: string, count: number): string {
  let out = '';
  for (const c of hex) {
    if (out.length === count) return out;
    if (c <= '9') out += c;
  }
  for (const c of hex) {
    if (out.length === count) return out;
    if (c > '9') out += String(HEX.indexOf(c) - 10);
  }
  return out;
}

/** Every hex digit of `hex` through a 16-digit decimalization table. */
export function byTable(hex: string, table: string): string {
  let out = '';
  for (const c of hex) out += table[HEX.indexOf(c)];
  return out;
}

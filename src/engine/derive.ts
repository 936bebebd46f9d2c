/**
 * The fast forms of FIPS 46-3's tables that the WebAssembly engine uses, derived here from the
 * tables as the standard prints them (../fips46.ts), so the engine holds no second copy of them.
 */
import { P, PC1, PC2, S, SHIFTS } from '../fips46.js';

/** Rotate a 32-bit word left by n. */
function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/**
 * SP tables: for S-box i (0 … 7) and 6-bit input x (b1 the most significant), the 32-bit value
 * P(S_i(x)) — the S-box's four output bits put at positions 4i+1 … 4i+4 of the 32-bit word
 * (1-based from the most significant end), then passed through P — rotated left by one bit,
 * because the engine keeps both halves rotated left by one (see halfRound in assembly/index.ts).
 */
export function spTables(): Uint32Array {
  const out = new Uint32Array(8 * 64);
  for (let box = 0; box < 8; box++) {
    for (let x = 0; x < 64; x++) {
      const row = ((x >> 4) & 2) | (x & 1);            // b1 b6
      const column = (x >> 1) & 0xf;                   // b2 b3 b4 b5
      const value = S[box][row][column];
      // The S-box output as 32 bits before P: bit 4·box + 1 … 4·box + 4 (1-based, from the MSB).
      const before = (value << (28 - 4 * box)) >>> 0;
      // P: output bit j (1-based) is input bit P[j-1].
      let after = 0;
      for (let j = 0; j < 32; j++) after |= ((before >>> (32 - P[j])) & 1) << (31 - j);
      out[box * 64 + x] = rotl(after >>> 0, 1);
    }
  }
  return out;
}

/** PC-1, PC-2 and the shift schedule as bytes, in the standard's order (the engine reads them bit by bit). */
export function keyScheduleTables(): { pc1: Uint8Array; pc2: Uint8Array; shifts: Uint8Array } {
  return { pc1: Uint8Array.from(PC1), pc2: Uint8Array.from(PC2), shifts: Uint8Array.from(SHIFTS) };
}

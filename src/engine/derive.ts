/**
 * The fast forms of FIPS 46-3's tables that the WebAssembly engine uses, derived here from the
 * tables as the standard prints them (../fips46.ts), so the engine holds no second copy of them.
 *
 * They are derived at build time: scripts/build-wasm.mjs runs engineTables() and writes each table
 * into the module's data segment at the offset the module exports for it, so a fresh instance
 * starts with its tables in place and nothing is derived or copied at start-up. Tests check these
 * functions against the standard's tables, and the module's memory against these functions.
 */
import { E, IP, IP_INVERSE, P, PC1, PC2, S, SHIFTS } from '../fips46.js';

/** Rotate a 32-bit word left by n. */
function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/**
 * SP tables: for S-box i (0 … 7) and 6-bit input x (b1 the most significant), the 32-bit value
 * P(S_i(x)) — the S-box's four output bits put at positions 4i+1 … 4i+4 of the 32-bit word
 * (1-based from the most significant end), then passed through P — rotated left by three bits,
 * because the engine keeps both halves rotated left by three (see halfRound in assembly/index.ts).
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
      out[box * 64 + x] = rotl(after >>> 0, 3);
    }
  }
  return out;
}

/** PC-1, PC-2 and the shift schedule as bytes, in the standard's order (the engine reads them bit by bit). */
export function keyScheduleTables(): { pc1: Uint8Array; pc2: Uint8Array; shifts: Uint8Array } {
  return { pc1: Uint8Array.from(PC1), pc2: Uint8Array.from(PC2), shifts: Uint8Array.from(SHIFTS) };
}

/**
 * Index tables for the bitsliced engine (assembly/bitslice.ts), where the slices hold one DES bit
 * of every block each and a permutation is a choice of slices. The engine transposes the blocks as
 * they lie in memory, read as little-endian words (no byte swap per block): DES bit n, bit
 * 7 - (n-1) % 8 of byte (n-1) / 8, is then bit 63 - ((n-1) XOR 56) of the word, so it lands in slice
 * (n-1) XOR 56, and output bit n goes back to the slot of that number. After IP, L bit k (1-based) is block
 * bit IP[k-1] and R bit k is block bit IP[31+k], and the rounds update those slices in place, so:
 *   - a round reading R feeds S-box input 6i+m from R bit E[6i+m], i.e. slice IP[31+E[6i+m]] - 1,
 *     and XORs S-box output bit 4i+k (pre-P bit b = 4i+k+1) into L bit j where P[j-1] = b;
 *   - a round reading L is the same with the halves exchanged;
 *   - after an even number of rounds R16 and L16 sit in R's and L's slices, so output bit j of
 *     IP⁻¹(R16L16) comes from R bit b (b = IP⁻¹[j-1] ≤ 32) or L bit b - 32.
 * The entries are byte offsets of slices (16 bytes each): two round tables of 48 inputs and 32
 * outputs, then the 64-entry final table, as u16.
 */
export function bitsliceIndex(): Uint16Array {
  const slot = (bit1: number) => (bit1 - 1) ^ 56;            // slice of DES bit bit1 (1-based)
  const slice = (bit1: number) => slot(bit1) * 16;
  const lSlice = (k: number) => slice(IP[k - 1]);           // L bit k, 1-based
  const rSlice = (k: number) => slice(IP[31 + k]);          // R bit k, 1-based
  const pInverse = (b: number) => P.indexOf(b) + 1;         // the output position of pre-P bit b
  const out = new Uint16Array(80 + 80 + 64);
  const roundTable = (offset: number, read: (k: number) => number, write: (k: number) => number) => {
    for (let i = 0; i < 48; i++) out[offset + i] = read(E[i]);
    for (let b = 1; b <= 32; b++) out[offset + 48 + b - 1] = write(pInverse(b));
  };
  roundTable(0, rSlice, lSlice);
  roundTable(80, lSlice, rSlice);
  for (let j = 1; j <= 64; j++) {
    const b = IP_INVERSE[j - 1];
    out[160 + slot(j)] = b <= 32 ? rSlice(b) : lSlice(b - 32);
  }
  return out;
}

/**
 * Tables for the fast key schedule (expandOneFast in assembly/index.ts). PC-1 and PC-2 only move
 * bits, so each is the OR of what it does to each input bit alone:
 *   pc1Bytes[i·256 + v]  = C‖D (C in the high 32 bits, D in the low, 28 bits each) for a key whose
 *                          byte i is v and whose other bytes are 0;
 *   pc2Pieces[p·128 + v] = the round key, packed as the engine stores it (k1 in the high 32 bits,
 *                          k0 = B2 B4 B6 B8 in the low, one 6-bit chunk per byte, the first chunk
 *                          in the top byte), for a CnDn whose 7-bit piece p (C's four pieces from
 *                          the top, then D's) is v and whose other bits are 0.
 * Each entry is built from the entry without its lowest set bit, plus that bit's contribution.
 */
export function keyScheduleLookups(): { pc1Bytes: BigUint64Array; pc2Pieces: BigUint64Array } {
  // Where key bit q (0 … 63, from the most significant end) lands in C‖D, as [high word, low word].
  const pc1Bit = (q: number): [number, number] => {
    const j = PC1.indexOf(q + 1);                          // -1 for the parity bits, which PC-1 drops
    if (j < 0) return [0, 0];
    return j < 28 ? [(1 << (27 - j)) >>> 0, 0] : [0, (1 << (55 - j)) >>> 0];
  };
  // Where bit n (0 … 55) of CnDn lands in the packed round key, as [k1, k0].
  const pc2Bit = (n: number): [number, number] => {
    const j = PC2.indexOf(n + 1);                          // -1 for the 8 bits PC-2 drops
    if (j < 0) return [0, 0];
    const chunk = Math.floor(j / 6), shift = 8 * (3 - (chunk >> 1)) + (5 - (j % 6));
    return chunk & 1 ? [0, (1 << shift) >>> 0] : [(1 << shift) >>> 0, 0];
  };
  const build = (pieces: number, width: number, bitOf: (n: number) => [number, number]) => {
    const bits = Array.from({ length: pieces * width }, (_, n) => bitOf(n));
    const bit = (n: number) => bits[n];
    const table = new BigUint64Array(pieces << width);
    const words = new Uint32Array(table.buffer);           // little-endian: [low, high] per entry
    for (let p = 0; p < pieces; p++) {
      for (let v = 1; v < 1 << width; v++) {
        const lowest = 31 - Math.clz32(v & -v);            // the lowest set bit of v …
        const [high, low] = bit(p * width + (width - 1 - lowest));   // … is bit (width-1-lowest) from the top
        const at = ((p << width) | v) * 2, from = ((p << width) | (v & (v - 1))) * 2;
        words[at] = words[from] | low;
        words[at + 1] = words[from + 1] | high;
      }
    }
    return table;
  };
  return { pc1Bytes: build(8, 8, pc1Bit), pc2Pieces: build(8, 7, pc2Bit) };
}

/** A table the engine reads: the export that gives its offset in the module's memory, and its bytes. */
export interface EngineTable {
  offsetExport: 'tablesOffset' | 'pc1Offset' | 'pc2Offset' | 'shiftsOffset' | 'bitsliceIndexOffset';
  bytes: Uint8Array;
}

/**
 * Every table of one build, as raw bytes: WebAssembly memory is little-endian, and so are typed
 * arrays on every platform that runs it. `bitsliced`: the build has the bitsliced engine (SIMD).
 */
export function engineTables(bitsliced: boolean): EngineTable[] {
  const raw = (table: Uint8Array | Uint16Array | Uint32Array | BigUint64Array) =>
    new Uint8Array(table.buffer, table.byteOffset, table.byteLength);
  const { pc1, pc2, shifts } = keyScheduleTables();
  // The key-schedule look-ups (24 KiB) are not here: the module derives them from PC-1 and PC-2
  // when it is instantiated (assembly/index.ts, deriveKeyLookups), which keeps the package small.
  const tables: EngineTable[] = [
    { offsetExport: 'tablesOffset', bytes: raw(spTables()) },
    { offsetExport: 'pc1Offset', bytes: pc1 },
    { offsetExport: 'pc2Offset', bytes: pc2 },
    { offsetExport: 'shiftsOffset', bytes: shifts },
  ];
  if (bitsliced) tables.push({ offsetExport: 'bitsliceIndexOffset', bytes: raw(bitsliceIndex()) });
  return tables;
}

/**
 * DES as J. Orlin Grabbe's article "The DES Algorithm Illustrated" walks through it, step by step,
 * on arrays of bits. This is the teaching layer and the oracle the fast engine is tested against;
 * it is deliberately slow and plain. Read it beside the article:
 *
 *   Step 1: Create 16 subkeys, each 48 bits long.
 *     1. Permute the 64-bit key K by PC-1 into the 56-bit K+.
 *     2. Split K+ into halves C0 and D0, 28 bits each.
 *     3. Make Cn and Dn from Cn-1 and Dn-1 by the left shifts of the schedule, n = 1 … 16.
 *     4. Permute each concatenation CnDn by PC-2 into the subkey Kn.
 *   Step 2: Encode each 64-bit block of data.
 *     1. Permute the message M by IP; split the result into L0 and R0, 32 bits each.
 *     2. Sixteen rounds: Ln = Rn-1 and Rn = Ln-1 ⊕ f(Rn-1, Kn), where
 *        f(R, K) = P(S1(B1) S2(B2) … S8(B8)) and B1 … B8 are the 6-bit pieces of K ⊕ E(R).
 *     3. Reverse the halves into R16L16 and apply IP⁻¹: that is the ciphertext.
 *
 * Decryption is Step 2 with the subkeys applied in reverse order, K16 first.
 * Standard: FIPS PUB 46-3. Tables: ./fips46.ts.
 */
import { E, IP, IP_INVERSE, P, PC1, PC2, S, SHIFTS } from './fips46.js';
import { asBytes, describe, expectLength } from './bytes.js';
import { fail } from './errors.js';

/** A string of bits, most significant first, as the article prints them: each element is 0 or 1. */
export type Bits = number[];

/** Bytes to bits, first byte first, most significant bit first (bit 1 of the standard is the MSB of byte 0). */
export function bytesToBits(bytes: Uint8Array): Bits {
  const bits: Bits = [];
  for (const byte of bytes) for (let i = 7; i >= 0; i--) bits.push((byte >> i) & 1);
  return bits;
}

/** Bits back to bytes; the bit count must be a multiple of 8. */
export function bitsToBytes(bits: Bits): Uint8Array {
  const bytes = new Uint8Array(bits.length / 8);
  bits.forEach((bit, i) => { bytes[i >> 3] |= bit << (7 - (i & 7)); });
  return bytes;
}

/** Output bit i is input bit table[i] (the tables count from 1, as FIPS 46-3 does). */
export function permute(input: Bits, table: readonly number[]): Bits {
  return table.map((position) => input[position - 1]);
}

/** Rotate left by n places (the article's "left shift": bits shifted out at the left come back at the right). */
function rotateLeft(bits: Bits, n: number): Bits {
  return [...bits.slice(n), ...bits.slice(0, n)];
}

function xor(a: Bits, b: Bits): Bits {
  return a.map((bit, i) => bit ^ b[i]);
}

/** What Step 1 produces, under the article's names. */
export interface Subkeys {
  /** K+ = PC-1(K), 56 bits. */
  kPlus: Bits;
  /** C0 … C16 and D0 … D16, 28 bits each (index n holds Cn, Dn). */
  c: Bits[];
  d: Bits[];
  /** K1 … K16, 48 bits each, at the indices the article numbers them by (k[n] is Kn; k[0] is empty: there is no K0). */
  k: Bits[];
}

/** Step 1: Create 16 subkeys, each of which is 48 bits long. */
export function createSubkeys(key: Uint8Array): Subkeys {
  const kPlus = permute(bytesToBits(key), PC1);                 // 1. K+ = PC-1(K)
  const c = [kPlus.slice(0, 28)];                               // 2. C0: left half
  const d = [kPlus.slice(28)];                                  //    D0: right half
  for (let n = 1; n <= 16; n++) {                               // 3. Cn, Dn by left shifts
    c.push(rotateLeft(c[n - 1], SHIFTS[n - 1]));
    d.push(rotateLeft(d[n - 1], SHIFTS[n - 1]));
  }
  const k: Bits[] = [[]];
  for (let n = 1; n <= 16; n++) k.push(permute([...c[n], ...d[n]], PC2)); // 4. Kn = PC-2(CnDn)
  return { kPlus, c, d, k };
}

/** One S-box: the outer bits b1 b6 pick the row, the inner bits b2 … b5 the column; the entry is 4 bits. */
export function sBox(box: number, six: Bits): Bits {
  const row = (six[0] << 1) | six[5];
  const column = (six[1] << 3) | (six[2] << 2) | (six[3] << 1) | six[4];
  const value = S[box][row][column];
  return [(value >> 3) & 1, (value >> 2) & 1, (value >> 1) & 1, value & 1];
}

/** The intermediate values of one evaluation of f, under the article's names. */
export interface FeistelTrace {
  /** E(Rn-1), 48 bits. */
  expanded: Bits;
  /** Kn ⊕ E(Rn-1) = B1 … B8, 48 bits. */
  mixed: Bits;
  /** S1(B1) … S8(B8), 32 bits. */
  substituted: Bits;
  /** f = P(S1(B1) … S8(B8)), 32 bits. */
  f: Bits;
}

/**
 * The cipher function f(R, K) = P(S1(B1) S2(B2) … S8(B8)), where B1 … B8 = K ⊕ E(R). `expansion`
 * is E unless a caller varies it: crypt(3) swaps entries of E according to its salt
 * (src/legacy/salted-des.ts).
 */
export function feistel(r: Bits, k: Bits, expansion: readonly number[] = E): FeistelTrace {
  const expanded = permute(r, expansion);
  const mixed = xor(k, expanded);
  const substituted: Bits = [];
  for (let box = 0; box < 8; box++) substituted.push(...sBox(box, mixed.slice(6 * box, 6 * box + 6)));
  return { expanded, mixed, substituted, f: permute(substituted, P) };
}

/** One round of Step 2, under the article's names. */
export interface RoundTrace extends FeistelTrace {
  /** The round number n, 1 … 16. */
  n: number;
  /** Ln = Rn-1 and Rn = Ln-1 ⊕ f(Rn-1, Kn). */
  l: Bits;
  r: Bits;
}

/** What Step 2 produces. */
export interface EncodeTrace {
  /** IP(M), 64 bits, and its halves L0, R0. */
  ip: Bits;
  l0: Bits;
  r0: Bits;
  rounds: RoundTrace[];
  /** R16L16, the halves swapped. */
  r16l16: Bits;
  /** IP⁻¹(R16L16): the output block. */
  output: Bits;
}

/** Step 2: Encode one 64-bit block; round n uses subkeys[n] (as Subkeys.k holds them; index 0 unused), and E or a salted E (see feistel). */
export function encodeBlock(message: Bits, subkeys: Bits[], expansion: readonly number[] = E): EncodeTrace {
  const ip = permute(message, IP);                              // 1. IP, then split
  let l = ip.slice(0, 32);
  let r = ip.slice(32);
  const l0 = l, r0 = r;
  const rounds: RoundTrace[] = [];
  for (let n = 1; n <= 16; n++) {                               // 2. sixteen rounds
    const step = feistel(r, subkeys[n], expansion);
    [l, r] = [r, xor(l, step.f)];                               //    Ln = Rn-1, Rn = Ln-1 ⊕ f(Rn-1, Kn)
    rounds.push({ n, ...step, l, r });
  }
  const r16l16 = [...r, ...l];                                  // 3. reverse the halves,
  return { ip, l0, r0, rounds, r16l16, output: permute(r16l16, IP_INVERSE) }; // then IP⁻¹
}

/** Everything the article prints for one key and one block. */
export interface Trace extends Subkeys, EncodeTrace {
  key: Bits;
  message: Bits;
  /** The output block as bytes (the ciphertext when encrypting). */
  result: Uint8Array;
}

/** Grabbe's whole walk for one block: Step 1 then Step 2. `decrypt` runs the subkeys K16 … K1. */
export function trace(keyIn: Uint8Array, blockIn: Uint8Array, decrypt = false): Trace {
  const key = expectLength(asBytes(keyIn, 'key'), [8], 'key');
  const block = asBytes(blockIn, 'block');
  if (block.length !== 8) throw fail('ERR_INVALID_ARG_VALUE', `block: expected Uint8Array of length 8, got length=${block.length}`);
  if (typeof decrypt !== 'boolean') throw fail('ERR_INVALID_ARG_TYPE', `decrypt: expected true or false, got ${describe(decrypt)}`);
  const subkeys = createSubkeys(key);
  const order = decrypt ? [[], ...subkeys.k.slice(1).reverse()] : subkeys.k;   // round n uses order[n]
  const message = bytesToBits(block);
  const encoded = encodeBlock(message, order);
  return { key: bytesToBits(key), message, ...subkeys, ...encoded, result: bitsToBytes(encoded.output) };
}

/** Single-DES encryption of one 8-byte block by the reference walk. */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return trace(key, block).result;
}

/** Single-DES decryption of one 8-byte block by the reference walk. */
export function desDecryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return trace(key, block, true).result;
}

/** Print bits as the article does: in groups of `group` separated by spaces. */
export function formatBits(bits: Bits, group: number): string {
  const parts: string[] = [];
  for (let i = 0; i < bits.length; i += group) parts.push(bits.slice(i, i + group).join(''));
  return parts.join(' ');
}

/** Bits as lower-case hex (the bit count must be a multiple of 4). */
export function bitsToHex(bits: Bits): string {
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) {
    hex += ((bits[i] << 3) | (bits[i + 1] << 2) | (bits[i + 2] << 1) | bits[i + 3]).toString(16);
  }
  return hex;
}

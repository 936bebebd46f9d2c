/**
 * The DES engine: key schedule, the block cipher (DES, Triple-DES EDE, DESX) and the modes of
 * operation, many blocks per call, in WebAssembly.
 *
 * Stateless between calls and without an allocator: every call works on fixed regions of linear
 * memory that the TypeScript layer fills before the call and empties after it (see layout below).
 * There are no DES tables in this file: src/engine/derive.ts derives the SP tables and the
 * key-schedule tables from FIPS 46-3's tables, and scripts/build-wasm.mjs writes them into the
 * module's data segment at the offsets exported below.
 *
 * Byte order: DES numbers bits from the most significant end, first byte first, so blocks are
 * read as big-endian 64-bit values (bswap of WebAssembly's little-endian loads).
 */

import { cryptBatch, masksArePrepared, prepareMasks, wipeBitslice } from './bitslice';
import { KEY_DESX, KEY_TDES } from '../src/engine/key-kinds';
export { bitsliceIndexOffset } from './bitslice';

// ---------------------------------------------------------------------------------------------
// Layout. memory.data reserves each region in the module's static data, so nothing overlaps.

/** SP tables: 8 S-boxes × 64 inputs × u32 (S-box output already passed through P). 2 KiB. */
const SP: usize = memory.data(8 * 64 * 4, 16);
/** Key-schedule tables, bytes: PC-1 (56 entries), PC-2 (48 entries), shifts (16). */
const PC1: usize = memory.data(56);
const PC2: usize = memory.data(48);
const SHIFTS: usize = memory.data(16);
/**
 * The same key schedule as look-up tables, for speed: PC-1 by key byte (8 × 256 entries of
 * C‖D as u64) and PC-2 by 7-bit piece of C and D (8 × 128 entries of a round key as u64).
 */
const PC1_BYTES: usize = memory.data(8 * 256 * 8, 8);
const PC2_PIECES: usize = memory.data(8 * 128 * 8, 8);

/**
 * Fill PC1_BYTES and PC2_PIECES from PC-1 and PC-2 (written into the data segment at build
 * time), once, when the module is instantiated: 24 KiB the module need not carry. First where each
 * bit goes (PC-1 and PC-2 inverted, in the scratch of BATCH), then entry v of piece p as entry
 * v-without-its-lowest-bit ORed with where that bit goes. The same rule as keyScheduleLookups()
 * in src/engine/derive.ts, which the tests compare with.
 */
function deriveKeyLookups(): void {
  const toPc1 = BATCH, toPc2 = BATCH + 64;       // key bit q → 1 + its place j in PC-1; CnDn bit n → 1 + its place in PC-2 (0: dropped)
  for (let j: u32 = 0; j < 56; j++) store<u8>(toPc1 + <usize>load<u8>(PC1 + j) - 1, <u8>(j + 1));
  for (let j: u32 = 0; j < 48; j++) store<u8>(toPc2 + <usize>load<u8>(PC2 + j) - 1, <u8>(j + 1));
  for (let p: u32 = 0; p < 8; p++) {
    for (let v: u32 = 1; v < 256; v++) {
      const place = <u32>load<u8>(toPc1 + (p << 3) + 7 - ctz(v));   // key bit q, from the most significant end
      const j = place - 1;
      const bit: u64 = place == 0 ? 0 : <u64>1 << (j < 28 ? 59 - j : 55 - j);   // C in the high word, D in the low
      store<u64>(PC1_BYTES + (((p << 8) | v) << 3), load<u64>(PC1_BYTES + (((p << 8) | (v & (v - 1))) << 3)) | bit);
    }
    for (let v: u32 = 1; v < 128; v++) {
      const place = <u32>load<u8>(toPc2 + p * 7 + 6 - ctz(v));       // bit n of CnDn, 0 … 55
      const j = place - 1, chunk = j / 6, shift = 8 * (3 - (chunk >> 1)) + (5 - j % 6);
      const bit: u64 = place == 0 ? 0 : <u64>1 << (chunk & 1 ? shift : 32 + shift);   // k0 (B2 B4 …) low, k1 high
      store<u64>(PC2_PIECES + (((p << 7) | v) << 3), load<u64>(PC2_PIECES + (((p << 7) | (v & (v - 1))) << 3)) | bit);
    }
  }
  memory.fill(BATCH, 0, 128);
}
/** The key: up to 24 bytes (DES 8; TDES K1‖K2‖K3; DESX K‖inner whitening‖outer whitening). */
const KEY_BYTES: i32 = 24;
const KEY: usize = memory.data(KEY_BYTES, 8);
/**
 * The expanded key: a header (pass count u32, pad, pre-whitening u64, post-whitening u64), then
 * 1 or 3 sub-schedules of 16 rounds × 2 u32, already in the order the rounds run.
 */
const SCHEDULE_HEADER: usize = 24;
const SCHEDULE_BYTES: i32 = 24 + 3 * 16 * 8;
const SCHEDULE: usize = memory.data(SCHEDULE_BYTES, 16);
/**
 * Chaining state: register (8 bytes: IV / shift register / counter), keystream (8 bytes), both
 * in block byte order, and `used` (u32, little-endian): bytes of the current keystream block or
 * segment already consumed, like OpenSSL's `num`.
 */
const STATE_BYTES: i32 = 24;
const STATE: usize = memory.data(STATE_BYTES, 8);
const KEYSTREAM: usize = STATE + 8;
const USED: usize = STATE + 16;
/** The data region: input is replaced by output in place. */
const DATA_BYTES: i32 = 32768;
const DATA: usize = memory.data(DATA_BYTES, 16);

/** Scratch for the bitsliced modes: 128 saved ciphertext blocks (CBC) or keystream inputs (CTR, CFB). */
const BATCH: usize = memory.data(128 * 8, 16);
/** For each block a step of cbcEncryptMany gathered into BATCH: its address and its message's chain block (u32 each). */
const SLOTS: usize = memory.data(128 * 8, 8);
/** One block, for the constant-time path of the serial modes. */
const ONE: usize = memory.data(8, 8);
/** The two results of cipher2 (block values, not bytes); zeroed at the end of every call. */
const PAIR: usize = memory.data(16, 8);

export function tablesOffset(): usize { return SP; }
export function pc1Offset(): usize { return PC1; }
export function pc2Offset(): usize { return PC2; }
export function shiftsOffset(): usize { return SHIFTS; }
export function pc1BytesOffset(): usize { return PC1_BYTES; }
export function pc2PiecesOffset(): usize { return PC2_PIECES; }
export function keyOffset(): usize { return KEY; }
export function keyBytes(): i32 { return KEY_BYTES; }
export function scheduleOffset(): usize { return SCHEDULE; }
export function scheduleBytes(): i32 { return SCHEDULE_BYTES; }
export function stateOffset(): usize { return STATE; }
export function stateBytes(): i32 { return STATE_BYTES; }
export function keystreamOffset(): usize { return KEYSTREAM; }
export function usedOffset(): usize { return USED; }
export function dataOffset(): usize { return DATA; }
export function dataBytes(): i32 { return DATA_BYTES; }

// ---------------------------------------------------------------------------------------------
// Key schedule (FIPS 46-3 "Step 1"), bit by bit from the PC-1 / PC-2 / shift tables.

/** Bit `position` (1-based, from the most significant end) of the 8 key bytes at `key`. */
@inline function keyBit(key: usize, position: u32): u32 {
  const p = position - 1;
  return (<u32>load<u8>(key + (p >> 3)) >> (7 - (p & 7))) & 1;
}

/**
 * Expand the 8-byte DES key at `key` into 16 rounds at `out`, in `reverse` order for decryption.
 *
 * Each round key Kn (48 bits = eight 6-bit chunks B1 … B8, one per S-box) is stored as two words
 * laid out for the round function below: k0 = B2 B4 B6 B8 and k1 = B1 B3 B5 B7, each chunk in the
 * low 6 bits of one byte (chunk B2 in the top byte of k0, and so on).
 */
function expandOne(key: usize, out: usize, reverse: bool): void {
  // K+ = PC-1(K), as the halves C (bits 1 … 28) and D (bits 29 … 56), each in the low 28 bits.
  let c: u32 = 0, d: u32 = 0;
  for (let i: u32 = 0; i < 28; i++) c = (c << 1) | keyBit(key, load<u8>(PC1 + i));
  for (let i: u32 = 28; i < 56; i++) d = (d << 1) | keyBit(key, load<u8>(PC1 + i));
  for (let n: u32 = 0; n < 16; n++) {
    const s = <u32>load<u8>(SHIFTS + n);
    c = ((c << s) | (c >> (28 - s))) & 0x0fffffff;
    d = ((d << s) | (d >> (28 - s))) & 0x0fffffff;
    let k0: u32 = 0, k1: u32 = 0;
    for (let j: u32 = 0; j < 48; j++) {
      // PC-2 picks bit p of CnDn: p ≤ 28 from C, else from D.
      const p = <u32>load<u8>(PC2 + j);
      const bit = p <= 28 ? (c >> (28 - p)) & 1 : (d >> (56 - p)) & 1;
      const chunk = j / 6;                        // 0 … 7 for B1 … B8
      const shift = ((3 - (chunk >> 1)) << 3) + (5 - j % 6);
      if (chunk & 1) k0 |= bit << shift; else k1 |= bit << shift;
    }
    const slot = reverse ? 15 - n : n;
    store<u32>(out + (slot << 3), k0);
    store<u32>(out + (slot << 3), k1, 4);
  }
}

/**
 * The same expansion by table look-ups, about ten times faster. PC-1 and PC-2 are linear maps of
 * the key bits, so PC-1(K) is the OR of what each key byte alone gives (8 look-ups), and PC-2(CnDn)
 * the OR of what each 7-bit piece of Cn and Dn alone gives (8 look-ups a round); the tables are
 * derived from PC-1 and PC-2 by src/engine/derive.ts, and the round keys come out in the same
 * layout as above. The look-ups are indexed by key bits, like the SP tables of the scalar cipher,
 * so this path is not constant-time: under the constant-time policy the bitwise expansion runs.
 */
function expandOneFast(key: usize, out: usize, reverse: bool): void {
  let cd: u64 = 0;
  for (let i: usize = 0; i < 8; i++) cd |= load<u64>(PC1_BYTES + (((i << 8) + <usize>load<u8>(key + i)) << 3));
  let c = <u32>(cd >> 32), d = <u32>cd;
  for (let n: u32 = 0; n < 16; n++) {
    const s = <u32>load<u8>(SHIFTS + n);
    c = ((c << s) | (c >> (28 - s))) & 0x0fffffff;
    d = ((d << s) | (d >> (28 - s))) & 0x0fffffff;
    const k =
      load<u64>(PC2_PIECES + ((0 << 7) + <usize>(c >> 21)) * 8) ^ load<u64>(PC2_PIECES + ((1 << 7) + <usize>((c >> 14) & 0x7f)) * 8) ^
      load<u64>(PC2_PIECES + ((2 << 7) + <usize>((c >> 7) & 0x7f)) * 8) ^ load<u64>(PC2_PIECES + ((3 << 7) + <usize>(c & 0x7f)) * 8) ^
      load<u64>(PC2_PIECES + ((4 << 7) + <usize>(d >> 21)) * 8) ^ load<u64>(PC2_PIECES + ((5 << 7) + <usize>((d >> 14) & 0x7f)) * 8) ^
      load<u64>(PC2_PIECES + ((6 << 7) + <usize>((d >> 7) & 0x7f)) * 8) ^ load<u64>(PC2_PIECES + ((7 << 7) + <usize>(d & 0x7f)) * 8);
    store<u64>(out + ((reverse ? 15 - n : n) << 3), k);       // k0 in the low half, k1 in the high half
  }
}

/** Expand one DES key by the constant-time bitwise path or the fast table path. */
@inline function expand(key: usize, out: usize, reverse: bool): void {
  if (constantTime) expandOne(key, out, reverse); else expandOneFast(key, out, reverse);
}

/**
 * Expand the key at KEY into SCHEDULE. kind (src/engine/key-kinds.ts): KEY_DES (8 bytes),
 * KEY_TDES (EDE, 24) or KEY_DESX (24).
 * EDE encryption runs E(K1), D(K2), E(K3); decryption D(K3), E(K2), D(K1). DESX encryption is
 * outer ⊕ E_K(P ⊕ inner); decryption swaps the whitening words.
 */
export function expandKey(kind: i32, decrypt: bool): void {
  const rounds = SCHEDULE + SCHEDULE_HEADER;
  memory.fill(SCHEDULE, 0, SCHEDULE_BYTES);
  if (kind == KEY_TDES) {
    store<u32>(SCHEDULE, 3);
    if (!decrypt) {
      expand(KEY, rounds, false);
      expand(KEY + 8, rounds + 128, true);
      expand(KEY + 16, rounds + 256, false);
    } else {
      expand(KEY + 16, rounds, true);
      expand(KEY + 8, rounds + 128, false);
      expand(KEY, rounds + 256, true);
    }
  } else {
    store<u32>(SCHEDULE, 1);
    expand(KEY, rounds, decrypt);
    if (kind == KEY_DESX) {
      const inner = load<u64>(KEY + 8), outer = load<u64>(KEY + 16);   // raw bytes, byte-swapped below
      store<u64>(SCHEDULE + 8, bswap<u64>(decrypt ? outer : inner));
      store<u64>(SCHEDULE + 16, bswap<u64>(decrypt ? inner : outer));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The block cipher (FIPS 46-3 "Step 2").

/**
 * IP and IP⁻¹ by swap-moves. One swap-move step, t = ((a >> s) ^ b) & m; b ^= t; a ^= t << s,
 * exchanges the bits of `a` selected by m << s with the bits of `b` selected by m, in 3 logic
 * operations and 2 shifts, whatever the number of bits moved.
 *
 * Why five steps give IP: seen as an 8 × 8 bit matrix (byte i = row i, DES bit 8i + j in column
 * j), IP collects the columns: its output byte k is one column of the input read from the last
 * byte up, the even columns (2, 4, 6, 8) filling L0 and the odd ones R0. That is a transposition
 * of the matrix with its rows and columns reordered, and a transposition is three levels of block
 * swaps (4 × 4, 2 × 2, then 1 × 1 blocks off the diagonal). The steps with shifts 4, 2 and 1 are
 * those levels; the steps with shifts 16 and 8 move half-words and bytes between the two words so
 * that each level pairs the right rows, and the rows come out in IP's order.
 *
 * Why IP⁻¹ is the same steps reversed: each step XORs the same value into both words at matching
 * places, so it is its own inverse. Why one test proves it: IP and the steps are all linear over
 * GF(2), so agreeing with FIPS 46-3's table on the 64 one-bit blocks means agreeing on every block;
 * test/engine.test.ts checks exactly that.
 */
@inline function ip(x: u64): u64 {
  let l = <u32>(x >> 32), r = <u32>x, t: u32;
  t = ((l >> 4) ^ r) & 0x0f0f0f0f; r ^= t; l ^= t << 4;
  t = ((l >> 16) ^ r) & 0x0000ffff; r ^= t; l ^= t << 16;
  t = ((r >> 2) ^ l) & 0x33333333; l ^= t; r ^= t << 2;
  t = ((r >> 8) ^ l) & 0x00ff00ff; l ^= t; r ^= t << 8;
  t = ((l >> 1) ^ r) & 0x55555555; r ^= t; l ^= t << 1;
  return (<u64>l << 32) | r;
}

@inline function fp(x: u64): u64 {
  let l = <u32>(x >> 32), r = <u32>x, t: u32;
  t = ((l >> 1) ^ r) & 0x55555555; r ^= t; l ^= t << 1;
  t = ((r >> 8) ^ l) & 0x00ff00ff; l ^= t; r ^= t << 8;
  t = ((r >> 2) ^ l) & 0x33333333; l ^= t; r ^= t << 2;
  t = ((l >> 16) ^ r) & 0x0000ffff; r ^= t; l ^= t << 16;
  t = ((l >> 4) ^ r) & 0x0f0f0f0f; r ^= t; l ^= t << 4;
  return (<u64>l << 32) | r;
}

/**
 * f(R, K) folded into table look-ups. The expansion E gives S-box i the bits 4i-4 … 4i+1 of R
 * (cyclically). Kept rotated left by three, R has the six bits of S2, S4, S6 and S8 in the top six
 * bits of its four bytes, and those of S1, S3, S5 and S7 in the top six bits of the bytes of R
 * rotated right by four more; the shifts below read them there without making that rotation (only
 * S1's look-up, whose bits wrap around, rotates). The key's chunks are moved to the same places
 * before they are mixed in (k0 << 2, rotl(k1, 6); off the path from one round to the next). The SP
 * tables hold P(S(x)) rotated left by three too, so L stays in the rotated form and the rotation is
 * undone once, after the last round.
 *
 * Six bits at the top of a byte, the two below masked off, are the index already multiplied by 4
 * (the byte offset of a u32 entry), and the table's own offset is the load's constant offset: a
 * look-up is shift, and, load (S8's just and, load). The eight values are XORed as a balanced
 * tree. The serial modes are bound by the latency of this path from a round's output to the next
 * round's look-ups; each instruction taken off it was worth a few percent, measured.
 */
@inline function halfRound(l: u32, r: u32, k: usize): u32 {
  const t = r ^ (load<u32>(k) << 2);
  const u = r ^ rotl<u32>(load<u32>(k, 4), 6);
  const a = load<u32>((t >> 24) & 0xfc, SP + 1 * 256) ^ load<u32>((t >> 16) & 0xfc, SP + 3 * 256);
  const b = load<u32>((t >> 8) & 0xfc, SP + 5 * 256) ^ load<u32>(t & 0xfc, SP + 7 * 256);
  const c = load<u32>(rotl<u32>(u, 4) & 0xfc, SP + 0 * 256) ^ load<u32>((u >> 20) & 0xfc, SP + 2 * 256);
  const d = load<u32>((u >> 12) & 0xfc, SP + 4 * 256) ^ load<u32>((u >> 4) & 0xfc, SP + 6 * 256);
  return (l ^ (a ^ b)) ^ (c ^ d);
}

/** The whitened block through IP, each half rotated left by three (see halfRound): L in the high word. */
@inline function enter(block: u64): u64 {
  const x = ip(block ^ load<u64>(SCHEDULE + 8));
  return (<u64>rotl<u32>(<u32>(x >> 32), 3) << 32) | rotl<u32>(<u32>x, 3);
}

/** Back from the rotated halves through IP⁻¹, then the closing whitening. */
@inline function leave(l: u32, r: u32): u64 {
  return fp((<u64>rotr<u32>(l, 3) << 32) | rotr<u32>(r, 3)) ^ load<u64>(SCHEDULE + 16);
}

/**
 * One block through the expanded key: IP, 16 rounds per pass, IP⁻¹. Between the passes of
 * Triple-DES, IP⁻¹ then IP would cancel, so both are skipped: the halves are only swapped, as
 * R16L16 of one pass is L0R0 of the next.
 */
@inline function cipher(block: u64): u64 {
  const x = enter(block);
  let l = <u32>(x >> 32), r = <u32>x;
  const passes = load<u32>(SCHEDULE);
  let k = SCHEDULE + SCHEDULE_HEADER;
  for (let p: u32 = 0; p < passes; p++) {
    for (let i = 0; i < 8; i++) {
      l = halfRound(l, r, k);
      r = halfRound(r, l, k + 8);
      k += 16;
    }
    const t = l; l = r; r = t;               // R16L16
  }
  return leave(l, r);
}

/**
 * Two independent blocks through the expanded key, their rounds interleaved, the results at PAIR
 * and PAIR + 8. One block's rounds are a chain of dependent look-ups that leaves the processor
 * half idle; a second chain beside it fills the gap (measured: 1.6× the blocks per second). For
 * the scalar runs of the modes whose blocks are independent.
 */
@inline function cipher2(x: u64, y: u64): void {
  const a = enter(x), b = enter(y);
  let l = <u32>(a >> 32), r = <u32>a, l2 = <u32>(b >> 32), r2 = <u32>b;
  const passes = load<u32>(SCHEDULE);
  let k = SCHEDULE + SCHEDULE_HEADER;
  for (let p: u32 = 0; p < passes; p++) {
    for (let i = 0; i < 8; i++) {
      l = halfRound(l, r, k);
      l2 = halfRound(l2, r2, k);
      r = halfRound(r, l, k + 8);
      r2 = halfRound(r2, l2, k + 8);
      k += 16;
    }
    let t = l; l = r; r = t;                 // R16L16
    t = l2; l2 = r2; r2 = t;
  }
  store<u64>(PAIR, leave(l, r));
  store<u64>(PAIR, leave(l2, r2), 8);
}

@inline function loadBlock(p: usize): u64 { return bswap<u64>(load<u64>(p)); }
@inline function storeBlock(p: usize, v: u64): void { store<u64>(p, bswap<u64>(v)); }

// ---------------------------------------------------------------------------------------------
// The dispatcher between the scalar cipher above and the bitsliced engine (SIMD builds only:
// ASC_FEATURE_SIMD is a compile-time constant, so the scalar build contains none of this).

/**
 * From how many independent blocks a run goes through the bitsliced engine. It costs the same
 * for 1 block as for 128, and is about five times faster per block than the scalar cipher when
 * full, so below a quarter batch the scalar cipher wins.
 */
const MIN_BATCH: i32 = 32;
/** The constant-time policy: every block goes through the bitsliced engine, even one at a time. */
let constantTime = false;

export function setConstantTime(on: bool): void { constantTime = on; }
export function hasBitslice(): bool { return ASC_FEATURE_SIMD; }

/** How many of the `blocks` independent blocks ahead to run as one bitsliced batch (0: use the scalar cipher). */
@inline function batchSize(blocks: i32): i32 {
  if (!ASC_FEATURE_SIMD) return 0;
  if (blocks < MIN_BATCH && !constantTime) return 0;
  return blocks < 128 ? blocks : 128;
}

/** Run n ≤ 128 blocks at p through the bitsliced engine, in place. */
function batch(p: usize, n: i32): void {
  if (ASC_FEATURE_SIMD) {
    if (!masksArePrepared()) prepareMasks(SCHEDULE + SCHEDULE_HEADER, load<u32>(SCHEDULE));
    cryptBatch(p, n, load<u32>(SCHEDULE), bswap<u64>(load<u64>(SCHEDULE + 8)), bswap<u64>(load<u64>(SCHEDULE + 16)));
  }
}

/** One block for the serial modes: the scalar cipher, or the bitsliced engine under the constant-time policy. */
@inline function crypt1(x: u64): u64 {
  if (ASC_FEATURE_SIMD && constantTime) {
    storeBlock(ONE, x);
    batch(ONE, 1);
    return loadBlock(ONE);
  }
  return cipher(x);
}

/**
 * At the end of every call: zero cipher2's results, and if the call used the bitsliced engine
 * (which prepares the key masks on its first batch), the masks and slices and the scratch blocks
 * (saved ciphertext, counters, keystream), which are only written just before a batch.
 */
@inline function finish(): void {
  store<u64>(PAIR, 0);
  store<u64>(PAIR, 0, 8);
  if (ASC_FEATURE_SIMD && masksArePrepared()) {
    wipeBitslice();
    memory.fill(BATCH, 0, 128 * 8);
    store<u64>(ONE, 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Modes (NIST SP 800-38A; FIPS 81 for CFB-1/8 and OFB-n). Each works in place on DATA[0 … len).

/** ECB: each block on its own. */
export function ecb(len: i32): void {
  independentBlocks(ECB, 8, DATA, DATA + len, 0);
  finish();
}

/** CBC encryption: Ci = E(Pi ⊕ Ci-1), C0 = IV. */
export function cbcEncrypt(len: i32): void {
  let iv = loadBlock(STATE);
  for (let p = DATA, end = DATA + len; p < end; p += 8) {
    iv = crypt1(loadBlock(p) ^ iv);
    storeBlock(p, iv);
  }
  storeBlock(STATE, iv);
  finish();
}

/**
 * CBC encryption of `count` messages under one key (SP 800-38A §6.2 for each), in lockstep: step j
 * encrypts block j of every message that has one, Cj = E(Pj ⊕ Cj-1) with C-1 its IV, so the
 * blocks of a step are independent and go through the bitsliced engine together (up to 128 at a
 * time), and the key masks are prepared once for all the steps. DATA holds the `count` block
 * counts (u32), then, 8-byte aligned, the IVs, then the messages end to end, encrypted in place;
 * each IV is replaced by its message's last ciphertext block. Chaining XORs words as they lie in memory.
 */
export function cbcEncryptMany(count: i32): void {
  const chain = DATA + ((<usize>count * 4 + 7) & ~7);
  const messages = chain + (<usize>count << 3);
  for (let j: u32 = 0; ; j++) {
    let k = 0;
    let active = false;
    let at = messages;
    for (let m = 0; m < count; m++) {
      const blocks = load<u32>(DATA + (<usize>m << 2));
      if (j < blocks) {
        const p = at + (<usize>j << 3), c = chain + (<usize>m << 3);
        store<u64>(BATCH + (<usize>k << 3), load<u64>(p) ^ load<u64>(c));
        store<u32>(SLOTS + (<usize>k << 3), <u32>p);
        store<u32>(SLOTS + (<usize>k << 3), <u32>c, 4);
        active = true;
        if (++k == 128) { lockstep(k); k = 0; }
      }
      at += <usize>blocks << 3;
    }
    if (k > 0) lockstep(k);
    if (!active) break;
  }
  memory.fill(BATCH, 0, 128 * 8);
  memory.fill(SLOTS, 0, 128 * 8);
  finish();
}

/** Encrypt the k blocks gathered in BATCH and put each back in its message and in its message's chain. */
function lockstep(k: i32): void {
  independentBlocks(ECB, 8, BATCH, BATCH + (<usize>k << 3), 0);
  for (let i = 0; i < k; i++) {
    const v = load<u64>(BATCH + (<usize>i << 3));
    store<u64>(<usize>load<u32>(SLOTS + (<usize>i << 3)), v);
    store<u64>(<usize>load<u32>(SLOTS + (<usize>i << 3), 4), v);
  }
}

/** CBC decryption: Pi = D(Ci) ⊕ Ci-1. */
export function cbcDecrypt(len: i32): void {
  storeBlock(STATE, independentBlocks(CBC_DECRYPT, 8, DATA, DATA + len, loadBlock(STATE)));
  finish();
}

/** Byte n (0 = first, most significant) of a big-endian block value. */
@inline function byteOf(v: u64, n: u32): u32 { return <u32>(v >> (56 - (n << 3))) & 0xff; }
@inline function withByte(v: u64, n: u32, b: u32): u64 {
  const shift = 56 - (n << 3);
  return (v & ~(<u64>0xff << shift)) | (<u64>b << shift);
}

// ---------------------------------------------------------------------------------------------
// Segments. CFB and OFB with s-byte feedback (s = 1 … 8) move s bytes of data per block operation.
// A segment is held as a block value with its bytes at the top, first byte most significant, the
// rest zero. The kernels take s as a parameter and are inlined at their call sites with s = 8 and
// s = 1 as constants, so CFB-64, OFB-64, CFB-8 and OFB-8 compile to straight loops of their own,
// and every other segment shares one copy. (WebAssembly takes shift counts mod 64, hence the s = 8
// cases below.)

/** The top s bytes of v. */
@inline function top(v: u64, s: u32): u64 { return s == 8 ? v : v & ~(<u64>-1 >>> (s << 3)); }

/** The register after a segment: its top s bytes shifted out, the segment's s bytes shifted in. */
@inline function shiftIn(reg: u64, segment: u64, s: u32): u64 {
  return s == 8 ? segment : (reg << (s << 3)) | (segment >>> (64 - (s << 3)));
}

/**
 * The s bytes at p as a segment. It loads a whole block: the bytes past the segment, at most 7
 * past the data region (where the next region begins), are read and masked off.
 */
@inline function loadSegment(p: usize, s: u32): u64 {
  if (s == 1) return <u64>load<u8>(p) << 56;
  return top(loadBlock(p), s);
}

/** Store the segment v at p: s bytes, none past `end` (the message's end in the data region). */
@inline function storeSegment(p: usize, v: u64, s: u32, end: usize): void {
  if (s == 1) store<u8>(p, <u8>(v >> 56));
  else if (s == 8) storeBlock(p, v);
  else if (p + 8 <= end) storeBlock(p, top(v, s) | (loadBlock(p) & (<u64>-1 >>> (s << 3))));
  else for (let i: u32 = 0; i < s; i++) store<u8>(p + i, <u8>byteOf(v, i));
}

// ---------------------------------------------------------------------------------------------
// The modes whose block-cipher inputs are all known ahead: ECB and CBC decryption (the data
// blocks), CFB decryption (register ‖ ciphertext), CTR (the counters). Their whole blocks (CFB:
// segments) run in three tiers, written once here: bitsliced batches of up to 128 (SIMD builds;
// under the constant-time policy they take every whole block), then pairs through cipher2, then
// the one left over. Each mode gives the three steps; `kind` is a constant at every call site, so
// each mode's code is inlined on its own, with no branch on the kind left at run time.

const ECB: i32 = 0;
const CBC_DECRYPT: i32 = 1;
const CFB_DECRYPT: i32 = 2;
const CTR: i32 = 3;

/**
 * Run the whole s-byte segments of [p, end) of mode `kind`, in place. `chain` is what links one
 * block to the next (CBC: the previous ciphertext block; CFB: the register; CTR: the counter;
 * ECB: nothing); returns it after the last whole segment. A partial segment at the end is left
 * to the caller.
 */
@inline function independentBlocks(kind: i32, s: u32, p: usize, end: usize, chain: u64): u64 {
  for (let n = batchSize(<i32>((end - p) / s)); n > 0; n = batchSize(<i32>((end - p) / s))) {
    chain = batchStep(kind, s, p, n, end, chain);
    p += <usize>n * s;
  }
  for (; p + 2 * s <= end; p += 2 * s) chain = pairStep(kind, s, p, end, chain);
  if (p + s <= end) chain = singleStep(kind, s, p, end, chain);
  return chain;
}

/** n segments at p through the bitsliced engine. */
@inline function batchStep(kind: i32, s: u32, p: usize, n: i32, end: usize, chain: u64): u64 {
  if (kind == ECB) {
    batch(p, n);
    return 0;
  }
  if (kind == CBC_DECRYPT) {
    // Decrypt in place, then chain with the ciphertexts saved before. (XOR needs no byte order:
    // the words are chained as they lie in memory.)
    memory.copy(BATCH, p, <usize>n << 3);
    batch(p, n);
    let prev = bswap<u64>(chain);
    for (let i = 0; i < n; i++) {
      const q = p + (<usize>i << 3);
      store<u64>(q, load<u64>(q) ^ prev);
      prev = load<u64>(BATCH + (<usize>i << 3));
    }
    return bswap<u64>(prev);
  }
  if (kind == CTR) {
    for (let i = 0; i < n; i++) { storeBlock(BATCH + (<usize>i << 3), chain); chain++; }
    batch(BATCH, n);
    for (let i = 0; i < n; i++) {
      const q = p + (<usize>i << 3);
      store<u64>(q, load<u64>(q) ^ load<u64>(BATCH + (<usize>i << 3)));
    }
    return chain;
  }
  // CFB decryption: segment i's keystream input is the 8 bytes at offset s·i of register ‖ ciphertext.
  const bytes = <usize>n * s;
  store<u64>(BATCH, bswap<u64>(chain));
  if (s == 8) {
    memory.copy(BATCH + 8, p, bytes - 8);
    chain = loadBlock(p + bytes - 8);
  } else {
    memory.copy(BATCH + 8, p, bytes);               // 8 + 128 × 7 bytes: within BATCH
    chain = loadBlock(BATCH + bytes);
    // Spread the windows to one block each, from the last: window i moves up to 8i, and the
    // windows below it end at or before s(i - 1) + 8 ≤ 8i, so none is overwritten before it moves.
    for (let i = n - 1; i > 0; i--) store<u64>(BATCH + (<usize>i << 3), load<u64>(BATCH + <usize>i * s));
  }
  batch(BATCH, n);
  // Ciphertext ⊕ keystream as raw memory: XOR needs no byte order, and the first s bytes in
  // memory are the low s bytes of a little-endian load.
  for (let i = 0; i < n; i++) {
    const q = p + <usize>i * s, k = BATCH + (<usize>i << 3);
    if (s == 8) store<u64>(q, load<u64>(q) ^ load<u64>(k));
    else if (q + 8 <= end) store<u64>(q, load<u64>(q) ^ (load<u64>(k) & ((<u64>1 << (s << 3)) - 1)));
    else for (let j: usize = 0; j < s; j++) store<u8>(q + j, load<u8>(q + j) ^ load<u8>(k + j));
  }
  return chain;
}

/** Two segments at p through the scalar cipher, their rounds interleaved (cipher2). */
@inline function pairStep(kind: i32, s: u32, p: usize, end: usize, chain: u64): u64 {
  if (kind == ECB) {
    cipher2(loadBlock(p), loadBlock(p + 8));
    storeBlock(p, load<u64>(PAIR));
    storeBlock(p + 8, load<u64>(PAIR, 8));
    return 0;
  }
  if (kind == CBC_DECRYPT) {
    const c0 = loadBlock(p), c1 = loadBlock(p + 8);
    cipher2(c0, c1);
    storeBlock(p, load<u64>(PAIR) ^ chain);
    storeBlock(p + 8, load<u64>(PAIR, 8) ^ c0);
    return c1;
  }
  if (kind == CTR) {
    cipher2(chain, chain + 1);
    storeBlock(p, loadBlock(p) ^ load<u64>(PAIR));
    storeBlock(p + 8, loadBlock(p + 8) ^ load<u64>(PAIR, 8));
    return chain + 2;
  }
  const c0 = loadSegment(p, s), c1 = loadSegment(p + s, s);       // CFB decryption
  const next = shiftIn(chain, c0, s);
  cipher2(chain, next);
  storeSegment(p, c0 ^ top(load<u64>(PAIR), s), s, end);
  storeSegment(p + s, c1 ^ top(load<u64>(PAIR, 8), s), s, end);
  return shiftIn(next, c1, s);
}

/** The one segment left after the pairs. */
@inline function singleStep(kind: i32, s: u32, p: usize, end: usize, chain: u64): u64 {
  if (kind == ECB) {
    storeBlock(p, crypt1(loadBlock(p)));
    return 0;
  }
  if (kind == CBC_DECRYPT) {
    const c = loadBlock(p);
    storeBlock(p, crypt1(c) ^ chain);
    return c;
  }
  if (kind == CTR) {
    storeBlock(p, loadBlock(p) ^ crypt1(chain));
    return chain + 1;
  }
  const x = loadSegment(p, s);                      // CFB decryption
  storeSegment(p, x ^ top(crypt1(chain), s), s, end);
  return shiftIn(chain, x, s);
}

/**
 * CFB with an s-byte segment (NIST SP 800-38A §6.3; FIPS 81 for CFB-8 and CFB-64): each block
 * operation encrypts the shift register; its top s bytes are XORed with the next s bytes of data,
 * and the s bytes of ciphertext are shifted into the register. segment = s, 1 … 8.
 *
 * A segment may be split across calls, as OpenSSL splits CFB-64 blocks and pycryptodome every
 * segment: KEYSTREAM holds the current segment's keystream block, the bytes already used replaced
 * by their ciphertext, and `used` counts them; the register moves on when the segment is whole.
 * A message that ends inside a segment takes only as many keystream bytes as it has.
 */
export function cfb(len: i32, decrypt: bool, segment: i32): void {
  if (segment == 8) cfbSegments(len, decrypt, 8);
  else if (segment == 1) cfbSegments(len, decrypt, 1);
  else cfbSegments(len, decrypt, <u32>segment);
}

@inline function cfbSegments(len: i32, decrypt: bool, s: u32): void {
  let reg = loadBlock(STATE);
  let ks = loadBlock(KEYSTREAM);
  let n = load<u32>(USED);
  let p = DATA;
  const end = DATA + len;
  while (n != 0 && p < end) {                       // finish a segment begun in an earlier call
    const x = <u32>load<u8>(p), o = x ^ byteOf(ks, n);
    store<u8>(p, <u8>o);
    ks = withByte(ks, n, decrypt ? x : o);
    p++;
    if (++n == s) { reg = shiftIn(reg, ks, s); n = 0; }
  }
  if (decrypt) {
    // Decryption's keystream inputs are all known ahead: register ‖ ciphertext.
    const whole = (end - p) / s * s;
    reg = cfbDecryptBlocks(s, p, end, reg);
    p += whole;
  }
  // Encryption is serial: each segment's ciphertext is the next register.
  for (; p + s <= end; p += s) {                    // whole segments
    const x = loadSegment(p, s);
    const o = x ^ top(crypt1(reg), s);
    storeSegment(p, o, s, end);
    reg = shiftIn(reg, decrypt ? x : o, s);
  }
  if (p < end) {                                    // start a segment this call will not finish
    ks = crypt1(reg);
    for (; p < end; p++, n++) {
      const x = <u32>load<u8>(p), o = x ^ byteOf(ks, n);
      store<u8>(p, <u8>o);
      ks = withByte(ks, n, decrypt ? x : o);
    }
  }
  storeBlock(STATE, reg);
  storeBlock(KEYSTREAM, ks);
  store<u32>(USED, n);
  finish();
}

/**
 * CFB decryption's whole segments, for every segment size in one function: inlined into each of
 * cfb()'s three specialisations it made cfb() the largest function of the module, a third of the
 * WebAssembly that every start-up decodes and compiles.
 */
function cfbDecryptBlocks(s: u32, p: usize, end: usize, reg: u64): u64 {
  return independentBlocks(CFB_DECRYPT, s, p, end, reg);
}

/**
 * OFB with s-byte feedback (FIPS 81; SP 800-38A §6.4 for s = 8): the register is encrypted again
 * and again; the top s bytes of each result are the keystream and are shifted into the register.
 * segment = s, 1 … 8. KEYSTREAM and `used` carry a segment split across calls, as in cfb().
 */
export function ofb(len: i32, segment: i32): void {
  if (segment == 8) keystreamSegments(len, false, 8);
  else if (segment == 1) keystreamSegments(len, false, 1);
  else keystreamSegments(len, false, <u32>segment);
}

/**
 * CTR: the keystream is the encryption of a big-endian 64-bit counter, incremented mod 2^64 after
 * each block (SP 800-38A's standard incrementing function over the whole block).
 */
export function ctr(len: i32): void {
  keystreamSegments(len, true, 8);
}

/** The keystream modes, OFB and CTR: out = in ⊕ keystream, s bytes of keystream per block operation. */
@inline function keystreamSegments(len: i32, counter: bool, s: u32): void {
  let reg = loadBlock(STATE);
  let ks = loadBlock(KEYSTREAM);
  let n = load<u32>(USED);
  let p = DATA;
  const end = DATA + len;
  while (p < end && n != 0) {
    store<u8>(p, load<u8>(p) ^ <u8>byteOf(ks, n));
    p++;
    if (++n == s) n = 0;
  }
  if (counter) {
    // CTR's keystream inputs are the successive counters.
    const whole = (end - p) & ~7;
    reg = independentBlocks(CTR, 8, p, end, reg);
    p += whole;
  }
  while (p < end) {
    // The next keystream block; a whole segment of data takes it at once, a last partial segment
    // byte by byte, leaving the rest (and `used`) for the next call.
    ks = crypt1(reg);
    if (counter) reg++; else reg = shiftIn(reg, ks, s);
    if (p + s <= end) {
      storeSegment(p, loadSegment(p, s) ^ top(ks, s), s, end);
      p += s;
      continue;
    }
    for (; p < end; p++, n++) store<u8>(p, load<u8>(p) ^ <u8>byteOf(ks, n));
  }
  storeBlock(STATE, reg);
  storeBlock(KEYSTREAM, ks);
  store<u32>(USED, n);
  finish();
}

/** CFB-1 (FIPS 81): one block operation per bit, `bits` bits, most significant bit of each byte first. */
export function cfb1(bits: i32, decrypt: bool): void {
  let reg = loadBlock(STATE);
  for (let i = 0; i < bits; i++) {
    const p = DATA + (i >> 3);
    const shift = 7 - (i & 7);
    const x = (<u32>load<u8>(p) >> shift) & 1;
    const o = x ^ <u32>(crypt1(reg) >> 63);
    store<u8>(p, <u8>((<u32>load<u8>(p) & ~(1 << shift)) | (o << shift)));
    reg = (reg << 1) | <u64>(decrypt ? x : o);
  }
  storeBlock(STATE, reg);
  finish();
}


// ---------------------------------------------------------------------------------------------
// For the tests: the swap-move permutations on their own, to be checked against FIPS 46-3's tables.

export function initialPermutation(block: u64): u64 { return ip(block); }
export function finalPermutation(block: u64): u64 { return fp(block); }

// At instantiation, after every region above is laid out: the key-schedule look-ups.
deriveKeyLookups();

/**
 * The CBC chain under every MAC in des-wasm: C_0 = 0, C_i = E_K(C_{i-1} ⊕ M_i), of which only the
 * last C_i is kept. ISO/IEC 9797-1 MAC algorithms 1 and 3 and SP 800-38B CMAC differ only in how
 * they form the last block(s) and what they do with the last C, so the chain holds back the last
 * 1 … 8 bytes it is given and lets the MAC finish.
 *
 * Whole runs of blocks go to the engine as one CBC encryption with a zero IV; the engine's
 * chaining state carries C_i from one run to the next. The ciphertext of a run is needed only for
 * its last block, so it is written into a reused scratch buffer, at most RUN bytes at a time.
 * Small updates are gathered (up to GATHER bytes) before they go to the engine, so that data fed
 * a few bytes at a time still reaches it in runs rather than block by block.
 */
import { newState, runMode, wipeState } from '../engine/index.js';
import type { Direction, ModeState, Schedule } from '../engine/index.js';
import { wipe } from '../bytes.js';

export { BLOCK } from '../padding.js';
import { BLOCK } from '../padding.js';

/** Bytes encrypted per engine call: large enough to amortise the call, small enough to keep scratch small. */
const RUN = 16 * 1024;
/** Bytes of small updates gathered before an engine call (a multiple of BLOCK). */
const GATHER = 256;

export class CbcChain {
  private readonly state: ModeState = newState(new Uint8Array(BLOCK));
  /** Bytes absorbed and not yet encrypted: 0 … GATHER, 0 only before any data. */
  private readonly pending = new Uint8Array(GATHER);
  private pendingLength = 0;
  /** C_i of the last block encrypted; C_0 = 0. */
  private readonly chaining = new Uint8Array(BLOCK);
  private scratch: Uint8Array | null = null;

  /** `schedule` is an encryption schedule; it belongs to the caller, who wipes it. */
  constructor(private readonly schedule: Schedule) {}

  /** Take in data. Every block is encrypted once a later byte shows that it is not the last. */
  absorb(data: Uint8Array): void {
    if (this.pendingLength + data.length <= GATHER) {
      this.pending.set(data, this.pendingLength);
      this.pendingLength += data.length;
      return;
    }
    // Complete the pending bytes to a block boundary and encrypt them. GATHER is a multiple of
    // BLOCK, so data holds those bytes and at least one more: the pending blocks are not the last.
    const fill = (BLOCK - (this.pendingLength % BLOCK)) % BLOCK;
    this.pending.set(data.subarray(0, fill), this.pendingLength);
    this.encrypt(this.pending.subarray(0, this.pendingLength + fill));
    // Encrypt the rest of data straight from the caller's buffer, except its last 1 … 8 bytes.
    const rest = data.subarray(fill);
    const keep = ((rest.length - 1) % BLOCK) + 1;
    this.encrypt(rest.subarray(0, rest.length - keep));
    this.pending.set(rest.subarray(rest.length - keep));
    this.pendingLength = keep;
  }

  /**
   * Encrypt all but the last 0 … 8 bytes absorbed and return those (M_n*, the tail the MAC pads),
   * as a view that the next call overwrites. Empty only if no data was absorbed.
   */
  takeTail(): Uint8Array {
    const keep = this.pendingLength === 0 ? 0 : ((this.pendingLength - 1) % BLOCK) + 1;
    const whole = this.pendingLength - keep;
    this.encrypt(this.pending.subarray(0, whole));
    this.pending.copyWithin(0, whole, this.pendingLength);
    this.pendingLength = keep;
    return this.pending.subarray(0, keep);
  }

  /** Encrypt the final block(s) the MAC formed from the tail (0, 8 or 16 bytes) and return C_n, a copy. */
  finish(finalBlocks: Uint8Array): Uint8Array {
    this.encrypt(finalBlocks);
    return this.chaining.slice();
  }

  /** Wipe the pending bytes, the chaining value and the scratch. The schedule is the caller's. */
  destroy(): void {
    wipe(this.pending, this.chaining, this.scratch ?? undefined);
    this.pendingLength = 0;
    this.scratch = null;
    wipeState(this.state);
  }

  /** CBC-encrypt a whole number of blocks and keep the last output block as C_i. */
  private encrypt(blocks: Uint8Array): void {
    if (blocks.length === 0) return;
    const size = Math.min(RUN, blocks.length);
    if (this.scratch === null || this.scratch.length < size) {
      wipe(this.scratch ?? undefined);
      this.scratch = new Uint8Array(size);
    }
    let out = this.scratch;
    for (let at = 0; at < blocks.length; at += RUN) {
      const run = blocks.subarray(at, at + RUN);
      out = this.scratch.subarray(0, run.length);
      runMode('cbc', 'encrypt', this.schedule, this.state, run, out);
    }
    this.chaining.set(out.subarray(out.length - BLOCK));
  }
}

/** One block through the bare block cipher (ECB): E_K(x), or D_K(x) with a decryption schedule. */
export function cipherBlock(schedule: Schedule, direction: Direction, block: Uint8Array): Uint8Array {
  const state = newState();
  const out = new Uint8Array(BLOCK);
  try {
    runMode('ecb', direction, schedule, state, block, out);
    return out;
  } finally {
    wipeState(state);
  }
}

/** x ^= y over one block, in place. */
export function xorInto(x: Uint8Array, y: Uint8Array): void {
  for (let i = 0; i < BLOCK; i++) x[i] ^= y[i];
}

/** What each MAC algorithm gives the public layer: take data, then produce the full 8-byte MAC once. */
export interface MacCore {
  absorb(data: Uint8Array): void;
  /** The untruncated MAC. Called once; the caller then calls destroy(). */
  finish(): Uint8Array;
  /** Wipe every secret the core holds (schedules, chaining state, buffered data). Idempotent. */
  destroy(): void;
}

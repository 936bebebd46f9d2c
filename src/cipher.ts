/**
 * The streaming core under every API: it turns a key and a mode record into an object with
 * update() and final(), and is the one place that knows what happens at the end of a message —
 * the final-block policies of the registry:
 *
 *   padded   ECB, CBC: partial blocks wait; on decryption the last whole block waits too (when the
 *            padding always adds a block), to be unpadded at final()
 *   stream   CFB, OFB, CTR: every byte goes straight through
 *   cs1 cs2 cs3   CBC with ciphertext stealing (NIST SP 800-38A Addendum): the last two blocks
 *            (the last of them partial or whole) wait for final(), which steals and reorders them
 *
 * It hands whole runs of data to the engine and trusts its inputs: the public layers (oneshot.ts,
 * cipheriv.ts, batch.ts) validate.
 */
import { expandKey, newState, runMode, wipeState } from './engine/index.js';
import type { Algorithm, Direction, EngineMode, ModeState, Schedule } from './engine/index.js';
import { concatBytes, copyBytes, wipe } from './bytes.js';
import { fail } from './errors.js';
import { BLOCK, pad, paddedLength, padInto, padsAlignedData, unpaddedLength, wrongLength } from './padding.js';
import type { Padding } from './padding.js';
import type { FinalBlock } from './registry.js';

/** The block cipher's direction for a mode: the stream modes run it forwards both ways. */
export function blockDirection(finalBlock: FinalBlock, direction: Direction): Direction {
  return finalBlock === 'stream' ? 'encrypt' : direction;
}

/**
 * A checked key as the engine takes it, in a new array for the caller to wipe: a 16-byte TDES
 * key K1‖K2 becomes K1‖K2‖K1 (keying option 2 of SP 800-67), any other is copied as it is.
 */
export function engineKey(algorithm: Algorithm, key: Uint8Array): Uint8Array {
  return algorithm === 'tdes' && key.length === 16 ? concatBytes([key, key.subarray(0, 8)]) : copyBytes(key);
}

/**
 * Expand a checked key for the engine, for the block cipher's `direction` (16-byte TDES keys by
 * keying option 2, see engineKey). With `constantTime`, every block goes through the bitsliced
 * engine (ERR_DES_UNSUPPORTED, from the engine, where there is no SIMD).
 */
export function keySchedule(algorithm: Algorithm, direction: Direction, key: Uint8Array,
  options: { constantTime?: boolean } = {}): Schedule {
  const full = engineKey(algorithm, key);
  try {
    return expandKey(algorithm, full, direction, options);
  } finally {
    wipe(full);
  }
}

/** What one message needs: the engine kernel, its final-block policy and (padded) the padding. */
export interface Run {
  kernel: EngineMode;
  finalBlock: Exclude<FinalBlock, 'wrap'>;
  padding: Padding;
  direction: Direction;
  schedule: Schedule;
}

/** One encryption or decryption in progress. */
export class CipherStream {
  private readonly state: ModeState;
  /** Bytes that wait: a partial block, a held-back last block, or (ciphertext stealing) the last two. */
  private readonly pending = new Uint8Array(2 * BLOCK);
  private pendingLength = 0;

  constructor(private readonly run: Run, iv: Uint8Array | null) {
    this.state = newState(iv ?? undefined);
  }

  setPadding(padding: Padding): void {
    this.run.padding = padding;
  }

  /** How many of `total` bytes (pending and new) must wait for more data or for final(). */
  private waiting(total: number): number {
    const { finalBlock, direction, padding } = this.run;
    if (finalBlock === 'padded') {
      const holdBack = direction === 'decrypt' && padsAlignedData(padding);
      return holdBack && total > 0 && total % BLOCK === 0 ? BLOCK : total % BLOCK;
    }
    // Ciphertext stealing: the last block (partial or whole) and the one before it.
    return total <= 2 * BLOCK ? total : ((total - 1) % BLOCK) + 1 + BLOCK;
  }

  update(data: Uint8Array): Uint8Array {
    const { kernel, direction, schedule, finalBlock } = this.run;
    if (finalBlock === 'stream') {
      const out = new Uint8Array(data.length);
      runMode(kernel, direction, schedule, this.state, data, out);
      return out;
    }
    const usable = this.pendingLength + data.length - this.waiting(this.pendingLength + data.length);
    const out = new Uint8Array(usable);
    let written = 0, fromData = 0;
    if (usable > 0 && this.pendingLength > 0) {
      // The whole blocks that hold the waiting bytes first (topped up from the data), then the
      // rest of the data straight through.
      const head = Math.min(usable, Math.ceil(this.pendingLength / BLOCK) * BLOCK);
      const fromPending = Math.min(head, this.pendingLength);
      fromData = head - fromPending;
      const blocks = new Uint8Array(head);
      blocks.set(this.pending.subarray(0, fromPending));
      blocks.set(data.subarray(0, fromData), fromPending);
      runMode(kernel, direction, schedule, this.state, blocks, out.subarray(0, head));
      wipe(blocks);
      this.pending.copyWithin(0, fromPending, this.pendingLength);
      this.pendingLength -= fromPending;
      written = head;
    }
    if (usable > written) {
      const direct = usable - written;
      runMode(kernel, direction, schedule, this.state, data.subarray(fromData, fromData + direct), out.subarray(written));
      fromData += direct;
    }
    const rest = data.subarray(fromData);
    this.pending.set(rest, this.pendingLength);
    this.pendingLength += rest.length;
    return out;
  }

  final(): Uint8Array {
    try {
      const { finalBlock } = this.run;
      if (finalBlock === 'stream') return new Uint8Array(0);
      const tail = this.pending.subarray(0, this.pendingLength);
      return finalBlock === 'padded' ? this.finalPadded(tail) : this.finalStealing(tail, finalBlock);
    } finally {
      this.destroy();
    }
  }

  private finalPadded(tail: Uint8Array): Uint8Array {
    const { kernel, direction, schedule, padding } = this.run;
    if (direction === 'encrypt') {
      const last = pad(tail, padding);
      const out = new Uint8Array(last.length);
      runMode(kernel, direction, schedule, this.state, last, out);
      wipe(last);
      return out;
    }
    // Data under a padding that adds nothing to aligned data may end on a block boundary.
    if (tail.length === 0 && !padsAlignedData(padding)) return new Uint8Array(0);
    if (tail.length !== BLOCK) throw wrongLength();
    const last = new Uint8Array(BLOCK);
    runMode(kernel, direction, schedule, this.state, tail, last);
    try {
      return last.slice(0, unpaddedLength(last, padding));
    } finally {
      wipe(last);
    }
  }

  /**
   * CBC-CS1/2/3 (SP 800-38A Addendum) over the last 8 … 16 bytes. With d bytes in the last block
   * P*n: encryption runs CBC over Pn-1 and P*n ‖ 0…, giving Cn-1 and Cn, and sends the first d
   * bytes of Cn-1 (C*n-1) and Cn — CS1 in that order, CS3 swapped, CS2 swapped unless d = 8.
   * Decryption: Z = D(Cn) (no chaining), Cn-1 = C*n-1 ‖ the last 8 − d bytes of Z, P*n = the
   * first d bytes of Z ⊕ C*n-1, and Pn-1 by CBC from Cn-1.
   */
  private finalStealing(tail: Uint8Array, variant: 'cs1' | 'cs2' | 'cs3'): Uint8Array {
    const { direction, schedule } = this.run;
    if (tail.length < BLOCK) {
      throw fail('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', `ciphertext stealing needs at least one whole block (8 bytes), got ${tail.length}`);
    }
    const out = new Uint8Array(tail.length);
    if (tail.length === BLOCK) {                      // one block: plain CBC, every variant
      runMode('cbc', direction, schedule, this.state, tail, out);
      return out;
    }
    const d = tail.length - BLOCK;
    const swapped = variant === 'cs3' || (variant === 'cs2' && d < BLOCK);
    const work = new Uint8Array(2 * BLOCK);
    try {
      if (direction === 'encrypt') {
        work.set(tail);                               // Pn-1 ‖ P*n ‖ zeros
        runMode('cbc', 'encrypt', schedule, this.state, work, work);
        const cPrevShort = work.subarray(0, d), cLast = work.subarray(BLOCK);
        if (swapped) { out.set(cLast); out.set(cPrevShort, BLOCK); } else { out.set(cPrevShort); out.set(cLast, d); }
        return out;
      }
      const cLast = swapped ? tail.subarray(0, BLOCK) : tail.subarray(d);
      const cPrevShort = swapped ? tail.subarray(BLOCK) : tail.subarray(0, d);
      const z = work.subarray(BLOCK);
      runMode('ecb', 'decrypt', schedule, newState(), cLast, z);
      const cPrev = work.subarray(0, BLOCK);
      cPrev.set(cPrevShort);
      cPrev.set(z.subarray(d), d);
      for (let i = 0; i < d; i++) out[BLOCK + i] = z[i] ^ cPrevShort[i];
      runMode('cbc', 'decrypt', schedule, this.state, cPrev, out.subarray(0, BLOCK));
      return out;
    } finally {
      wipe(work);
    }
  }

  /** Wipe the chaining state and any buffered data. The schedule belongs to the caller. */
  destroy(): void {
    wipe(this.pending);
    this.pendingLength = 0;
    wipeState(this.state);
  }
}

/**
 * A whole message in one engine call: what the one-shot API, key check values and key wrap do.
 * The same result as a CipherStream's update() and final(), without its buffering (which costs
 * a second call). On failure nothing is returned and the partial plaintext is wiped. A stream mode
 * with a padding (what crypto-js writes) pads and unpads as ECB and CBC do.
 */
export function runOnce(run: Run, iv: Uint8Array | null, data: Uint8Array, counterBits = 64): Uint8Array {
  const { kernel, direction, schedule, padding, finalBlock } = run;
  if (finalBlock === 'cs1' || finalBlock === 'cs2' || finalBlock === 'cs3') {
    const stream = new CipherStream(run, iv);
    const head = stream.update(data);
    return head.length === 0 ? stream.final() : concatBytes([head, stream.final()]);
  }
  const state = newState(iv ?? undefined);
  const engine = (input: Uint8Array, output: Uint8Array) => {
    if (kernel === 'ctr' && counterBits < 64) ctrWrapping(schedule, state, counterBits, input, output);
    else runMode(kernel, direction, schedule, state, input, output);
  };
  try {
    if (finalBlock === 'stream' && padding === 'none') {
      const out = new Uint8Array(data.length);
      engine(data, out);
      return out;
    }
    if (direction === 'encrypt') {
      const out = new Uint8Array(paddedLength(data.length, padding));
      padInto(out, 0, data.length, padding);       // before the copy: a refused length copies nothing
      out.set(data);
      engine(out, out);
      return out;
    }
    if (data.length % BLOCK !== 0 || (data.length === 0 && padsAlignedData(padding))) throw wrongLength();
    const out = new Uint8Array(data.length);
    engine(data, out);
    if (padding === 'none' || out.length === 0) return out;
    try {
      return out.subarray(0, out.length - BLOCK + unpaddedLength(out.subarray(out.length - BLOCK), padding));
    } catch (error) {
      wipe(out);
      throw error;
    }
  } finally {
    wipeState(state);
  }
}

/**
 * CTR where only the low `bits` of the counter block count (SP 800-38A's counter field): the
 * engine's 64-bit increment is right up to the block where those bits wrap, so the message runs
 * in pieces that end there, the counter field set back to zero before each next piece.
 */
function ctrWrapping(schedule: Schedule, state: ModeState, bits: number, input: Uint8Array, output: Uint8Array): void {
  const field = (1n << BigInt(bits)) - 1n;
  const register = new DataView(state.register.buffer, state.register.byteOffset, BLOCK);
  for (let offset = 0; offset < input.length;) {
    const counter = register.getBigUint64(0);
    const toWrap = (field - (counter & field) + 1n) * BigInt(BLOCK);
    const take = BigInt(input.length - offset) < toWrap ? input.length - offset : Number(toWrap);
    runMode('ctr', 'encrypt', schedule, state, input.subarray(offset, offset + take), output.subarray(offset, offset + take));
    offset += take;
    if (offset < input.length) register.setBigUint64(0, counter & ~field);
  }
}

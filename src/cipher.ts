/**
 * The streaming core under every API: it turns a key and a mode into an object with update() and
 * final(), holds back partial blocks for ECB and CBC, pads and unpads, and hands whole runs of
 * data to the engine. It trusts its inputs: the public layers (oneshot.ts, cipheriv.ts) validate.
 */
import { expandKey, newState, runMode, wipeState } from './engine/index.js';
import type { Algorithm, Direction, EngineMode, ModeState, Schedule } from './engine/index.js';
import { wipe } from './bytes.js';
import { fail } from './errors.js';
import { pad, paddedLength, padInto, unpaddedLength, wrongLength } from './padding.js';
import type { Padding } from './padding.js';
import type { CipherInfo } from './names.js';

const BLOCK = 8;

/** True for the modes that turn DES into a stream cipher: they take any length and never pad. */
export function isStreamMode(mode: EngineMode): boolean {
  return mode !== 'ecb' && mode !== 'cbc';
}

/** Whether a named cipher takes a padding scheme: ECB and CBC do; stream modes and key wrap do not. */
export function takesPadding(info: CipherInfo): boolean {
  return info.algorithm !== 'wrap' && !isStreamMode(info.mode);
}

/**
 * Expand a checked key for the engine. A 16-byte TDES key K1‖K2 becomes K1‖K2‖K1 (keying option 2
 * of SP 800-67). Stream modes run the block cipher forwards in both directions. With
 * `constantTime`, every block goes through the bitsliced engine (ERR_DES_UNSUPPORTED, from the
 * engine, where the runtime has no WebAssembly SIMD).
 */
export function scheduleFor(algorithm: Algorithm, mode: EngineMode, direction: Direction, key: Uint8Array,
  options: { constantTime?: boolean } = {}): Schedule {
  const blockDirection: Direction = isStreamMode(mode) ? 'encrypt' : direction;
  if (algorithm === 'tdes' && key.length === 16) {
    const full = new Uint8Array(24);
    full.set(key);
    full.set(key.subarray(0, 8), 16);
    try {
      return expandKey(algorithm, full, blockDirection, options);
    } finally {
      wipe(full);
    }
  }
  return expandKey(algorithm, key, blockDirection, options);
}

/** One encryption or decryption in progress. */
export class CipherStream {
  private readonly state: ModeState;
  /** ECB/CBC only: bytes not yet processed (a partial block, or on decryption the held-back last block). */
  private readonly pending = new Uint8Array(BLOCK);
  private pendingLength = 0;

  constructor(
    private readonly mode: EngineMode,
    private readonly direction: Direction,
    private readonly schedule: Schedule,
    iv: Uint8Array | null,
    private padding: Padding,
  ) {
    this.state = newState(iv ?? undefined);
  }

  setPadding(padding: Padding): void {
    this.padding = padding;
  }

  update(data: Uint8Array): Uint8Array {
    if (isStreamMode(this.mode)) {
      const out = new Uint8Array(data.length);
      runMode(this.mode, this.direction, this.schedule, this.state, data, out);
      return out;
    }
    // On decryption with padding the last whole block is held back until final(), which unpads it.
    const holdBack = this.direction === 'decrypt' && this.padding !== 'none';
    const total = this.pendingLength + data.length;
    let usable = total - (total % BLOCK);
    if (holdBack && usable === total && usable > 0) usable -= BLOCK;
    const out = new Uint8Array(usable);
    let consumed = 0;
    let written = 0;
    if (usable > 0 && this.pendingLength > 0) {
      // Complete the pending block first, then run the rest of the data straight through.
      consumed = BLOCK - this.pendingLength;
      this.pending.set(data.subarray(0, consumed), this.pendingLength);
      runMode(this.mode, this.direction, this.schedule, this.state, this.pending, out.subarray(0, BLOCK));
      this.pendingLength = 0;
      written = BLOCK;
    }
    if (usable > written) {
      const direct = usable - written;
      runMode(this.mode, this.direction, this.schedule, this.state,
        data.subarray(consumed, consumed + direct), out.subarray(written));
      consumed += direct;
    }
    const rest = data.subarray(consumed);
    this.pending.set(rest, this.pendingLength);
    this.pendingLength += rest.length;
    return out;
  }

  final(): Uint8Array {
    try {
      if (isStreamMode(this.mode)) return new Uint8Array(0);
      const tail = this.pending.subarray(0, this.pendingLength);
      if (this.direction === 'encrypt') {
        const last = pad(tail, this.padding);
        const out = new Uint8Array(last.length);
        runMode(this.mode, this.direction, this.schedule, this.state, last, out);
        wipe(last);
        return out;
      }
      // Unpadded (and zero-padded) data may end on a block boundary; padded data always has a last block.
      const unpadded = this.padding === 'none' || this.padding === 'zero';
      if (this.pendingLength === 0 && unpadded) return new Uint8Array(0);
      if (this.pendingLength !== BLOCK) throw wrongLength();
      const last = new Uint8Array(BLOCK);
      runMode(this.mode, this.direction, this.schedule, this.state, this.pending, last);
      try {
        return last.slice(0, unpaddedLength(last, this.padding));
      } finally {
        wipe(last);
      }
    } finally {
      this.destroy();
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
 * a second call). On failure nothing is returned and the partial plaintext is wiped.
 */
export function runOnce(mode: EngineMode, direction: Direction, schedule: Schedule, iv: Uint8Array | null,
  padding: Padding, data: Uint8Array): Uint8Array {
  const state = newState(iv ?? undefined);
  try {
    if (isStreamMode(mode)) {
      const out = new Uint8Array(data.length);
      runMode(mode, direction, schedule, state, data, out);
      return out;
    }
    const whole = data.length - (data.length % BLOCK);
    if (direction === 'encrypt') {
      const out = new Uint8Array(paddedLength(data.length, padding));
      padInto(out, 0, data.length, padding);       // before the copy: a refused length copies nothing
      out.set(data);
      runMode(mode, direction, schedule, state, out, out);
      return out;
    }
    const unpadded = padding === 'none' || padding === 'zero';
    if (whole !== data.length || (data.length === 0 && !unpadded)) throw wrongLength();
    const out = new Uint8Array(data.length);
    runMode(mode, direction, schedule, state, data, out);
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


/**
 * ISO/IEC 9797-1 MAC algorithm 1 (CBC-MAC; with DES and padding method 1 also FIPS 113 / ANSI X9.9)
 * and MAC algorithm 3 (the retail MAC, ANSI X9.19), for the 64-bit blocks of DES and TDES.
 *
 * The standard's model, step by step:
 *   1. Padding                 method 1: '0' bits up to a multiple of 64; the empty string becomes
 *                                        one zero block, as the padded string must have at least one block
 *                              method 2: one '1' bit (byte 0x80), then '0' bits up to a multiple of 64
 *                                        (always 1 … 8 bytes are added)
 *                              method 3: a block L = the data length in bits, big-endian, then the
 *                                        data, then '0' bits up to a multiple of 64 (none when
 *                                        aligned; the empty string is L alone)
 *   2. Splitting               into blocks D_1 … D_q
 *   3. Initial transformation 1: H_1 = e_K(D_1)
 *   4. Iteration               H_i = e_K(H_{i-1} ⊕ D_i)              (3 and 4: CBC, zero IV)
 *   5. Output transformation   algorithm 1 (transformation 1): G = H_q
 *                              algorithm 3 (transformation 3): G = e_K(d_K'(H_q))
 *   6. Truncation              the leftmost bytes of G (done by the public layer, mac.ts)
 * In algorithm 1, e_K is DES or TDES as the key length says. In algorithm 3 it is single DES under
 * K, and K' is used only in step 5, so that only the last block costs a Triple-DES operation.
 */
import { keySchedule } from '../cipher.js';
import type { Schedule } from '../engine/index.js';
import { copyBytes, wipe } from '../bytes.js';
import { BLOCK, CbcChain, cipherBlock } from './chain.js';
import type { MacCore } from './chain.js';

/** The padding methods of ISO/IEC 9797-1. */
export type IsoPadding = 1 | 2 | 3;

/** Padding method 3's block L: the length of the unpadded data in bits, as a 64-bit big-endian number. */
export function lengthBlock(byteLength: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  new DataView(block.buffer).setBigUint64(0, BigInt(byteLength) * 8n);
  return block;
}

/**
 * Step 1 at the end of the data: the padded last block(s) for the last 0 … 8 bytes. The tail is
 * empty only for empty data (under method 3 the tail is at least L, which the chain held back).
 */
export function paddedTail(tail: Uint8Array, method: IsoPadding): Uint8Array {
  if (method === 2) {
    const out = new Uint8Array(tail.length === BLOCK ? 2 * BLOCK : BLOCK);
    out.set(tail);
    out[tail.length] = 0x80;
    return out;
  }
  // Methods 1 and 3: zeros up to the block boundary; an empty tail becomes one zero block.
  const out = new Uint8Array(BLOCK);
  out.set(tail);
  return out;
}

/** Algorithms 1 and 3 over a stream of data. */
class Iso9797Mac implements MacCore {
  private readonly chain: CbcChain;
  private received = 0;
  /** Method 3 without a declared length: L comes first, so the data waits here until digest. */
  private buffered: Uint8Array[] | null = null;

  /**
   * The schedules are owned from here on and wiped by destroy(): `k` encrypts (DES or TDES),
   * `kPrimeInverse` (algorithm 3 only) is a single-DES decryption schedule for K'. `dataLength`,
   * when given, is what the data will add up to (the caller holds the data to it).
   */
  constructor(
    private readonly k: Schedule,
    private readonly kPrimeInverse: Schedule | null,
    private readonly padding: IsoPadding,
    dataLength: number | undefined,
  ) {
    this.chain = new CbcChain(k);
    if (padding === 3) {
      if (dataLength === undefined) this.buffered = [];
      else this.chain.absorb(lengthBlock(dataLength));
    }
  }

  absorb(data: Uint8Array): void {
    this.received += data.length;
    if (this.buffered) this.buffered.push(copyBytes(data));
    else this.chain.absorb(data);
  }

  finish(): Uint8Array {
    if (this.buffered) {
      this.chain.absorb(lengthBlock(this.received));
      for (const chunk of this.buffered) this.chain.absorb(chunk);
      wipe(...this.buffered);
      this.buffered = [];
    }
    const last = paddedTail(this.chain.takeTail(), this.padding);
    const h = this.chain.finish(last);
    wipe(last);
    if (this.kPrimeInverse === null) return h;
    // Output transformation 3: G = e_K(d_K'(H_q)).
    const middle = cipherBlock(this.kPrimeInverse, 'decrypt', h);
    const g = cipherBlock(this.k, 'encrypt', middle);
    wipe(h, middle);
    return g;
  }

  destroy(): void {
    this.chain.destroy();
    if (this.buffered) wipe(...this.buffered);
    this.buffered = null;
    this.k.wipe();
    this.kPrimeInverse?.wipe();
  }
}

/** MAC algorithm 1 under a checked 8-, 16- or 24-byte key (DES for 8 bytes, TDES otherwise). */
export function cbcMacCore(key: Uint8Array, padding: IsoPadding, dataLength?: number): MacCore {
  const k = keySchedule(key.length === 8 ? 'des' : 'tdes', 'encrypt', key);
  return new Iso9797Mac(k, null, padding, dataLength);
}

/** MAC algorithm 3 under a checked 16-byte key K ‖ K'. */
export function retailMacCore(key: Uint8Array, padding: IsoPadding, dataLength?: number): MacCore {
  const k = keySchedule('des', 'encrypt', key.subarray(0, BLOCK));
  try {
    const kPrimeInverse = keySchedule('des', 'decrypt', key.subarray(BLOCK, 2 * BLOCK));
    return new Iso9797Mac(k, kPrimeInverse, padding, dataLength);
  } catch (error) {
    k.wipe();
    throw error;
  }
}

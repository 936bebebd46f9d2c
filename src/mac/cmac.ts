/**
 * CMAC, NIST SP 800-38B, for the 64-bit block of DES and TDES (b = 64, R_64 = 0^59 ‖ 11011 = 0x1B).
 *
 * Subkey generation (§6.1):
 *   1. L = CIPH_K(0^64)
 *   2. K1 = L << 1, and if MSB(L) = 1 then K1 = (L << 1) ⊕ R_64
 *   3. K2 = K1 << 1, and if MSB(K1) = 1 then K2 = (K1 << 1) ⊕ R_64
 * MAC generation (§6.2):
 *   1. n = ⌈Mlen / b⌉, and n = 1 for the empty message
 *   2. M_1 … M_n*, the last block possibly partial
 *   3. M_n = K1 ⊕ M_n* if M_n* is a complete block, else K2 ⊕ (M_n* ‖ 10^j)
 *   4. C_0 = 0;  C_i = CIPH_K(C_{i-1} ⊕ M_i) for i = 1 … n       (CBC, zero IV)
 *   5. T = MSB_Tlen(C_n)                                          (truncation: the public layer)
 * The key length chooses CIPH: DES for 8 bytes, TDES for 16 (K1 ‖ K2, K3 = K1) and 24 bytes.
 */
import { keySchedule } from '../cipher.js';
import type { Schedule } from '../engine/index.js';
import { wipe } from '../bytes.js';
import { BLOCK, CbcChain, cipherBlock, xorInto } from './chain.js';
import type { MacCore } from './chain.js';

/** R_64 of SP 800-38B §5.3, as its last byte (the other seven are zero). */
const RB_64 = 0x1b;

/** One doubling step of §6.1: x << 1, then ⊕ R_64 when the bit shifted out was 1 (without branching on it). */
function double(x: Uint8Array): Uint8Array {
  const out = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK - 1; i++) out[i] = ((x[i] << 1) | (x[i + 1] >>> 7)) & 0xff;
  out[BLOCK - 1] = ((x[BLOCK - 1] << 1) & 0xff) ^ (RB_64 & -(x[0] >>> 7));
  return out;
}

/** §6.1 steps 2 and 3: the subkeys K1 and K2 from L = CIPH_K(0^64). */
export function subkeysFromL(l: Uint8Array): [Uint8Array, Uint8Array] {
  const k1 = double(l);
  return [k1, double(k1)];
}

class Cmac implements MacCore {
  private readonly chain: CbcChain;

  /** `schedule` (encryption) is owned from here on and wiped by destroy(). */
  constructor(private readonly schedule: Schedule) {
    this.chain = new CbcChain(schedule);
  }

  absorb(data: Uint8Array): void {
    this.chain.absorb(data);
  }

  finish(): Uint8Array {
    // The subkeys are made here, used for one block and wiped: they never outlive digest().
    const l = cipherBlock(this.schedule, 'encrypt', new Uint8Array(BLOCK));
    const [k1, k2] = subkeysFromL(l);
    const tail = this.chain.takeTail();             // 0 … 8 bytes: M_n*
    const last = new Uint8Array(BLOCK);
    last.set(tail);
    if (tail.length === BLOCK) {
      xorInto(last, k1);
    } else {
      last[tail.length] = 0x80;                      // M_n* ‖ 10^j
      xorInto(last, k2);
    }
    const t = this.chain.finish(last);
    wipe(l, k1, k2, last);
    return t;
  }

  destroy(): void {
    this.chain.destroy();
    this.schedule.wipe();
  }
}

/** CMAC under a checked 8-, 16- or 24-byte key. */
export function cmacCore(key: Uint8Array): MacCore {
  return new Cmac(keySchedule(key.length === 8 ? 'des' : 'tdes', 'encrypt', key));
}

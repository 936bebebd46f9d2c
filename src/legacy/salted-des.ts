/**
 * The salted DES of Unix crypt(3): the slow path, on purpose.
 *
 * crypt(3) perturbs DES with a salt: for every set bit i of the salt (bit 0 the least
 * significant; 12 bits in traditional crypt, 24 in BSDi's extended form) it exchanges entries i
 * and i + 24 of the E bit-selection table (Seventh Edition Unix crypt.c does exactly this to its
 * copy of E). That is a different cipher from DES, so it cannot be had from des-wasm's ECB or
 * its engine; and it exists only to check stored hashes, once per login, not to be fast.
 *
 * So it is the readable reference walk (src/reference.ts: Step 1 createSubkeys, Step 2
 * encodeBlock), run with a salted copy of FIPS 46-3's E table (src/fips46.ts, the one source of
 * those numbers). Nothing here is a table of its own.
 */
import { E } from '../fips46.js';
import { bitsToBytes, createSubkeys, encodeBlock } from '../reference.js';
import type { Bits } from '../reference.js';

/** E with entries i and i + 24 exchanged for every set bit i of `salt`. */
export function saltedExpansion(salt: number): number[] {
  const e = [...E];
  for (let i = 0; i < 24; i++) {
    if ((salt >>> i) & 1) [e[i], e[i + 24]] = [e[i + 24], e[i]];
  }
  return e;
}

/**
 * The zero block encrypted `count` times in a row under `key` with the salted E (crypt(3)'s
 * do_des). Each pass is a whole DES: IP, sixteen rounds, IP⁻¹. Returns the 8-byte result.
 */
export function saltedDesOfZero(key: Uint8Array, salt: number, count: number): Uint8Array {
  const expansion = saltedExpansion(salt);
  const subkeys = createSubkeys(key);                      // Step 1, once: the key does not change
  let block: Bits = new Array(64).fill(0);
  try {
    for (let n = 0; n < count; n++) {
      const step = encodeBlock(block, subkeys.k, expansion); // Step 2 with the salted E
      block.fill(0);
      block = step.output;
      for (const round of step.rounds) { round.l.fill(0); round.r.fill(0); round.mixed.fill(0); }
    }
    return bitsToBytes(block);
  } finally {
    block.fill(0);
    for (const k of subkeys.k) k.fill(0);
    for (const half of [...subkeys.c, ...subkeys.d, subkeys.kPlus]) half.fill(0);
  }
}

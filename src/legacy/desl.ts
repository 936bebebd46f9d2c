/**
 * The single-DES building blocks of the Microsoft challenge–response protocols.
 *
 *   spreadKey(7 bytes)  → 8-byte DES key: the 56 key bits, seven to a byte in the high bits, the
 *                         low (parity) bit left 0 — DES ignores it (FIPS 46-3 §3; MS-NLMP §6
 *                         "DES(K, D)"; RFC 2759 §8.6 DesEncrypt).
 *   desl(K16, C8)       → DESL (MS-NLMP §6): K zero-padded to 21 bytes, cut into three 7-byte keys,
 *                         C encrypted under each; the three blocks are the 24-byte response.
 *                         RFC 2759 §8.5 ChallengeResponse is the same function.
 *
 * Built on des-wasm's public API (des.ecb, through ../subpath/blocks.ts).
 */
import { wipe } from '../bytes.js';
import { ecb } from '../subpath/blocks.js';

/** Seven key bytes (56 bits) spread into an 8-byte DES key, seven bits per byte, parity bits 0. */
export function spreadKey(seven: Uint8Array): Uint8Array {
  const key = new Uint8Array(8);
  for (let i = 0; i < 8; i++) {
    const before = i > 0 ? seven[i - 1] << (8 - i) : 0;   // the low i bits of the previous byte …
    const here = i < 7 ? seven[i] >> i : 0;               // … then the high 7 - i bits of this one
    key[i] = (before | here) & 0xfe;
  }
  return key;
}

/** DESL(K, D), MS-NLMP §6: a 16-byte hash and an 8-byte challenge give the 24-byte response. */
export function desl(hash: Uint8Array, challenge: Uint8Array): Uint8Array {
  const padded = new Uint8Array(21);                      // K ‖ Z(5)
  padded.set(hash);
  const response = new Uint8Array(24);
  const keys: Uint8Array[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      keys.push(spreadKey(padded.subarray(7 * i, 7 * i + 7)));
      response.set(ecb(keys[i], 'encrypt', challenge), 8 * i);
    }
    return response;
  } finally {
    wipe(padded, ...keys);
  }
}

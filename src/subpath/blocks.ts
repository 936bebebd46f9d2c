/**
 * DES and Triple-DES on whole 8-byte blocks, on des-wasm's public API, for the payment, smart-card
 * and legacy protocols (des-wasm/payments, des-wasm/smartcard, des-wasm/legacy), which are built
 * from single-block operations: an 8-byte key is single DES (FIPS 46-3), a 16- or 24-byte key
 * TDEA (SP 800-67; 16 bytes K1 ‖ K2 with K3 = K1). No padding: callers pass whole blocks and
 * check key lengths first; this trusts them. Each call expands the key, runs and wipes the
 * schedule (destroy()).
 */
import { des, tdes } from '../api.js';
import type { Cipher } from '../api.js';

export type Direction = 'encrypt' | 'decrypt';

function run<T>(cipher: Cipher, use: (c: Cipher) => T): T {
  try {
    return use(cipher);
  } finally {
    cipher.destroy();
  }
}

const family = (key: Uint8Array) => (key.length === 8 ? des : tdes);

/** ECB encryption or decryption of whole blocks: DES for an 8-byte key, TDES for 16 or 24 bytes. */
export function ecb(key: Uint8Array, direction: Direction, data: Uint8Array): Uint8Array {
  return run(family(key).ecb(key, { padding: 'none' }), (c) => c[direction](data));
}

/** CBC encryption or decryption of whole blocks from `iv`: DES for an 8-byte key, TDES for 16 or 24 bytes. */
export function cbc(key: Uint8Array, iv: Uint8Array, direction: Direction, data: Uint8Array): Uint8Array {
  return run(family(key).cbc(key, iv, { padding: 'none' }), (c) => c[direction](data));
}

/** a ⊕ b into a new array (a.length bytes; b at least as long). */
export function xor(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** The last 8-byte block of `data` (a view). */
export function lastBlock(data: Uint8Array): Uint8Array {
  return data.subarray(data.length - 8);
}

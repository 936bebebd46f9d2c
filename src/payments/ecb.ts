/**
 * One job the payment functions share: encrypt whole blocks in ECB under a DES key (8 bytes) or a
 * Triple-DES key (16 or 24 bytes), through des-wasm's public API, the expanded key wiped after.
 * Callers check key lengths first; this trusts them.
 */
import { des, tdes } from '../index.js';

export function ecbEncrypt(key: Uint8Array, blocks: Uint8Array): Uint8Array {
  const cipher = (key.length === 8 ? des : tdes).ecb(key, { padding: 'none' });
  try {
    return cipher.encrypt(blocks);
  } finally {
    cipher.destroy();
  }
}

/**
 * One 8-byte block through DES or Triple-DES in ECB, on des-wasm's public API: an 8-byte key is
 * single DES (FIPS 46-3), a 16- or 24-byte key is TDEA (SP 800-67; 16 bytes K1 ‖ K2 with K3 = K1).
 * The payment standards are built from single-block operations like these (ISO 9564 PIN blocks,
 * the X9.24 key derivations); each call expands the key, runs one block and wipes the schedule.
 */
import { des, tdes } from '../index.js';

function oneBlock(key: Uint8Array, block: Uint8Array, direction: 'encrypt' | 'decrypt'): Uint8Array {
  const cipher = key.length === 8 ? des.ecb(key, { padding: 'none' }) : tdes.ecb(key, { padding: 'none' });
  try {
    return direction === 'encrypt' ? cipher.encrypt(block) : cipher.decrypt(block);
  } finally {
    cipher.destroy();
  }
}

/** E_K(block): DES for an 8-byte key, TDES for 16 or 24 bytes. The block must be 8 bytes. */
export function encryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return oneBlock(key, block, 'encrypt');
}

/** D_K(block): DES for an 8-byte key, TDES for 16 or 24 bytes. The block must be 8 bytes. */
export function decryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return oneBlock(key, block, 'decrypt');
}

/** a ⊕ b into a new array (equal lengths). */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/**
 * The LAN Manager one-way function LMOWFv1 (MS-NLMP §3.3.1), used only inside the NTLMv1 LM
 * response (ntlm.ts) and not exported from des-wasm/legacy: an LM hash is a password equivalent.
 *
 *   1. Upper-case the password and encode it in the OEM code page; zero-pad it to 14 bytes.
 *   2. Spread each 7-byte half into a DES key (desl.ts spreadKey).
 *   3. LMOWFv1 = DES(K1, "KGS!@#$%") ‖ DES(K2, "KGS!@#$%").
 *
 * des-wasm computes it only for printable ASCII passwords of at most 14 characters, where the
 * OEM code page does not matter; for anything else there is no LM hash (lmPasswordBytes → null).
 */
import { wipe } from '../bytes.js';
import { ecb } from '../subpath/blocks.js';
import { spreadKey } from './desl.js';

/** The constant both halves encrypt (MS-NLMP §3.3.1). */
const KGS = new Uint8Array([0x4b, 0x47, 0x53, 0x21, 0x40, 0x23, 0x24, 0x25]);   // "KGS!@#$%"

/** The upper-cased ASCII bytes of a printable ASCII password of at most 14 characters, else null. */
export function lmPasswordBytes(password: string): Uint8Array | null {
  if (password.length > 14 || !/^[\x20-\x7e]*$/.test(password)) return null;
  const out = new Uint8Array(password.length);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[i] = c >= 0x61 && c <= 0x7a ? c - 0x20 : c;      // a-z → A-Z; nothing else changes
  }
  return out;
}

/** LMOWFv1 of a password already upper-cased and OEM-encoded, at most 14 bytes (steps 1–3). */
export function lmowfv1(oem: Uint8Array): Uint8Array {
  const padded = new Uint8Array(14);
  padded.set(oem.subarray(0, 14));
  const k1 = spreadKey(padded.subarray(0, 7));
  const k2 = spreadKey(padded.subarray(7, 14));
  try {
    const hash = new Uint8Array(16);
    hash.set(ecb(k1, 'encrypt', KGS), 0);
    hash.set(ecb(k2, 'encrypt', KGS), 8);
    return hash;
  } finally {
    wipe(padded, k1, k2);
  }
}

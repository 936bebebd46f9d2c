/**
 * Triple-DES key wrap, RFC 3217 §3 (OpenSSL's des3-wrap, id-smime-alg-CMS3DESwrap): how CMS
 * wraps one key under a TDES key-encryption key (KEK).
 *
 *   wrap:   1. ICV = the first 8 bytes of SHA-1(CEK)           (§2)
 *           2. TEMP1 = TDES-CBC_KEK(CEK ‖ ICV) under a random IV
 *           3. TEMP3 = the bytes of IV ‖ TEMP1 in reverse order
 *           4. result = TDES-CBC_KEK(TEMP3) under the fixed IV 4adda22c79e82105
 *   unwrap: the same steps backwards, then the ICV must match.
 */
import { hashes } from './hashes.js';
import { asBytes, concatBytes, equalBytes, expectLength, randomBytes, wipe } from './bytes.js';
import { fail } from './errors.js';
import { keySchedule, runOnce } from './cipher.js';
import type { Direction } from './engine/index.js';

/** RFC 3217 §3.1 step 8. */
const WRAP_IV = new Uint8Array([0x4a, 0xdd, 0xa2, 0x2c, 0x79, 0xe8, 0x21, 0x05]);

function cbc(kek: Uint8Array, iv: Uint8Array, direction: Direction, data: Uint8Array): Uint8Array {
  const schedule = keySchedule('tdes', direction, kek);
  try {
    return runOnce({ kernel: 'cbc', finalBlock: 'padded', padding: 'none', direction, schedule }, iv, data);
  } finally {
    schedule.wipe();
  }
}

function checksum(cek: Uint8Array): Uint8Array {
  const digest = hashes().hash('sha1', [cek]);
  try {
    return digest.slice(0, 8);
  } finally {
    wipe(digest);
  }
}

/** Wrap `cek` (a multiple of 8 bytes, normally a 24-byte TDES key) under a 24-byte KEK. `iv` is for tests only. */
export function wrapKey(kekIn: Uint8Array, cekIn: Uint8Array, ivIn?: Uint8Array): Uint8Array {
  const kek = expectLength(asBytes(kekIn, 'kek'), [24], 'kek');
  const cek = asBytes(cekIn, 'key');
  const iv = ivIn === undefined ? randomBytes(8) : expectLength(asBytes(ivIn, 'iv'), [8], 'iv', 'ERR_CRYPTO_INVALID_IV');
  if (cek.length === 0 || cek.length % 8 !== 0) {
    throw fail('ERR_DES_KEY_WRAP', `key wrap: the key to wrap must be a non-empty multiple of 8 bytes, got length=${cek.length}`);
  }
  const cekIcv = concatBytes([cek, checksum(cek)]);
  const temp1 = cbc(kek, iv, 'encrypt', cekIcv);
  const temp3 = concatBytes([iv, temp1]).reverse();
  const out = cbc(kek, WRAP_IV, 'encrypt', temp3);
  wipe(cekIcv, temp1, temp3);
  return out;
}

/** Unwrap a wrapped key, or throw ERR_DES_KEY_WRAP when the length or integrity check is wrong. */
export function unwrapKey(kekIn: Uint8Array, wrappedIn: Uint8Array): Uint8Array {
  const kek = expectLength(asBytes(kekIn, 'kek'), [24], 'kek');
  const wrapped = asBytes(wrappedIn, 'wrapped');
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) {
    throw fail('ERR_DES_KEY_WRAP', `key unwrap: expected a multiple of 8 bytes, at least 24, got length=${wrapped.length}`);
  }
  const temp2 = cbc(kek, WRAP_IV, 'decrypt', wrapped).reverse();
  const cekIcv = cbc(kek, temp2.subarray(0, 8), 'decrypt', temp2.subarray(8));
  const cek = cekIcv.slice(0, cekIcv.length - 8);
  const ok = equalBytes(checksum(cek), cekIcv.subarray(cekIcv.length - 8));
  wipe(temp2, cekIcv);
  if (!ok) {
    wipe(cek);
    throw fail('ERR_DES_KEY_WRAP', 'key unwrap: the integrity check failed (wrong key-encryption key, or corrupted data)');
  }
  return cek;
}

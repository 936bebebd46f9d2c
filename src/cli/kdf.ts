/**
 * Key and IV from a password, as `openssl enc` derives them:
 *   - PBKDF2-HMAC (`-pbkdf2`, the default here): key‖IV = PBKDF2(password, salt, iterations,
 *     digest, key length + IV length), with node:crypto's PBKDF2;
 *   - EVP_BytesToKey (`--legacy-kdf`, what OpenSSL did before 1.1.1 and crypto-js still does):
 *     D1 = H(password ‖ salt), Di = H(Di-1 ‖ password ‖ salt), key‖IV = D1 ‖ D2 ‖ … (one
 *     iteration of H each, as `openssl enc` uses it).
 * The file format is "Salted__" then the 8-byte salt then the ciphertext; with -nosalt, the
 * ciphertext alone and an empty salt.
 */
import { createHash, pbkdf2Sync } from 'node:crypto';

export type Digest = 'md5' | 'sha1' | 'sha256' | 'sha512';
export const DIGESTS: Digest[] = ['md5', 'sha1', 'sha256', 'sha512'];
export const MAGIC = Buffer.from('Salted__', 'latin1');

export interface KdfOptions {
  legacy: boolean;
  digest: Digest;
  iterations: number;
}

export function deriveKeyIv(password: Buffer, salt: Buffer, keyLength: number, ivLength: number,
  options: KdfOptions): { key: Uint8Array; iv: Uint8Array } {
  const total = keyLength + ivLength;
  let material: Buffer;
  if (options.legacy) {
    const parts: Buffer[] = [];
    let previous = Buffer.alloc(0);
    let length = 0;
    while (length < total) {
      previous = createHash(options.digest).update(previous).update(password).update(salt).digest();
      parts.push(previous);
      length += previous.length;
    }
    material = Buffer.concat(parts);
    parts.forEach((p) => p.fill(0));
  } else {
    material = pbkdf2Sync(password, salt, options.iterations, total, options.digest);
  }
  const key = new Uint8Array(material.subarray(0, keyLength));
  const iv = new Uint8Array(material.subarray(keyLength, total));
  material.fill(0);
  return { key, iv };
}

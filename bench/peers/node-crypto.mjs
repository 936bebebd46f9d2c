/**
 * node:crypto (OpenSSL inside Node): createCipheriv + update + final for every message, as node:crypto
 * offers no way to rekey or re-IV a cipher object. Auto-padding is off, as the messages are whole
 * blocks. OpenSSL 3 keeps single DES and DESX in its legacy provider: those cells run in a child
 * `node --openssl-legacy-provider` (see needsChild).
 */
import crypto from 'node:crypto';
import { cipherName } from '../matrix.mjs';
import { asUint8Array } from './bytes.mjs';

function openSslName(cipher, mode) {
  if (mode === 'ctr') return { reason: 'node:crypto (OpenSSL) has no DES or Triple-DES CTR mode' };
  const name = cipherName(cipher, mode);
  // getCipherInfo knows every OpenSSL cipher, legacy-provider ones included; getCiphers() lists only those loaded.
  if (!crypto.getCipherInfo(name)) return { reason: `OpenSSL has no ${name}` };
  return { name };
}

function run(cipher, data) {
  cipher.setAutoPadding(false);
  const head = cipher.update(data);
  const tail = cipher.final();
  return asUint8Array(tail.length === 0 ? head : Buffer.concat([head, tail]));
}

export default {
  name: 'node:crypto',
  version: `OpenSSL ${process.versions.openssl}`,
  supports(cipher, mode) {
    const { name, reason } = openSslName(cipher, mode);
    return name ? true : reason;
  },
  /** Node arguments a child process needs for this cipher, or null when this process can run it. */
  needsChild(cipher, mode) {
    const { name } = openSslName(cipher, mode);
    if (!name) return null;
    try {
      crypto.createCipheriv(name, Buffer.alloc(crypto.getCipherInfo(name).keyLength), mode === 'ecb' ? null : Buffer.alloc(8));
      return null;
    } catch (error) {
      if (error.code === 'ERR_OSSL_EVP_UNSUPPORTED') return { execArgv: ['--openssl-legacy-provider'], note: 'legacy provider' };
      throw error;
    }
  },
  prepare(cipher, mode, key, iv) {
    const { name } = openSslName(cipher, mode);
    const ivOrNull = mode === 'ecb' ? null : iv;
    return {
      encrypt: (data) => run(crypto.createCipheriv(name, key, ivOrNull), data),
      decrypt: (data) => run(crypto.createDecipheriv(name, key, ivOrNull), data),
    };
  },
};

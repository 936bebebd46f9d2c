/**
 * The openssl enc format in the portable build (browsers, bundlers): MD5, SHA-1 and SHA-256 from
 * @noble/hashes; SHA-384 and SHA-512 come from node:crypto in the Node entry only, and the
 * portable build says so rather than guess. Its SHA-256 output is openssl enc's, byte for byte
 * (openssl.test.ts checks the Node entry against openssl enc for every digest).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bytesToHex, openssl, ready, utf8ToBytes } from '../src/index.js';
import { expectDesError } from './helpers/errors.js';

describe('openssl in the portable build', () => {
  it('MD5, SHA-1 and SHA-256 key derivations give openssl enc\'s bytes', async () => {
    await ready();
    const salt = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const message = utf8ToBytes('attack at dawn');
    for (const [kdf, md, args] of [['pbkdf2', 'sha256', ['-pbkdf2', '-md', 'sha256']], ['pbkdf2', 'sha1', ['-pbkdf2', '-iter', '100', '-md', 'sha1']],
      ['evp', 'md5', ['-md', 'md5']]] as const) {
      const theirs = execFileSync('openssl', ['enc', '-e', '-des-ede3-cbc', ...args, '-S', bytesToHex(salt), '-pass', 'pass:pw'], { input: message });
      const ours = openssl.encrypt(message, 'pw', { kdf, md, salt, ...(md === 'sha1' ? { iter: 100 } : {}) });
      expect(bytesToHex(ours), `${kdf} ${md}`).toBe('53616c7465645f5f' + bytesToHex(salt) + theirs.toString('hex'));
    }
  });

  it('SHA-384 and SHA-512: ERR_DES_UNSUPPORTED, naming the Node entry', () => {
    for (const md of ['sha384', 'sha512'] as const) {
      expectDesError(() => openssl.encrypt(utf8ToBytes('x'), 'pw', { md }), 'ERR_DES_UNSUPPORTED',
        `openssl.encrypt options: md ${md} comes from node:crypto, in des-wasm's Node entry; this build has md5, sha1, sha256`);
    }
  });
});

/**
 * openssl.encrypt / openssl.decrypt (src/openssl.ts) against two independent implementations of
 * the same format, both ways:
 *
 *   - the `openssl enc` command line (3.x; single DES through its legacy provider): with a fixed
 *     salt (`-S`) its output must be ours byte for byte, for PBKDF2 and EVP_BytesToKey, each
 *     digest, the ciphers openssl enc has; and each side decrypts what the other wrote;
 *   - crypto-js (TripleDES and DES with a passphrase: EVP_BytesToKey with MD5, CBC, PKCS #7): many
 *     random messages and passphrases (fast-check, seeded and printed), each way.
 *
 * Then every bad input, with its code and message.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import CryptoJS from 'crypto-js';
import { bytesToHex, hexToBytes, openssl, utf8ToBytes } from '../src/node.js';
import type { OpensslDigest, OpensslKdf } from '../src/node.js';
import { expectDesError } from './helpers/errors.js';
import { testSeed } from './helpers/peers.js';

const LEGACY_PROVIDER = ['-provider', 'legacy', '-provider', 'default'];

/** `openssl enc` with `input` on stdin; throws with its stderr when it fails. */
function opensslEnc(args: string[], input: Uint8Array): Buffer {
  return execFileSync('openssl', ['enc', ...args], { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
}

/** The `openssl enc` flags for a key derivation. */
function kdfFlags(kdf: OpensslKdf, md: OpensslDigest, iter?: number): string[] {
  return [...(kdf === 'pbkdf2' ? ['-pbkdf2'] : []), '-md', md, ...(iter === undefined ? [] : ['-iter', String(iter)])];
}

/** crypto-js's WordArray to bytes, and back. */
const toWords = (bytes: Uint8Array) => CryptoJS.lib.WordArray.create(bytes as unknown as number[]);
function fromWords(words: CryptoJS.lib.WordArray): Uint8Array {
  const out = new Uint8Array(words.sigBytes);
  for (let i = 0; i < out.length; i++) out[i] = (words.words[i >>> 2] >>> (24 - 8 * (i % 4))) & 0xff;
  return out;
}


describe('against the openssl enc command line', () => {
  const salt = hexToBytes('0102030405060708');
  // With -S, openssl enc 3.x writes the ciphertext alone (no "Salted__" and salt): the header is ours.
  const header = bytesToHex(utf8ToBytes('Salted__')) + '0102030405060708';
  const message = utf8ToBytes('The quick brown fox jumps over the lazy dog; ünïcödé; 0123456789');
  const password = 'pässwörd 🐎';
  const CASES: { cipher: string; provider: string[] }[] = [
    { cipher: 'des-ede3-cbc', provider: [] },
    { cipher: 'des-ede-cbc', provider: [] },
    { cipher: 'des-ede3', provider: [] },
    { cipher: 'des-ede3-cfb', provider: [] },
    { cipher: 'des-ede3-ofb', provider: [] },
    { cipher: 'des-cbc', provider: LEGACY_PROVIDER },
    { cipher: 'des-ecb', provider: LEGACY_PROVIDER },
    { cipher: 'des-cfb8', provider: LEGACY_PROVIDER },
    { cipher: 'desx-cbc', provider: LEGACY_PROVIDER },
  ];
  const KDFS: { kdf: OpensslKdf; md: OpensslDigest; iter?: number }[] = [
    { kdf: 'pbkdf2', md: 'sha256' },
    { kdf: 'pbkdf2', md: 'sha1', iter: 2000 },
    { kdf: 'pbkdf2', md: 'sha512', iter: 1 },
    { kdf: 'evp', md: 'sha256' },
    { kdf: 'evp', md: 'md5' },
    { kdf: 'evp', md: 'sha384' },
  ];

  it('the defaults are openssl enc 3.x\'s: des-ede3-cbc, PBKDF2-HMAC-SHA256, 10000 iterations (identical bytes, one salt)', () => {
    const ours = openssl.encrypt(message, password, { salt });
    const theirs = opensslEnc(['-e', '-des-ede3-cbc', '-pbkdf2', '-S', bytesToHex(salt), '-pass', `pass:${password}`], message);
    expect(bytesToHex(ours)).toBe(header + theirs.toString('hex'));
    // EVP_BytesToKey's default digest: SHA-256, as OpenSSL 1.1.0 and later.
    const evp = opensslEnc(['-e', '-des-ede3-cbc', '-S', bytesToHex(salt), '-pass', `pass:${password}`], message);
    expect(bytesToHex(openssl.encrypt(message, password, { kdf: 'evp', salt }))).toBe(header + evp.toString('hex'));
  });

  for (const { cipher, provider } of CASES) {
    for (const { kdf, md, iter } of KDFS) {
      it(`${cipher}, ${kdf} ${md}${iter ? ` iter ${iter}` : ''}: identical bytes with one salt, and each reads the other's`, () => {
        const options = { cipher, kdf, md, ...(iter === undefined ? {} : { iter }) };
        const flags = [`-${cipher}`, ...kdfFlags(kdf, md, iter), '-pass', `pass:${password}`, ...provider];
        const ours = openssl.encrypt(message, password, { ...options, salt });
        const theirs = opensslEnc(['-e', ...flags, '-S', bytesToHex(salt)], message);
        expect(bytesToHex(ours)).toBe(header + theirs.toString('hex'));

        // A random salt each: openssl decrypts ours, we decrypt theirs.
        const data = message.subarray(0, 41);
        expect(bytesToHex(opensslEnc(['-d', ...flags], openssl.encrypt(data, password, options)))).toBe(bytesToHex(data));
        expect(bytesToHex(openssl.decrypt(opensslEnc(['-e', ...flags], data), password, options))).toBe(bytesToHex(data));
      });
    }
  }

  it('base64: openssl -a (64-character lines) reads as a string and as bytes; openssl -a -A reads ours (one line)', () => {
    const data = new Uint8Array(200).map((_, i) => i);
    const theirs = opensslEnc(['-e', '-a', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:b64'], data);
    expect(theirs.toString().split('\n').length).toBeGreaterThan(3);
    expect(bytesToHex(openssl.decrypt(theirs.toString(), 'b64'))).toBe(bytesToHex(data));
    expect(bytesToHex(openssl.decrypt(theirs, 'b64', { base64: true }))).toBe(bytesToHex(data));
    const ours = openssl.encrypt(data, 'b64', { base64: true });
    expect(ours).toMatch(/^U2FsdGVkX1[A-Za-z0-9+/]+=*$/);
    expect(bytesToHex(opensslEnc(['-d', '-a', '-A', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:b64'], utf8ToBytes(ours)))).toBe(bytesToHex(data));
  });

  it('random lengths and passwords, PBKDF2 with few iterations, both ways (seeded)', () => {
    const seed = testSeed('openssl.test.ts openssl enc', 20261129);
    let runs = 0;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }),
      fc.constantFrom('des-ede3-cbc', 'des-ede-cbc', 'des-ede3-ofb'), fc.integer({ min: 1, max: 50 }), (data, pw, cipher, iter) => {
        runs++;
        // openssl reads -pass pass: from argv, which cannot hold NUL.
        fc.pre(!pw.includes('\0'));
        const flags = [`-${cipher}`, '-pbkdf2', '-iter', String(iter), '-md', 'sha256', '-pass', `pass:${pw}`];
        expect(bytesToHex(opensslEnc(['-d', ...flags], openssl.encrypt(data, pw, { cipher, iter })))).toBe(bytesToHex(data));
        expect(bytesToHex(openssl.decrypt(opensslEnc(['-e', ...flags], data), pw, { cipher, iter }))).toBe(bytesToHex(data));
      }), { seed, numRuns: 40 });
    console.log(`[openssl.test.ts] openssl enc: ${runs} random messages and passwords, both ways`);
    expect(runs).toBeGreaterThanOrEqual(40);
  });

  it('a wrong password is ERR_OSSL_BAD_DECRYPT wherever openssl says "bad decrypt", never an empty result', () => {
    const file = opensslEnc(['-e', '-des-ede3-cbc', '-pbkdf2', '-iter', '10', '-pass', 'pass:right'], message);
    let refused = 0;
    for (let i = 0; i < 40; i++) {
      const wrong = `wrong ${i}`;
      let opensslRefused = false;
      try { opensslEnc(['-d', '-des-ede3-cbc', '-pbkdf2', '-iter', '10', '-pass', `pass:${wrong}`], file); } catch { opensslRefused = true; }
      if (opensslRefused) {
        expectDesError(() => openssl.decrypt(file, wrong, { iter: 10 }), 'ERR_OSSL_BAD_DECRYPT', 'bad decrypt: the padding is wrong (wrong key or IV, or corrupted data)');
        refused++;
      } else {
        expect(openssl.decrypt(file, wrong, { iter: 10 }).length).toBeGreaterThan(0);
      }
    }
    console.log(`[openssl.test.ts] wrong passwords: ${refused} of 40 refused by both (the rest left valid padding by chance)`);
    expect(refused).toBeGreaterThan(30);
  });
});

describe('against crypto-js (TripleDES and DES with a passphrase)', () => {
  it('decrypts what crypto-js writes and crypto-js decrypts what it writes, many random messages and passphrases (seeded)', () => {
    const seed = testSeed('openssl.test.ts crypto-js', 14);
    let runs = 0;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 40, unit: 'binary' }), fc.boolean(),
      (data, passphrase, triple) => {
        runs++;
        const Cipher = triple ? CryptoJS.TripleDES : CryptoJS.DES;
        const options = { cipher: triple ? 'des-ede3-cbc' : 'des-cbc', kdf: 'evp', md: 'md5' } as const;
        const theirs = Cipher.encrypt(toWords(data), passphrase).toString();
        expect(theirs.startsWith('U2FsdGVkX1')).toBe(true);
        expect(bytesToHex(openssl.decrypt(theirs, passphrase, options))).toBe(bytesToHex(data));
        const ours = openssl.encrypt(data, passphrase, { ...options, base64: true });
        expect(bytesToHex(fromWords(Cipher.decrypt(ours, passphrase)))).toBe(bytesToHex(data));
      }), { seed, numRuns: 300 });
    console.log(`[openssl.test.ts] crypto-js: ${runs} random messages and passphrases, both ways`);
    expect(runs).toBe(300);
  });

  it('text in, text out, as crypto-js users write it', () => {
    const theirs = CryptoJS.TripleDES.encrypt('attack at dawn', 'secret').toString();
    const back = openssl.decrypt(theirs, 'secret', { kdf: 'evp', md: 'md5' });
    expect(new TextDecoder().decode(back)).toBe('attack at dawn');
    const ours = openssl.encrypt('attack at dawn', 'secret', { kdf: 'evp', md: 'md5', base64: true });
    expect(CryptoJS.TripleDES.decrypt(ours, 'secret').toString(CryptoJS.enc.Utf8)).toBe('attack at dawn');
  });
});

describe('inputs', () => {
  const file = openssl.encrypt('some data', 'pw', { iter: 1 });

  it('never touches the caller\'s buffers, and takes the password as bytes too', () => {
    const data = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const pw = utf8ToBytes('pw');
    const out = openssl.encrypt(data, pw, { iter: 1 });
    expect([...data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(bytesToHex(pw)).toBe('7077');
    expect([...openssl.decrypt(out, pw, { iter: 1 })]).toEqual([...data]);
    expect(bytesToHex(pw)).toBe('7077');
    expect(new TextDecoder().decode(openssl.decrypt(Buffer.from(file), 'pw', { iter: 1 }))).toBe('some data');
  });

  it('bad options: unknown, wrong kinds and values', () => {
    expectDesError(() => openssl.encrypt('x', 'pw', { itre: 5 } as never), 'ERR_DES_UNKNOWN_OPTION', 'openssl.encrypt options: unknown option "itre" (did you mean iter?)');
    expectDesError(() => openssl.decrypt(file, 'pw', { salt: new Uint8Array(8) } as never), 'ERR_DES_UNKNOWN_OPTION', 'openssl.decrypt options: unknown option "salt" (did you mean kdf?)');
    expectDesError(() => openssl.encrypt('x', 'pw', 'des' as never), 'ERR_INVALID_ARG_TYPE', 'openssl.encrypt options: expected an object, got string');
    expectDesError(() => openssl.encrypt('x', 'pw', { base64: 'yes' } as never), 'ERR_INVALID_ARG_TYPE', 'openssl.encrypt options: base64 must be true or false, got string');
    expectDesError(() => openssl.encrypt('x', 'pw', { kdf: 'scrypt' } as never), 'ERR_INVALID_ARG_VALUE', `openssl.encrypt options: kdf must be 'pbkdf2' or 'evp', got "scrypt"`);
    expectDesError(() => openssl.decrypt(file, 'pw', { md: 'sha3' } as never), 'ERR_INVALID_ARG_VALUE', 'openssl.decrypt options: md must be one of md5, sha1, sha256, sha384, sha512, got "sha3"');
    expectDesError(() => openssl.decrypt(file, 'pw', { md: 5 } as never), 'ERR_INVALID_ARG_VALUE', 'openssl.decrypt options: md must be one of md5, sha1, sha256, sha384, sha512, got 5');
    expectDesError(() => openssl.encrypt('x', 'pw', { iter: 0 }), 'ERR_INVALID_ARG_VALUE', 'openssl.encrypt options: iter must be a whole number of at least 1, got 0');
    expectDesError(() => openssl.encrypt('x', 'pw', { iter: 1.5 }), 'ERR_INVALID_ARG_VALUE', 'openssl.encrypt options: iter must be a whole number of at least 1, got 1.5');
    expectDesError(() => openssl.encrypt('x', 'pw', { iter: '10' } as never), 'ERR_INVALID_ARG_VALUE', 'openssl.encrypt options: iter must be a whole number of at least 1, got "10"');
    expectDesError(() => openssl.encrypt('x', 'pw', { kdf: 'evp', iter: 10 }), 'ERR_INVALID_ARG_VALUE', `openssl.encrypt options: iter goes with kdf 'pbkdf2' (EVP_BytesToKey as openssl enc uses it has one iteration)`);
    expectDesError(() => openssl.encrypt('x', 'pw', { salt: new Uint8Array(7) }), 'ERR_INVALID_ARG_VALUE', 'openssl.encrypt options: salt: expected Uint8Array of length 8, got length=7');
    expectDesError(() => openssl.encrypt('x', 'pw', { salt: 'saltsalt' } as never), 'ERR_INVALID_ARG_TYPE', 'openssl.encrypt options: salt: expected Uint8Array, got string');
    expectDesError(() => openssl.encrypt('x', 'pw', { cipher: 'aes-128-cbc' }), 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher: "aes-128-cbc"; getCiphers() lists the names des-wasm knows');
    expectDesError(() => openssl.encrypt('x', 'pw', { cipher: 'des3-wrap' }), 'ERR_INVALID_ARG_VALUE', 'openssl.encrypt options: cipher des3-wrap has no openssl enc format');
  });

  it('bad data and passwords', () => {
    expectDesError(() => openssl.encrypt(42 as never, 'pw'), 'ERR_INVALID_ARG_TYPE', 'data: expected Uint8Array, got number');
    expectDesError(() => openssl.decrypt([1, 2] as never, 'pw'), 'ERR_INVALID_ARG_TYPE', 'data: expected Uint8Array, got Array');
    expectDesError(() => openssl.encrypt('x', null as never), 'ERR_INVALID_ARG_TYPE', 'password: expected string or Uint8Array, got null');
    expectDesError(() => openssl.decrypt('U2FsdGVk!!', 'pw'), 'ERR_INVALID_ARG_VALUE', 'data: not base64 (character 9 is "!")');
    expectDesError(() => openssl.decrypt('U2FsdGVkX', 'pw'), 'ERR_INVALID_ARG_VALUE', 'data: not base64 (it ends in a lone digit: truncated?)');
    expectDesError(() => openssl.decrypt('U2FsdGVkX1+=x', 'pw'), 'ERR_INVALID_ARG_VALUE', 'data: not base64 (character 13 is "x")');
    expectDesError(() => openssl.decrypt(file, 'pw', { base64: true }), 'ERR_INVALID_ARG_VALUE', 'data: not base64 (character 7 is "_")');
    expectDesError(() => openssl.decrypt('U2FsdGVkX1', 'pw', { base64: false }), 'ERR_INVALID_ARG_VALUE', 'openssl.decrypt options: base64 false needs data as bytes: a string is always base64');
    expectDesError(() => openssl.decrypt(file.subarray(0, 15), 'pw'), 'ERR_INVALID_ARG_VALUE', 'data: expected the openssl enc format ("Salted__", an 8-byte salt, the ciphertext), got 15 bytes');
    expectDesError(() => openssl.decrypt(utf8ToBytes('Not salted, just text'), 'pw'), 'ERR_INVALID_ARG_VALUE', 'data: expected the openssl enc format ("Salted__", an 8-byte salt, the ciphertext), got no "Salted__" at the start');
    expectDesError(() => openssl.decrypt(file.subarray(0, file.length - 1), 'pw', { iter: 1 }), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH',
      'wrong final block length: the data is not a whole number of 8-byte blocks, which decryption and unpadded encryption need');
  });
});

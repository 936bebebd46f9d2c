/**
 * Every mistake a caller can make gets a DesError with a stable `code` and an exact message,
 * asserted here in full. Where node:crypto has a code for the same mistake, the code must be
 * node:crypto's (ERR_CRYPTO_INVALID_KEYLEN, ERR_CRYPTO_INVALID_IV, ERR_CRYPTO_UNKNOWN_CIPHER,
 * ERR_OSSL_BAD_DECRYPT, ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH, ERR_CRYPTO_INVALID_STATE,
 * ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE): each such case runs the same mistake through
 * node:crypto and compares. Key and IV lengths per name come from OpenSSL itself
 * (`getCipherInfo` in a `node --openssl-legacy-provider` child), not from our table.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createCipheriv, createDecipheriv, des, DesError, desx, getCiphers, ready, tdes, unwrapKey, wrapKey,
} from '../src/node.js';
import { loadJson } from './helpers/vectors.js';

beforeAll(async () => { await ready(); });

/** What `f` threw: its class, code and message (or a marker when it did not throw). */
function caught(f: () => unknown): { isDesError: boolean; code: unknown; message: string } | 'no error' {
  try {
    f();
  } catch (error) {
    const e = error as { code?: unknown; message: string };
    return { isDesError: error instanceof DesError, code: e.code, message: e.message };
  }
  return 'no error';
}
function expectError(f: () => unknown, code: string, message: string): void {
  expect(caught(f)).toEqual({ isDesError: true, code, message });
}
/** The code `f` threw (node:crypto's, or ours), or "no error". */
function codeOf(f: () => unknown): unknown {
  const r = caught(f);
  return r === 'no error' ? r : r.code;
}

const b = (n: number, fill = 0) => new Uint8Array(n).fill(fill);

// OpenSSL's own key and IV lengths, and canonical names, for every DES-family name.
const OPENSSL: Record<string, { name: string; keyLength: number; ivLength?: number }> = JSON.parse(execFileSync(process.execPath,
  ['--openssl-legacy-provider', '-p',
    'const c = require("node:crypto"); JSON.stringify(Object.fromEntries(c.getCiphers().filter((n) => /des/i.test(n)).map((n) => [n.toLowerCase(), c.getCipherInfo(n)])))'],
  { encoding: 'utf8' }));
/**
 * des-wasm's extra names (not in OpenSSL), as the README documents them: CTR, CBC with ciphertext
 * stealing (CS1, CS2, CS3), CFB-16 … 56 and OFB-8 … 56 over DES, 2-key and 3-key TDES.
 */
const CTR: Record<string, { name: string; keyLength: number; ivLength: number }> = Object.fromEntries(
  ([['des', 8], ['des-ede', 16], ['des-ede3', 24]] as const).flatMap(([prefix, keyLength]) =>
    ['ctr', 'cbc-cs1', 'cbc-cs2', 'cbc-cs3', 'cfb16', 'cfb24', 'cfb32', 'cfb40', 'cfb48', 'cfb56',
      'ofb8', 'ofb16', 'ofb24', 'ofb32', 'ofb40', 'ofb48', 'ofb56'].map((mode) => [`${prefix}-${mode}`, { name: `${prefix}-${mode}`, keyLength, ivLength: 8 }])));
/** The canonical name des-wasm reports: OpenSSL's, except that key wrap goes by des3-wrap. */
const canonical = (name: string) => (name === 'id-smime-alg-cms3deswrap' ? 'des3-wrap' : name);
const infoOf = (name: string) => OPENSSL[name] ?? CTR[name];
/** Names node:crypto (default provider) accepts, where its codes can be compared. */
const NODE_NAMES = new Set(crypto.getCiphers().map((n) => n.toLowerCase()));

describe('wrong key length', () => {
  it('we know exactly OpenSSL\'s DES-family names plus our CTR and ciphertext-stealing names', () => {
    expect(getCiphers()).toEqual([...Object.keys(OPENSSL), ...Object.keys(CTR)].sort());
  });

  it('createCipheriv / createDecipheriv, every name and alias: exact message, node:crypto\'s code', () => {
    let compared = 0;
    for (const name of getCiphers()) {
      const info = infoOf(name);
      const iv = info.ivLength ? b(8) : null;
      for (const length of [0, info.keyLength - 1, info.keyLength + 1, info.keyLength === 16 ? 24 : 16]) {
        const message = `Invalid key length: ${canonical(info.name)} takes a ${info.keyLength}-byte key, got ${length} bytes`;
        expectError(() => createCipheriv(name, b(length), iv), 'ERR_CRYPTO_INVALID_KEYLEN', message);
        expectError(() => createDecipheriv(name, b(length), iv), 'ERR_CRYPTO_INVALID_KEYLEN', message);
        if (NODE_NAMES.has(name)) {
          expect(codeOf(() => crypto.createCipheriv(name, b(length), iv)), name).toBe('ERR_CRYPTO_INVALID_KEYLEN');
          compared++;
        }
      }
    }
    console.log(`[bad-input] key length: ${getCiphers().length} names, ${compared} cases compared with node:crypto`);
  });

  it('a key given as a string is measured in utf8 bytes', () => {
    expectError(() => createCipheriv('des-ede3-cbc', 'Ω'.repeat(12) + 'x', b(8)), 'ERR_CRYPTO_INVALID_KEYLEN',
      'Invalid key length: des-ede3-cbc takes a 24-byte key, got 25 bytes');
  });

  it('one-shot des / tdes / desx, every mode', () => {
    const families = [['des', des, '8', [0, 7, 9, 16, 24]], ['tdes', tdes, '16/24', [0, 8, 15, 17, 23, 25, 32]],
      ['desx', desx, '24', [8, 16, 23, 25]]] as const;
    for (const [, family, lengths, wrong] of families) {
      for (const n of wrong) {
        const message = `key: expected Uint8Array of length ${lengths}, got length=${n}`;
        for (const make of [() => family.ecb(b(n)), () => family.cbc(b(n), b(8)), () => family.cfb(b(n), b(8)),
          () => family.ofb(b(n), b(8)), () => family.ctr(b(n), b(8)), () => family.ecb.encryptMany(b(n), []),
          () => family.cbc.decryptMany(b(n), []), () => family.ctr.encryptMany(b(n), [])]) {
          expectError(make, 'ERR_CRYPTO_INVALID_KEYLEN', message);
        }
      }
    }
  });
});

describe('IV mistakes', () => {
  it('wrong IV length: every name with an IV, as node:crypto', () => {
    for (const name of getCiphers().filter((n) => infoOf(n).ivLength)) {
      const info = infoOf(name);
      for (const length of [0, 7, 9, 16]) {
        expectError(() => createCipheriv(name, b(info.keyLength), b(length)), 'ERR_CRYPTO_INVALID_IV',
          `Invalid initialization vector: ${info.name} needs an 8-byte IV, got ${length} bytes`);
        if (NODE_NAMES.has(name)) expect(codeOf(() => crypto.createCipheriv(name, b(info.keyLength), b(length)))).toBe('ERR_CRYPTO_INVALID_IV');
      }
    }
  });

  it('missing IV (null or undefined), as node:crypto', () => {
    expectError(() => createCipheriv('des-ede3-cbc', b(24), null), 'ERR_CRYPTO_INVALID_IV',
      'Invalid initialization vector: des-ede3-cbc needs an 8-byte IV, got null');
    expect(codeOf(() => crypto.createCipheriv('des-ede3-cbc', b(24), null))).toBe('ERR_CRYPTO_INVALID_IV');
    // undefined is not an IV at all, for every cipher, ECB included: node:crypto's code and message.
    for (const name of ['des-ofb', 'des-ede3-cbc', 'des-ede3']) {
      const info = infoOf(name);
      expectError(() => createDecipheriv(name, b(info.keyLength), undefined as never), 'ERR_INVALID_ARG_TYPE',
        'The "iv" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received undefined');
      expect(codeOf(() => crypto.createDecipheriv(name, b(info.keyLength), undefined as never))).toBe('ERR_INVALID_ARG_TYPE');
    }
  });

  it('an IV for ECB or key wrap, as node:crypto (an empty IV is allowed, as there)', () => {
    for (const name of ['des-ecb', 'des-ede', 'des-ede-ecb', 'des-ede3', 'des-ede3-ecb', 'des3-wrap']) {
      const info = infoOf(name);
      expectError(() => createCipheriv(name, b(info.keyLength), b(8)), 'ERR_CRYPTO_INVALID_IV',
        `Invalid initialization vector: ${canonical(info.name)} takes no IV, got 8 bytes`);
      expect(caught(() => createCipheriv(name, b(info.keyLength), b(0)))).toBe('no error');
      if (NODE_NAMES.has(name)) expect(codeOf(() => crypto.createCipheriv(name, b(info.keyLength), b(8)))).toBe('ERR_CRYPTO_INVALID_IV');
    }
  });

  it('one-shot: wrong IV / counter length', () => {
    for (const n of [0, 7, 9]) {
      expectError(() => des.cbc(b(8), b(n)), 'ERR_CRYPTO_INVALID_IV', `iv: expected Uint8Array of length 8, got length=${n}`);
      expectError(() => tdes.cfb(b(24), b(n)), 'ERR_CRYPTO_INVALID_IV', `iv: expected Uint8Array of length 8, got length=${n}`);
      expectError(() => desx.ofb(b(24), b(n)), 'ERR_CRYPTO_INVALID_IV', `iv: expected Uint8Array of length 8, got length=${n}`);
      expectError(() => tdes.ctr(b(16), b(n)), 'ERR_CRYPTO_INVALID_IV', `counter: expected Uint8Array of length 8, got length=${n}`);
    }
  });

  it('one-shot: a missing IV is refused, never taken as zeros', () => {
    for (const [make, what] of [[() => des.cbc(b(8), null as never), 'iv'], [() => tdes.cfb(b(24), null as never), 'iv'],
      [() => desx.ofb(b(24), null as never), 'iv'], [() => des.ctr(b(8), null as never), 'counter']] as const) {
      expectError(make, 'ERR_INVALID_ARG_TYPE', `${what}: expected Uint8Array, got null`);
    }
    expectError(() => des.cbc(b(8), undefined as never), 'ERR_INVALID_ARG_TYPE', 'iv: expected Uint8Array, got undefined');
  });

  it('one-shot ECB: an IV passed where the options go is refused; options must be an object', () => {
    expectError(() => des.ecb(b(8), b(8) as never), 'ERR_CRYPTO_INVALID_IV', 'ECB takes no IV: the second argument of ecb() is the options object');
    expectError(() => tdes.cbc(b(24), b(8), 'pkcs7' as never), 'ERR_INVALID_ARG_TYPE', 'tdes.cbc options: expected an object, got string');
    expectError(() => des.cfb(b(8), b(8), { segment: '8' } as never), 'ERR_INVALID_ARG_VALUE', 'segment: expected 1, 8, 16, 24, 32, 40, 48, 56 or 64, got "8"');
  });
});

describe('names, types and options', () => {
  it('unknown cipher name, as node:crypto', () => {
    for (const name of ['des-foo', 'aes-128-cbc', 'des-ede3-gcm', '', 'DES-XYZ']) {
      expectError(() => createCipheriv(name, b(24), b(8)), 'ERR_CRYPTO_UNKNOWN_CIPHER',
        `Unknown cipher: ${JSON.stringify(name)}; getCiphers() lists the names des-wasm knows`);
    }
    expect(codeOf(() => crypto.createCipheriv('des-foo', b(24), b(8)))).toBe('ERR_CRYPTO_UNKNOWN_CIPHER');
    expectError(() => createCipheriv(5 as never, b(24), b(8)), 'ERR_INVALID_ARG_TYPE', 'cipher name: expected string, got number');
    expect(codeOf(() => crypto.createCipheriv(5 as never, b(24), b(8)))).toBe('ERR_INVALID_ARG_TYPE');
  });

  it('names are case-insensitive, as in node:crypto', () => {
    expect(caught(() => createCipheriv('DES-EDE3-CBC', b(24), b(8)))).toBe('no error');
    expect(caught(() => createCipheriv('Id-Smime-Alg-CMS3DESwrap', b(24), null))).toBe('no error');
  });

  it('non-bytes input to update(): number, array, object, null, as node:crypto', () => {
    for (const [value, received] of [[5, 'number'], [[1, 2], 'Array'], [{}, 'object'], [null, 'null'], [true, 'boolean']] as const) {
      const c = createCipheriv('des-ede3-cbc', b(24), b(8));
      expectError(() => c.update(value as never), 'ERR_INVALID_ARG_TYPE',
        `The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${received}`);
      expect(codeOf(() => crypto.createCipheriv('des-ede3-cbc', b(24), b(8)).update(value as never))).toBe('ERR_INVALID_ARG_TYPE');
    }
  });

  it('non-bytes key and IV, as node:crypto', () => {
    expectError(() => createCipheriv('des-ede3-cbc', 5 as never, b(8)), 'ERR_INVALID_ARG_TYPE',
      'The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received number');
    expectError(() => createCipheriv('des-ede3-cbc', b(24), {} as never), 'ERR_INVALID_ARG_TYPE',
      'The "iv" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received object');
    expect(codeOf(() => crypto.createCipheriv('des-ede3-cbc', 5 as never, b(8)))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => crypto.createCipheriv('des-ede3-cbc', b(24), {} as never))).toBe('ERR_INVALID_ARG_TYPE');
  });

  it('one-shot: non-bytes data, key and IV', () => {
    const c = des.ecb(b(8));
    for (const [value, got] of [[5, 'number'], [[1, 2], 'Array'], [{}, 'object'], ['abc', 'string'], [null, 'null'], [undefined, 'undefined']] as const) {
      expectError(() => c.encrypt(value as never), 'ERR_INVALID_ARG_TYPE', `data: expected Uint8Array, got ${got}`);
      expectError(() => c.decrypt(value as never), 'ERR_INVALID_ARG_TYPE', `data: expected Uint8Array, got ${got}`);
    }
    expectError(() => tdes.ecb('0123456789abcdef' as never), 'ERR_INVALID_ARG_TYPE', 'key: expected Uint8Array, got string');
    expectError(() => tdes.cbc(b(24), [0, 0, 0, 0, 0, 0, 0, 0] as never), 'ERR_INVALID_ARG_TYPE', 'iv: expected Uint8Array, got Array');
  });

  it('odd-length hex input, as node:crypto (ERR_INVALID_ARG_VALUE, node:crypto\'s message)', () => {
    const message = "The argument 'encoding' is invalid for data of length 3. Received 'hex'";
    expectError(() => createCipheriv('des-ede3-cbc', b(24), b(8)).update('abc', 'hex'), 'ERR_INVALID_ARG_VALUE', message);
    expect(caught(() => crypto.createCipheriv('des-ede3-cbc', b(24), b(8)).update('abc', 'hex')))
      .toEqual({ isDesError: false, code: 'ERR_INVALID_ARG_VALUE', message });
  });

  it('unknown input or output encoding: ERR_UNKNOWN_ENCODING, as node:crypto for output', () => {
    // node:crypto reads an unknown input encoding as utf8; des-wasm refuses it, with the code and
    // message node:crypto gives an unknown output encoding.
    const message = 'Unknown encoding: bogus';
    expectError(() => createCipheriv('des-ede3-cbc', b(24), b(8)).update('abc', 'bogus'), 'ERR_UNKNOWN_ENCODING', message);
    expectError(() => createCipheriv('des-ede3-cbc', b(24), b(8)).update('abc', 'utf8', 'bogus'), 'ERR_UNKNOWN_ENCODING', message);
    expectError(() => createCipheriv('des-ede3-cbc', b(24), b(8)).final('bogus'), 'ERR_UNKNOWN_ENCODING', message);
    expect(caught(() => crypto.createCipheriv('des-ede3-cbc', b(24), b(8)).update('abc', 'utf8', 'bogus' as BufferEncoding)))
      .toEqual({ isDesError: false, code: 'ERR_UNKNOWN_ENCODING', message });
    expect(caught(() => crypto.createCipheriv('des-ede3-cbc', b(24), b(8)).final('bogus' as BufferEncoding)))
      .toEqual({ isDesError: false, code: 'ERR_UNKNOWN_ENCODING', message });
  });

  it('options that are not an object', () => {
    expectError(() => createCipheriv('des-ede3-cbc', b(24), b(8), 5 as never), 'ERR_INVALID_ARG_TYPE', 'options: expected an object, got number');
  });

  it('unknown padding, one-shot and batch', () => {
    for (const padding of ['pkcs5', 'PKCS7', '', 7, null]) {
      const message = `padding: expected one of pkcs7, none, zero, iso7816, x923, iso10126, got ${JSON.stringify(padding)}`;
      expectError(() => des.ecb(b(8), { padding: padding as never }), 'ERR_INVALID_ARG_VALUE', message);
      expectError(() => tdes.cbc(b(24), b(8), { padding: padding as never }), 'ERR_INVALID_ARG_VALUE', message);
      expectError(() => desx.ecb.encryptMany(b(24), [b(8)], { padding: padding as never }), 'ERR_INVALID_ARG_VALUE', message);
    }
  });

  it('unknown CFB segment', () => {
    for (const segment of [0, 2, 12, 63, 128, -8]) {
      expectError(() => des.cfb(b(8), b(8), { segment: segment as never }), 'ERR_INVALID_ARG_VALUE', `segment: expected 1, 8, 16, 24, 32, 40, 48, 56 or 64, got ${segment}`);
      expectError(() => tdes.cfb(b(24), b(8), { segment: segment as never }), 'ERR_INVALID_ARG_VALUE', `segment: expected 1, 8, 16, 24, 32, 40, 48, 56 or 64, got ${segment}`);
    }
  });

  it('padding passed to a stream mode: an unknown scheme refused; the batch CTR takes none', () => {
    expectError(() => des.cfb(b(8), b(8), { padding: 'pkcs5' } as never), 'ERR_INVALID_ARG_VALUE',
      'padding: expected one of pkcs7, none, zero, iso7816, x923, iso10126, got "pkcs5"');
    expectError(() => des.ctr.encryptMany(b(8), [], { padding: 'pkcs7' } as never), 'ERR_DES_UNKNOWN_OPTION',
      'des.ctr.encryptMany options: unknown option "padding" (did you mean constantTime?)');
  });
});

describe('decryption failures', () => {
  /** A 16-byte CBC ciphertext whose decryption under `key` has a bad PKCS#7 pad, per node:crypto. */
  function badPadCiphertext(key: Uint8Array, iv: Uint8Array): Buffer {
    for (;;) {
      const ct = crypto.createCipheriv('des-ede3-cbc', crypto.randomBytes(24), iv).update(crypto.randomBytes(16));
      if (codeOf(() => { const d = crypto.createDecipheriv('des-ede3-cbc', key, iv); d.update(ct); d.final(); }) === 'ERR_OSSL_BAD_DECRYPT') return ct;
    }
  }
  const BAD = 'bad decrypt: the padding is wrong (wrong key or IV, or corrupted data)';
  const LENGTH = 'wrong final block length: the data is not a whole number of 8-byte blocks, which decryption and unpadded encryption need';

  it('bad padding (decrypting under the wrong key), as node:crypto', () => {
    const key = crypto.randomBytes(24);
    const iv = crypto.randomBytes(8);
    const ct = badPadCiphertext(key, iv);
    const d = createDecipheriv('des-ede3-cbc', key, iv);
    d.update(ct);
    expectError(() => d.final(), 'ERR_OSSL_BAD_DECRYPT', BAD);
    expectError(() => tdes.cbc(key, iv).decrypt(ct), 'ERR_OSSL_BAD_DECRYPT', BAD);
  });

  it('a failed one-shot decrypt returns nothing, and the object still works afterwards', () => {
    const key = crypto.randomBytes(24);
    const iv = crypto.randomBytes(8);
    const ct = badPadCiphertext(key, iv);
    const c = tdes.cbc(key, iv);
    let result: Uint8Array | undefined;
    expect(() => { result = c.decrypt(ct); }).toThrow(BAD);
    expect(result).toBeUndefined();
    const good = crypto.createCipheriv('des-ede3-cbc', key, iv);
    const ct2 = Buffer.concat([good.update('hello, world'), good.final()]);
    expect(Buffer.from(c.decrypt(ct2)).toString()).toBe('hello, world');
    c.destroy();
  });

  it('ciphertext not a multiple of 8 (decrypt, padding on or off), as node:crypto', () => {
    for (const n of [1, 7, 9, 15]) {
      for (const padding of [true, false]) {
        const d = createDecipheriv('des-ede3-cbc', b(24), b(8));
        d.setAutoPadding(padding);
        d.update(b(n));
        expectError(() => d.final(), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
        expect(codeOf(() => { const x = crypto.createDecipheriv('des-ede3-cbc', b(24), b(8)); x.setAutoPadding(padding); x.update(b(n)); x.final(); }))
          .toBe('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
      }
      expectError(() => des.cbc(b(8), b(8)).decrypt(b(n)), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
      expectError(() => tdes.ecb(b(24), { padding: 'none' }).decrypt(b(n)), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
    }
  });

  it('empty ciphertext with padding on, as node:crypto', () => {
    expectError(() => createDecipheriv('des-ede3-cbc', b(24), b(8)).final(), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
    expect(codeOf(() => crypto.createDecipheriv('des-ede3-cbc', b(24), b(8)).final())).toBe('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
    expectError(() => tdes.cbc(b(24), b(8)).decrypt(b(0)), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
  });

  it('plaintext not a multiple of 8 with padding off (encrypt), as node:crypto', () => {
    for (const n of [1, 7, 9]) {
      const c = createCipheriv('des-ede-cbc', b(16), b(8));
      c.setAutoPadding(false);
      c.update(b(n));
      expectError(() => c.final(), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
      expect(codeOf(() => { const x = crypto.createCipheriv('des-ede-cbc', b(16), b(8)); x.setAutoPadding(false); x.update(b(n)); x.final(); }))
        .toBe('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
      expectError(() => des.ecb(b(8), { padding: 'none' }).encrypt(b(n)), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
      expectError(() => desx.cbc(b(24), b(8), { padding: 'none' }).encrypt(b(n)), 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', LENGTH);
    }
  });
});

describe('state', () => {
  const key = b(24, 1);
  const iv = b(8, 2);

  it('update() after final(): ERR_CRYPTO_INVALID_STATE with node:crypto\'s message (node:crypto gives no code)', () => {
    const c = createCipheriv('des-ede3-cbc', key, iv);
    c.final();
    expectError(() => c.update(b(8)), 'ERR_CRYPTO_INVALID_STATE', 'Trying to add data in unsupported state: final() was already called');
    const n = crypto.createCipheriv('des-ede3-cbc', key, iv);
    n.final();
    expect(caught(() => n.update(b(8)))).toMatchObject({ message: 'Trying to add data in unsupported state' });
  });

  it('final() twice, as node:crypto', () => {
    const c = createCipheriv('des-ede3-cbc', key, iv);
    c.final();
    expectError(() => c.final(), 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation final: final() was already called');
    const n = crypto.createCipheriv('des-ede3-cbc', key, iv);
    n.final();
    expect(codeOf(() => n.final())).toBe('ERR_CRYPTO_INVALID_STATE');
  });

  it('final() after a failed final(), and setAutoPadding() after final(), as node:crypto', () => {
    const d = createDecipheriv('des-ede3-cbc', key, iv);
    d.update(b(9));
    expect(caught(() => d.final())).toMatchObject({ code: 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH' });
    expectError(() => d.final(), 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation final: final() was already called');
    const n = crypto.createDecipheriv('des-ede3-cbc', key, iv);
    n.update(b(9));
    expect(codeOf(() => n.final())).toBe('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
    expect(codeOf(() => n.final())).toBe('ERR_CRYPTO_INVALID_STATE');

    const c = createCipheriv('des-ede3-cbc', key, iv);
    c.final();
    expectError(() => c.setAutoPadding(false), 'ERR_CRYPTO_INVALID_STATE',
      'Invalid state for operation setAutoPadding: final() was already called');
    const m = crypto.createCipheriv('des-ede3-cbc', key, iv);
    m.final();
    expect(codeOf(() => m.setAutoPadding(false))).toBe('ERR_CRYPTO_INVALID_STATE');
  });

  it('a one-shot object after destroy()', () => {
    const c = tdes.cbc(key, iv);
    c.destroy();
    expectError(() => c.encrypt(b(8)), 'ERR_CRYPTO_INVALID_STATE', 'this cipher object was destroyed');
    expectError(() => c.decrypt(b(8)), 'ERR_CRYPTO_INVALID_STATE', 'this cipher object was destroyed');
  });
});

describe('rejectWeakKeys', () => {
  const w = loadJson('weak-keys.json');
  const weak = Buffer.from(w.weak_keys_odd_parity[0], 'hex');
  const semiWeak = Buffer.from(w.semi_weak_key_pairs_odd_parity[0][1], 'hex');
  const possiblyWeak = Buffer.from(w.possibly_weak_keys_odd_parity[0], 'hex');
  const k1 = Buffer.from('0123456789abcdef', 'hex');
  const k2 = Buffer.from('fedcba9876543210', 'hex');
  const k3 = Buffer.from('89abcdef01234567', 'hex');
  const msg = (what: string) => `key refused: it is ${what} (rejectWeakKeys is set)`;
  const DEGENERATE = msg('a degenerate Triple-DES key (K1 = K2 or K2 = K3)');

  it('weak, semi-weak and possibly weak single-DES keys: one-shot and createCipheriv', () => {
    for (const [key, what] of [[weak, 'a weak DES key'], [semiWeak, 'a semi-weak DES key'], [possiblyWeak, 'a possibly weak DES key']] as const) {
      expectError(() => des.ecb(key, { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg(what));
      expectError(() => des.ctr(key, b(8), { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg(what));
      expectError(() => des.ecb.encryptMany(key, [], { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg(what));
      expectError(() => createCipheriv('des-ecb', key, null, { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg(what));
      expectError(() => createDecipheriv('des-cbc', key, b(8), { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg(what));
      // The parity bits do not matter.
      const cleared = key.map((x) => x & 0xfe);
      expectError(() => des.cbc(cleared, b(8), { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg(what));
      // Without the option the key is used.
      expect(caught(() => des.ecb(key).encrypt(b(8)))).toBe('no error');
    }
  });

  it('a weak part inside a TDES key, and DESX\'s DES key (not its whitening)', () => {
    expectError(() => tdes.cbc(Buffer.concat([k1, weak, k3]), b(8), { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg('a weak DES key'));
    expectError(() => createCipheriv('des-ede', Buffer.concat([semiWeak, k2]), null, { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg('a semi-weak DES key'));
    expectError(() => desx.cbc(Buffer.concat([weak, k2, k3]), b(8), { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', msg('a weak DES key'));
    expect(caught(() => desx.cbc(Buffer.concat([k1, weak, weak]), b(8), { rejectWeakKeys: true }))).toBe('no error');
  });

  it('degenerate Triple-DES keys (K1 = K2 or K2 = K3, parity bits ignored); K1 = K3 is 2-key TDES and allowed', () => {
    const k1Flipped = k1.map((x) => x ^ 1);
    for (const key of [Buffer.concat([k1, k1]), Buffer.concat([k1, k1Flipped]), Buffer.concat([k1, k1, k3]), Buffer.concat([k1, k2, k2])]) {
      expectError(() => tdes.ecb(key, { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', DEGENERATE);
      expectError(() => createCipheriv(key.length === 16 ? 'des-ede-cbc' : 'des3', key, b(8), { rejectWeakKeys: true }), 'ERR_DES_WEAK_KEY', DEGENERATE);
    }
    expect(caught(() => tdes.ecb(Buffer.concat([k1, k2, k1]), { rejectWeakKeys: true }))).toBe('no error');
    expect(caught(() => tdes.ecb(Buffer.concat([k1, k2, k3]), { rejectWeakKeys: true }))).toBe('no error');
  });
});

describe('key wrap', () => {
  const kek = crypto.randomBytes(24);
  const cek = crypto.randomBytes(24);
  const UNWRAP = 'key unwrap: the integrity check failed (wrong key-encryption key, or corrupted data)';

  it('unwrapping under the wrong KEK fails the integrity check (wrapKey and des3-wrap)', () => {
    const wrapped = wrapKey(kek, cek);
    const other = crypto.randomBytes(24);
    expectError(() => unwrapKey(other, wrapped), 'ERR_DES_KEY_WRAP', UNWRAP);
    expectError(() => createDecipheriv('des3-wrap', other, null).update(wrapped), 'ERR_DES_KEY_WRAP', UNWRAP);
    // node:crypto fails too, with no code.
    expect(caught(() => crypto.createDecipheriv('des3-wrap', other, null).update(wrapped))).not.toBe('no error');
    // A flipped bit anywhere fails the same way.
    const corrupted = Uint8Array.from(wrapped);
    corrupted[20] ^= 0x10;
    expectError(() => unwrapKey(kek, corrupted), 'ERR_DES_KEY_WRAP', UNWRAP);
  });

  it('wrapped input of the wrong length; a key to wrap of the wrong length', () => {
    for (const n of [0, 8, 16, 20, 33]) {
      expectError(() => unwrapKey(kek, b(n)), 'ERR_DES_KEY_WRAP', `key unwrap: expected a multiple of 8 bytes, at least 24, got length=${n}`);
    }
    for (const n of [0, 5, 23]) {
      expectError(() => wrapKey(kek, b(n)), 'ERR_DES_KEY_WRAP', `key wrap: the key to wrap must be a non-empty multiple of 8 bytes, got length=${n}`);
      expectError(() => createCipheriv('des3-wrap', kek, null).update(b(n)), 'ERR_DES_KEY_WRAP',
        `key wrap: the key to wrap must be a non-empty multiple of 8 bytes, got length=${n}`);
    }
  });

  it('wrapKey and unwrapKey refuse a KEK that is not 24 bytes, or not bytes', () => {
    expectError(() => wrapKey(b(16, 3), cek), 'ERR_CRYPTO_INVALID_KEYLEN', 'kek: expected Uint8Array of length 24, got length=16');
    expectError(() => unwrapKey(b(8, 3), b(40)), 'ERR_CRYPTO_INVALID_KEYLEN', 'kek: expected Uint8Array of length 24, got length=8');
    expectError(() => wrapKey('a string' as never, cek), 'ERR_INVALID_ARG_TYPE', 'kek: expected Uint8Array, got string');
  });
});

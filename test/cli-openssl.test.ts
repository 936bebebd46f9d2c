// The des-wasm CLI (dist/cli.js, built by `npm run build`) against the real `openssl enc` (3.x;
// single DES through its legacy provider), in both directions: what each writes, the other reads.
// Where the output is deterministic (raw keys, or EVP_BytesToKey without salt) the bytes must be
// identical, base64 line breaks included. Also crypto-js, whose TripleDES writes the same format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import CryptoJS from 'crypto-js';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const LEGACY_PROVIDER = ['-provider', 'legacy', '-provider', 'default'];
let dir: string;

function cli(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}
function ok(args: string[], input?: Buffer): Buffer {
  const r = cli(args, input);
  if (r.code !== 0) throw new Error(`des-wasm ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
function openssl(args: string[], input?: Buffer): Buffer {
  return execFileSync('openssl', args, { cwd: dir, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
}
const file = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(file(name));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-openssl-'));
  writeFileSync(file('in.bin'), randomBytes(70_001));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CIPHERS = [
  { cipher: 'des-ede3-cbc', keyLength: 24, iv: true, provider: [] as string[] },
  { cipher: 'des-ede-cbc', keyLength: 16, iv: true, provider: [] as string[] },
  { cipher: 'des-cbc', keyLength: 8, iv: true, provider: LEGACY_PROVIDER },
  { cipher: 'des-ecb', keyLength: 8, iv: false, provider: LEGACY_PROVIDER },
];

const KDFS = [
  { name: '-pbkdf2 (SHA-256, 10000 iterations)', ours: [], theirs: ['-pbkdf2'] },
  { name: '-pbkdf2 -iter 2000 -md sha1', ours: ['--iter', '2000', '--md', 'sha1'], theirs: ['-pbkdf2', '-iter', '2000', '-md', 'sha1'] },
  { name: '-md md5 (EVP_BytesToKey)', ours: ['--legacy-kdf', '--md', 'md5'], theirs: ['-md', 'md5'] },
  { name: '-md md5 -nosalt', ours: ['--legacy-kdf', '--md', 'md5', '--nosalt'], theirs: ['-md', 'md5', '-nosalt'] },
];

describe('passwords in the openssl enc format, both directions', () => {
  for (const { cipher, provider } of CIPHERS) {
    for (const kdf of KDFS) {
      for (const base64 of [false, true]) {
        const a = base64 ? ['-a'] : [];
        it(`${cipher}, ${kdf.name}${base64 ? ', -a' : ''}`, () => {
          const pass = `pass:pw for ${cipher}`;
          ok(['encrypt', '--cipher', cipher, '--pass', pass, ...kdf.ours, ...a, '-i', 'in.bin', '-o', 'ours.enc']);
          openssl(['enc', '-d', `-${cipher}`, '-pass', pass, ...kdf.theirs, ...a, ...provider, '-in', 'ours.enc', '-out', 'ours.out']);
          expect(read('ours.out').equals(read('in.bin'))).toBe(true);

          openssl(['enc', `-${cipher}`, '-pass', pass, ...kdf.theirs, ...a, ...provider, '-in', 'in.bin', '-out', 'theirs.enc']);
          ok(['decrypt', '--cipher', cipher, '--pass', pass, ...kdf.ours, ...a, '-i', 'theirs.enc', '-o', 'theirs.out']);
          expect(read('theirs.out').equals(read('in.bin'))).toBe(true);

          if (kdf.theirs.includes('-nosalt')) {
            // No salt: nothing random, so the files must be the same bytes.
            expect(read('ours.enc').equals(read('theirs.enc'))).toBe(true);
          }
        });
      }
    }
  }

  it('lengths around the 8-byte block and the 48-byte base64 line, EVP_BytesToKey without salt: identical bytes', () => {
    // --legacy-kdf without --md is openssl enc without -pbkdf2 and -md: SHA-256 on both sides.
    for (const n of [0, 1, 7, 8, 39, 40, 47, 48, 87, 88, 95, 96, 100]) {
      const data = randomBytes(n);
      const ours = ok(['encrypt', '--pass', 'pass:n', '--legacy-kdf', '--nosalt', '-a'], data);
      const theirs = openssl(['enc', '-des-ede3-cbc', '-pass', 'pass:n', '-nosalt', '-a'], data);
      expect(ours.toString(), `length ${n}`).toBe(theirs.toString());
      expect(ok(['decrypt', '--pass', 'pass:n', '--legacy-kdf', '--nosalt', '-a'], theirs).equals(data), `length ${n}`).toBe(true);
    }
  });

  it('reads openssl -a -A (all the base64 on one line)', () => {
    openssl(['enc', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:oneline', '-a', '-A', '-in', 'in.bin', '-out', 'oneline.b64']);
    ok(['decrypt', '--pass', 'pass:oneline', '-a', '-i', 'oneline.b64', '-o', 'oneline.out']);
    expect(read('oneline.out').equals(read('in.bin'))).toBe(true);
  });

  it('openssl reads a password-encrypted stream written to stdout, and we read openssl\'s from stdin', () => {
    const data = read('in.bin');
    const ours = ok(['encrypt', '--pass', 'pass:pipe', '-a'], data);
    expect(openssl(['enc', '-d', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:pipe', '-a'], ours).equals(data)).toBe(true);
    const theirs = openssl(['enc', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:pipe'], data);
    expect(ok(['decrypt', '--pass', 'pass:pipe'], theirs).equals(data)).toBe(true);
  });
});

describe('raw keys: -K and -iv', () => {
  for (const { cipher, keyLength, iv, provider } of CIPHERS) {
    it(`${cipher}: identical bytes both ways, with and without -a, and -nopad with --padding none`, () => {
      const key = randomBytes(keyLength).toString('hex'), ivHex = randomBytes(8).toString('hex');
      writeFileSync(file('raw.key'), key + '\n');                   // hex key file
      const ourIv = iv ? ['--iv', ivHex] : [];
      const theirIv = iv ? ['-iv', ivHex] : [];
      for (const a of [[], ['-a']]) {
        ok(['encrypt', '--cipher', cipher, '--key-file', 'raw.key', ...ourIv, ...a, '-i', 'in.bin', '-o', 'raw.enc']);
        openssl(['enc', `-${cipher}`, '-K', key, ...theirIv, ...a, ...provider, '-in', 'in.bin', '-out', 'raw-openssl.enc']);
        expect(read('raw.enc').equals(read('raw-openssl.enc'))).toBe(true);
        ok(['decrypt', '--cipher', cipher, '--key-file', 'raw.key', ...ourIv, ...a, '-i', 'raw-openssl.enc', '-o', 'raw.out']);
        expect(read('raw.out').equals(read('in.bin'))).toBe(true);
      }
      writeFileSync(file('aligned.bin'), randomBytes(4096));
      openssl(['enc', `-${cipher}`, '-K', key, ...theirIv, '-nopad', ...provider, '-in', 'aligned.bin', '-out', 'nopad.enc']);
      ok(['decrypt', '--cipher', cipher, '--key-file', 'raw.key', ...ourIv, '--padding', 'none', '-i', 'nopad.enc', '-o', 'nopad.out']);
      expect(read('nopad.out').equals(read('aligned.bin'))).toBe(true);
      ok(['encrypt', '--cipher', cipher, '--key-file', 'raw.key', ...ourIv, '--padding', 'none', '-i', 'aligned.bin', '-o', 'nopad2.enc']);
      expect(read('nopad2.enc').equals(read('nopad.enc'))).toBe(true);
    });
  }

  it('3 MB through stdin and stdout with -a (pipe-sized chunks, not whole lines): identical bytes both ways', () => {
    const key = randomBytes(24).toString('hex'), ivHex = randomBytes(8).toString('hex');
    const data = randomBytes(3_000_001);
    const ours = ok(['encrypt', '--key', key, '--iv', ivHex, '-a'], data);
    expect(ours.equals(openssl(['enc', '-des-ede3-cbc', '-K', key, '-iv', ivHex, '-a'], data))).toBe(true);
    expect(ok(['decrypt', '--key', key, '--iv', ivHex, '-a'], ours).equals(data)).toBe(true);
  });

  it('--padding zero / iso7816 / x923 / iso10126: openssl -nopad over the data padded by each scheme\'s rule', () => {
    // The rules, written out here: zero bytes (none when aligned); 80 then zeros (ISO/IEC 7816-4);
    // zeros then the count (ANSI X9.23); random bytes then the count (ISO 10126, checked by count).
    const key = randomBytes(24).toString('hex'), ivHex = randomBytes(8).toString('hex');
    for (const length of [0, 5, 8, 4099]) {
      const data = randomBytes(length), n = 8 - (length % 8);
      const padded: Record<string, Buffer> = {
        zero: Buffer.concat([data, Buffer.alloc(length % 8 ? n : 0)]),
        iso7816: Buffer.concat([data, Buffer.from([0x80]), Buffer.alloc(n - 1)]),
        x923: Buffer.concat([data, Buffer.alloc(n - 1), Buffer.from([n])]),
      };
      writeFileSync(file('pad.bin'), data);
      for (const scheme of ['zero', 'iso7816', 'x923', 'iso10126']) {
        const label = `${scheme}, ${length} bytes`;
        ok(['encrypt', '--key', key, '--iv', ivHex, '--padding', scheme, '-i', 'pad.bin', '-o', 'pad.enc']);
        const plain = openssl(['enc', '-d', '-des-ede3-cbc', '-K', key, '-iv', ivHex, '-nopad', '-in', 'pad.enc']);
        if (scheme === 'iso10126') {
          expect([plain.length, plain[plain.length - 1]], label).toEqual([length + n, n]);
          expect(plain.subarray(0, length).equals(data), label).toBe(true);
        } else {
          expect(plain.equals(padded[scheme]), label).toBe(true);
        }
        ok(['decrypt', '--key', key, '--iv', ivHex, '--padding', scheme, '-i', 'pad.enc', '-o', 'pad.out']);
        // Zero padding cannot tell trailing zero bytes of the data from padding: random data ends
        // in one about once in 256 draws, so compare what zero padding can promise.
        const back = read('pad.out');
        if (scheme === 'zero') expect(Buffer.concat([back, Buffer.alloc(padded.zero.length - back.length)]).equals(padded.zero), label).toBe(true);
        else expect(back.equals(data), label).toBe(true);
      }
    }
    const bad = cli(['encrypt', '--cipher', 'des-ede3-ofb', '--key', key, '--iv', ivHex, '--padding', 'x923'], Buffer.from('x'));
    expect([bad.code, bad.stderr.trim()]).toEqual([2, 'des-wasm: --padding x923: des-ede3-ofb takes no padding']);
    const unknown = cli(['encrypt', '--key', key, '--iv', ivHex, '--padding', 'pkcs5'], Buffer.from('x'));
    expect([unknown.code, unknown.stderr.trim()]).toEqual([2, 'des-wasm: --padding pkcs5: expected one of pkcs7, none, zero, iso7816, x923, iso10126']);
  });

  it('the stream modes too (CFB, OFB): identical bytes for an unaligned length', () => {
    const key = randomBytes(24).toString('hex'), ivHex = randomBytes(8).toString('hex');
    for (const cipher of ['des-ede3-cfb', 'des-ede3-ofb', 'des-ede3-cfb8']) {
      ok(['encrypt', '--cipher', cipher, '--key', key, '--iv', ivHex, '-i', 'in.bin', '-o', 'stream.enc']);
      openssl(['enc', `-${cipher}`, '-K', key, '-iv', ivHex, '-in', 'in.bin', '-out', 'stream-openssl.enc']);
      expect(read('stream.enc').equals(read('stream-openssl.enc')), cipher).toBe(true);
    }
  });
});

describe('the original C program\'s files: DES-ECB, PKCS#5 padding, a raw 8-byte key file', () => {
  it('a file written by openssl enc -des-ecb -K <key> decrypts with --cipher des-ecb --key-file, and encrypt writes the same bytes', () => {
    const key = randomBytes(8);
    writeFileSync(file('seed.key'), key);                          // raw bytes, as the C program keeps them
    openssl(['enc', '-des-ecb', '-K', key.toString('hex'), ...LEGACY_PROVIDER, '-in', 'in.bin', '-out', 'seed.enc']);
    ok(['decrypt', '--cipher', 'des-ecb', '--key-file', 'seed.key', '-i', 'seed.enc', '-o', 'seed.out']);
    expect(read('seed.out').equals(read('in.bin'))).toBe(true);
    ok(['encrypt', '--cipher', 'des-ecb', '--key-file', 'seed.key', '-i', 'in.bin', '-o', 'seed2.enc']);
    expect(read('seed2.enc').equals(read('seed.enc'))).toBe(true);
  });
});

describe('crypto-js (CryptoJS.TripleDES with a passphrase): the same format, EVP_BytesToKey with MD5', () => {
  it('reads what crypto-js writes, and crypto-js reads what we write', () => {
    const text = 'Data written by crypto-js, read by des-wasm. '.repeat(20);
    const theirs = CryptoJS.TripleDES.encrypt(text, 'cjs-pass').toString();           // base64, one line
    expect(ok(['decrypt', '--legacy-kdf', '--md', 'md5', '-a', '--pass', 'pass:cjs-pass'], Buffer.from(theirs)).toString()).toBe(text);
    const ours = ok(['encrypt', '--legacy-kdf', '--md', 'md5', '-a', '--pass', 'pass:cjs-pass'], Buffer.from(text)).toString();
    // crypto-js wants the base64 on one line.
    expect(CryptoJS.TripleDES.decrypt(ours.replace(/\n/g, ''), 'cjs-pass').toString(CryptoJS.enc.Utf8)).toBe(text);
  });
});

// The des-wasm CLI (dist/cli.js, built by `npm run build`) against the real openssl binary, and
// its failure behaviour: exit codes, one line on stderr, and no output file left behind.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const LEGACY = ['-provider', 'legacy', '-provider', 'default'];
let dir: string;

function cli(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}
function openssl(args: string[]) {
  return execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
}
const file = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(file(name));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-'));
  writeFileSync(file('in.bin'), randomBytes(70_001));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('interoperates with openssl enc, both directions', () => {
  const cases: { name: string; cipher: string; ours: string[]; theirs: string[]; legacy?: boolean }[] = [
    { name: 'des-ede3-cbc, -pbkdf2 (defaults)', cipher: 'des-ede3-cbc', ours: [], theirs: ['-pbkdf2'] },
    { name: 'des-ede3-cbc, -pbkdf2 -iter 2000 -md sha1', cipher: 'des-ede3-cbc', ours: ['--iter', '2000', '--md', 'sha1'], theirs: ['-pbkdf2', '-iter', '2000', '-md', 'sha1'] },
    { name: 'des-ede3-cbc, -pbkdf2 -a', cipher: 'des-ede3-cbc', ours: ['-a'], theirs: ['-pbkdf2', '-a'] },
    { name: 'des-ede-cbc, -pbkdf2 -md sha512', cipher: 'des-ede-cbc', ours: ['--md', 'sha512'], theirs: ['-pbkdf2', '-md', 'sha512'] },
    { name: 'des-ede-cbc, -md md5 without PBKDF2 (EVP_BytesToKey)', cipher: 'des-ede-cbc', ours: ['--legacy-kdf', '--md', 'md5'], theirs: ['-md', 'md5'] },
    { name: 'des-ede3-cbc, -md md5 -nosalt -a', cipher: 'des-ede3-cbc', ours: ['--legacy-kdf', '--md', 'md5', '--nosalt', '-a'], theirs: ['-md', 'md5', '-nosalt', '-a'] },
    { name: 'des-cbc (legacy provider), -pbkdf2', cipher: 'des-cbc', ours: [], theirs: ['-pbkdf2', ...LEGACY], legacy: true },
    { name: 'des-ecb (legacy provider), -pbkdf2 -a', cipher: 'des-ecb', ours: ['-a'], theirs: ['-pbkdf2', '-a', ...LEGACY], legacy: true },
  ];
  for (const c of cases) {
    it(`${c.name}: ours → openssl and openssl → ours`, () => {
      const pass = `pw-${c.cipher}`;
      expect(cli(['encrypt', '--cipher', c.cipher, '--pass', `pass:${pass}`, ...c.ours, '-i', 'in.bin', '-o', 'ours.enc']).code).toBe(0);
      openssl(['enc', '-d', `-${c.cipher}`, '-pass', `pass:${pass}`, ...c.theirs, '-in', 'ours.enc', '-out', 'ours.out']);
      expect(read('ours.out').equals(read('in.bin'))).toBe(true);
      openssl(['enc', `-${c.cipher}`, '-pass', `pass:${pass}`, ...c.theirs, '-in', 'in.bin', '-out', 'theirs.enc']);
      expect(cli(['decrypt', '--cipher', c.cipher, '--pass', `pass:${pass}`, ...c.ours, '-i', 'theirs.enc', '-o', 'theirs.out']).code).toBe(0);
      expect(read('theirs.out').equals(read('in.bin'))).toBe(true);
    });
  }

  it('raw keys: -K/-iv for des-ede3-cbc, des-ede-cbc, des-cbc and -K for des-ecb, -nopad with --padding none', () => {
    for (const [cipher, keyLength, iv, legacy] of [['des-ede3-cbc', 24, true, false], ['des-ede-cbc', 16, true, false],
      ['des-cbc', 8, true, true], ['des-ecb', 8, false, true]] as const) {
      const key = randomBytes(keyLength).toString('hex'), ivHex = randomBytes(8).toString('hex');
      writeFileSync(file('raw.key'), key + '\n');
      const ivArgs = iv ? ['--iv', ivHex] : [];
      const sslIv = iv ? ['-iv', ivHex] : [];
      expect(cli(['encrypt', '--cipher', cipher, '--key-file', 'raw.key', ...ivArgs, '-i', 'in.bin', '-o', 'raw.enc']).code).toBe(0);
      openssl(['enc', '-d', `-${cipher}`, '-K', key, ...sslIv, ...(legacy ? LEGACY : []), '-in', 'raw.enc', '-out', 'raw.out']);
      expect(read('raw.out').equals(read('in.bin'))).toBe(true);
      writeFileSync(file('aligned.bin'), randomBytes(4096));
      openssl(['enc', `-${cipher}`, '-K', key, ...sslIv, '-nopad', ...(legacy ? LEGACY : []), '-in', 'aligned.bin', '-out', 'nopad.enc']);
      expect(cli(['decrypt', '--cipher', cipher, '--key', key, ...ivArgs, '--padding', 'none', '-i', 'nopad.enc', '-o', 'nopad.out']).code).toBe(0);
      expect(read('nopad.out').equals(read('aligned.bin'))).toBe(true);
    }
  });

  it('reads the original C program\'s files: openssl enc -des-ecb -K <key> (PKCS#5) decrypts with --cipher des-ecb --key-file', () => {
    const key = randomBytes(8);
    writeFileSync(file('seed.key'), key);                          // a raw 8-byte key file
    openssl(['enc', '-des-ecb', '-K', key.toString('hex'), ...LEGACY, '-in', 'in.bin', '-out', 'seed.enc']);
    expect(cli(['decrypt', '--cipher', 'des-ecb', '--key-file', 'seed.key', '-i', 'seed.enc', '-o', 'seed.out']).code).toBe(0);
    expect(read('seed.out').equals(read('in.bin'))).toBe(true);
    expect(cli(['encrypt', '--cipher', 'des-ecb', '--key-file', 'seed.key', '-i', 'in.bin', '-o', 'seed2.enc']).code).toBe(0);
    expect(read('seed2.enc').equals(read('seed.enc'))).toBe(true);
  });
});

describe('failures: exit code, one line on stderr, no output file', () => {
  beforeAll(() => {
    expect(cli(['encrypt', '--pass', 'pass:right', '-i', 'in.bin', '-o', 'good.enc']).code).toBe(0);
  });
  const noPartials = () => expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);

  it('wrong password: exit 1, no output', () => {
    const r = cli(['decrypt', '--pass', 'pass:wrong', '-i', 'good.enc', '-o', 'wrong.out']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad decrypt/);
    expect(existsSync(file('wrong.out'))).toBe(false);
    noPartials();
  });
  it('truncated file: exit 1, no output', () => {
    writeFileSync(file('trunc.enc'), read('good.enc').subarray(0, 1003));
    expect(cli(['decrypt', '--pass', 'pass:right', '-i', 'trunc.enc', '-o', 'trunc.out']).code).toBe(1);
    expect(existsSync(file('trunc.out'))).toBe(false);
    writeFileSync(file('short.enc'), read('good.enc').subarray(0, 10));
    expect(cli(['decrypt', '--pass', 'pass:right', '-i', 'short.enc', '-o', 'short.out']).code).toBe(1);
    expect(existsSync(file('short.out'))).toBe(false);
    noPartials();
  });
  it('flipped last byte: exit 1, no output', () => {
    const bad = Buffer.from(read('good.enc'));
    bad[bad.length - 1] ^= 0x01;
    writeFileSync(file('flip.enc'), bad);
    expect(cli(['decrypt', '--pass', 'pass:right', '-i', 'flip.enc', '-o', 'flip.out']).code).toBe(1);
    expect(existsSync(file('flip.out'))).toBe(false);
  });
  it('an existing output file is untouched by a failure', () => {
    writeFileSync(file('keep.txt'), 'precious');
    expect(cli(['decrypt', '--pass', 'pass:wrong', '-i', 'good.enc', '-o', 'keep.txt']).code).toBe(1);
    expect(read('keep.txt').toString()).toBe('precious');
  });
  it('missing input, unwritable output, -o = -i, unknown cipher, wrong key length, unknown flag: exit 2', () => {
    expect(cli(['decrypt', '--pass', 'pass:x', '-i', 'nope.enc', '-o', 'x.out']).stderr).toMatch(/nope\.enc: no such file/);
    expect(cli(['decrypt', '--pass', 'pass:x', '-i', 'nope.enc', '-o', 'x.out']).code).toBe(2);
    expect(cli(['encrypt', '--pass', 'pass:x', '-i', 'in.bin', '-o', join(dir, 'no-such-dir', 'x.enc')]).code).toBe(2);
    expect(cli(['encrypt', '--pass', 'pass:x', '-i', 'in.bin', '-o', 'in.bin']).code).toBe(2);
    expect(cli(['encrypt', '--cipher', 'des-foo', '--pass', 'pass:x', '-i', 'in.bin', '-o', 'x.enc']).code).toBe(2);
    const r = cli(['encrypt', '--key', '00112233', '--iv', '0011223344556677', '-i', 'in.bin', '-o', 'x.enc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/must be 24 bytes/);
    expect(cli(['encrypt', '--frobnicate']).code).toBe(2);
    expect(existsSync(file('x.enc'))).toBe(false);
    expect(read('in.bin').length).toBe(70_001);
    noPartials();
  });
});

describe('streams and files', () => {
  it('stdin → stdout round trip', () => {
    const enc = cli(['encrypt', '--pass', 'pass:pipe'], read('in.bin'));
    expect(enc.code).toBe(0);
    const dec = cli(['decrypt', '--pass', 'pass:pipe'], enc.stdout);
    expect(dec.code).toBe(0);
    expect(dec.stdout.equals(read('in.bin'))).toBe(true);
  });
  it('64 MiB generated at test time: round trip through files', () => {
    const big = file('big.bin');
    const chunk = randomBytes(1 << 20);
    const hash = createHash('sha256');
    const parts: Buffer[] = [];
    for (let i = 0; i < 64; i++) { chunk[0] = i; parts.push(Buffer.from(chunk)); hash.update(chunk); }
    writeFileSync(big, Buffer.concat(parts));
    expect(cli(['encrypt', '--pass', 'pass:big', '-i', 'big.bin', '-o', 'big.enc']).code).toBe(0);
    expect(cli(['decrypt', '--pass', 'pass:big', '-i', 'big.enc', '-o', 'big.out']).code).toBe(0);
    expect(createHash('sha256').update(read('big.out')).digest('hex')).toBe(hash.digest('hex'));
    for (const n of ['big.bin', 'big.enc', 'big.out']) rmSync(file(n));
  });
});

describe('keygen, trace, mac, kcv', () => {
  it('keygen writes an odd-parity key with mode 0600, prints its KCV, and never overwrites without --force', () => {
    const r = cli(['keygen', '--cipher', 'des-ede3', '-o', 'gen.key']);
    expect(r.code).toBe(0);
    const key = read('gen.key');
    expect(key.length).toBe(24);
    expect(statSync(file('gen.key')).mode & 0o777).toBe(0o600);
    for (const b of key) expect(((b >> 1) ^ (b >> 2) ^ (b >> 3) ^ (b >> 4) ^ (b >> 5) ^ (b >> 6) ^ (b >> 7) ^ b) & 1).toBe(1);
    const c = execFileSync('openssl', ['enc', '-des-ede3', '-K', key.toString('hex'), '-nopad'], { input: Buffer.alloc(8) });
    expect(r.stdout.toString().trim()).toBe(`KCV ${c.subarray(0, 3).toString('hex').toUpperCase()}`);
    expect(cli(['keygen', '-o', 'gen.key']).code).toBe(2);
    expect(read('gen.key').equals(key)).toBe(true);
    expect(cli(['keygen', '--hex', '--force', '-o', 'gen.key']).code).toBe(0);
    expect(read('gen.key').toString()).toMatch(/^[0-9A-F]{48}\n$/);
  });
  it('trace prints the article\'s values, and --json parses', () => {
    const out = cli(['trace']).stdout.toString();
    expect(out).toContain('000110 110000 001011 101111 111111 000111 000001 110010');
    expect(out).toContain('Result: 85E813540F0AB405');
    const json = JSON.parse(cli(['trace', '--json']).stdout.toString());
    expect(json.result).toBe('85e813540f0ab405');
    expect(json.k[0].bits).toBe('000110110000001011101111111111000111000001110010');
  });
  it('mac and kcv print the published values (ISO 9797-1 Annex B, the classic KCV)', () => {
    writeFileSync(file('msg.txt'), 'Now is the time for all ');
    expect(cli(['mac', '--alg', 'retail', '--key', '0123456789abcdeffedcba9876543210', '--length', '4', '-i', 'msg.txt']).stdout.toString().trim()).toBe('A1C72E74');
    expect(cli(['mac', '--alg', 'cbc', '--key', '0123456789abcdef', '-i', 'msg.txt']).stdout.toString().trim()).toBe('70A30640CC76DD8B');
    expect(cli(['kcv', '--key', '0123456789ABCDEFFEDCBA9876543210']).stdout.toString().trim()).toBe('08D7B4');
  });
});

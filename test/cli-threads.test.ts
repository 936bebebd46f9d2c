// encrypt/decrypt --threads (dist/cli.js, built by `npm run build`): for each mode that runs on
// worker threads (ECB both ways, CBC and CFB-64 decryption, CTR both ways), --threads 1 and
// --threads 2 give byte for byte what `openssl enc` gives, for lengths around the CLI's 1 MiB
// chunks (the first chunk runs on the main thread, the rest on the workers; the last block of a
// padded decryption waits across chunk boundaries). CTR, which openssl enc lacks for DES, is
// checked against openssl's ECB over the counter blocks (big-endian, mod 2^64, across the wrap).
// Also: the serial modes say under --verbose that they run on one core, bad --threads values are
// usage errors, and a signal during a threaded run leaves no output behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const MiB = 1 << 20;
// Lengths of the plaintext around the chunk size: one chunk, a block more or less, a byte more
// or less, and three chunks and a bit (so that both workers get chunks).
const SIZES = [MiB - 8, MiB - 1, MiB, MiB + 1, MiB + 8, 3 * MiB + 13];
let dir: string;
const file = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(file(name));
const key = randomBytes(24);
const iv = randomBytes(8);

function cli(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}
function openssl(args: string[], input?: Buffer): Buffer {
  return execFileSync('openssl', ['enc', ...args, '-K', key.toString('hex')], { cwd: dir, input, maxBuffer: 1 << 26 });
}

/** des-wasm with --threads N on file `input`: the output bytes, and that the threads said how many ran. */
function ours(direction: 'encrypt' | 'decrypt', cipher: string, input: string, threads: number, extra: string[] = []): Buffer {
  const r = cli([direction, '--cipher', cipher, '--key-file', 'k.key', ...extra, '--threads', String(threads), '-v', '-i', input, '-o', 'ours.out']);
  expect(r.code, r.stderr).toBe(0);
  // The first chunk runs on this thread; the workers start with the second that has whole blocks
  // to run (never below 1 MiB, always past 2 MiB).
  const length = readFileSync(file(input)).length;
  if (threads === 1 || length <= MiB) expect(r.stderr).toMatch(/on 1 thread$/m);
  if (threads > 1 && length > 2 * MiB) expect(r.stderr).toMatch(/on 2 threads$/m);
  return read('ours.out');
}

/** CTR by its definition, from openssl's ECB: E(counter), E(counter + 1) … (mod 2^64) ⊕ data. */
function ctrPeer(data: Buffer, start: Buffer): Buffer {
  const blocks = Math.ceil(data.length / 8);
  const counters = Buffer.alloc(blocks * 8);
  let c = start.readBigUInt64BE();
  for (let i = 0; i < blocks; i++, c = BigInt.asUintN(64, c + 1n)) counters.writeBigUInt64BE(c, 8 * i);
  const stream = openssl(['-des-ede3', '-nopad'], counters);
  const out = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] ^ stream[i];
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-threads-'));
  writeFileSync(file('k.key'), key);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--threads 1 and 2 give what openssl gives, around the 1 MiB chunks', () => {
  for (const size of SIZES) {
    it(`${size} bytes: ECB both ways, CBC and CFB-64 decryption (openssl enc -des-ede3, -des-ede3-cbc, -des-ede3-cfb)`, () => {
      const plain = randomBytes(size);
      writeFileSync(file('plain'), plain);
      const ivArgs = ['--iv', iv.toString('hex')];
      const ecb = openssl(['-des-ede3'], plain);
      writeFileSync(file('ecb'), ecb);
      for (const threads of [1, 2]) {
        expect(ours('encrypt', 'des-ede3', 'plain', threads).equals(ecb)).toBe(true);
        expect(ours('decrypt', 'des-ede3', 'ecb', threads).equals(plain)).toBe(true);
      }
      for (const [cipher, flag] of [['des-ede3-cbc', '-des-ede3-cbc'], ['des-ede3-cfb', '-des-ede3-cfb']]) {
        const theirs = openssl([flag, '-iv', iv.toString('hex')], plain);
        writeFileSync(file('theirs'), theirs);
        for (const threads of [1, 2]) expect(ours('decrypt', cipher, 'theirs', threads, ivArgs).equals(plain), cipher).toBe(true);
      }
      // Without padding, an aligned CBC ciphertext's last block is not held back for unpadding.
      if (size % 8 === 0) {
        for (const threads of [1, 2]) {
          expect(ours('decrypt', 'des-ede3-cbc', 'plain', threads, [...ivArgs, '--padding', 'none'])
            .equals(openssl(['-d', '-des-ede3-cbc', '-nopad', '-iv', iv.toString('hex')], plain))).toBe(true);
        }
      }
    });
  }

  it('CTR both ways, against openssl\'s ECB over the counters, the counter wrapping mod 2^64 inside the second chunk', () => {
    // 1 MiB is 131072 blocks: this IV wraps 1000 blocks into the second chunk.
    const start = Buffer.from((2n ** 64n - 131072n - 1000n).toString(16), 'hex');
    for (const size of [MiB + 1, 3 * MiB + 13]) {
      const plain = randomBytes(size);
      writeFileSync(file('plain'), plain);
      const theirs = ctrPeer(plain, start);
      writeFileSync(file('theirs'), theirs);
      for (const threads of [1, 2]) {
        const ivArgs = ['--iv', start.toString('hex')];
        expect(ours('encrypt', 'des-ede3-ctr', 'plain', threads, ivArgs).equals(theirs)).toBe(true);
        expect(ours('decrypt', 'des-ede3-ctr', 'theirs', threads, ivArgs).equals(plain)).toBe(true);
      }
    }
  });

  it('a bad padding found by the last block after threaded chunks: exit 1, nothing written', () => {
    writeFileSync(file('plain'), randomBytes(3 * MiB));         // not a padded ciphertext: the unpadding fails
    const r = cli(['decrypt', '--cipher', 'des-ede3-cbc', '--key-file', 'k.key', '--iv', iv.toString('hex'), '--threads', '2', '-i', 'plain', '-o', 'bad.out']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^des-wasm: bad decrypt/);
    expect(existsSync(file('bad.out'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

describe('the serial modes, and --threads itself', () => {
  it('a serial mode with --threads 2 says under --verbose that it runs on one core', () => {
    writeFileSync(file('plain'), randomBytes(3 * MiB));
    for (const [direction, cipher] of [['encrypt', 'des-ede3-cbc'], ['encrypt', 'des-ede3-cfb'], ['decrypt', 'des-ede3-ofb'], ['decrypt', 'des-ede3-cfb8']]) {
      const r = cli([direction, '--cipher', cipher, '--key-file', 'k.key', '--iv', iv.toString('hex'), '--threads', '2', '-v', '-i', 'plain', '-o', 'serial.out']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`^des-wasm: ${cipher} ${direction}ion runs on one core: `, 'm'));
      expect(r.stderr).toMatch(/on 1 thread$/m);
    }
  });

  it('bad --threads values: one line, exit 2', () => {
    for (const value of ['0', '65', '1.5', 'two', '-1', '']) {
      const r = cli(['encrypt', '--cipher', 'des-ecb', '--key-file', 'k.key', '--threads', value, '-i', 'k.key', '-o', 'x.out']);
      expect(r.code, `${value}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr, value).toMatch(value === '-1' ? /--threads/ : new RegExp(`^des-wasm: --threads ${value.replace('.', '\\.')}: expected a whole number from 1 to 64\n$`));
      expect(existsSync(file('x.out'))).toBe(false);
    }
  });

  it('SIGTERM during a threaded decryption from stdin: exit 143, no output file left', async () => {
    const child = spawn(process.execPath, [CLI, 'decrypt', '--cipher', 'des-ede3-cbc', '--key-file', 'k.key', '--iv', iv.toString('hex'),
      '--padding', 'none', '--threads', '2', '-o', 'sig.out'], { cwd: dir });
    child.stdin.on('error', () => { /* EPIPE once it has gone: expected */ });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    child.stdin.write(randomBytes(3 * MiB));                   // the workers have started; stdin stays open
    const partial = () => readdirSync(dir).filter((n) => n.endsWith('.partial'));
    for (let i = 0; i < 200 && partial().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(stderr).toMatch(/interrupted \(SIGTERM\)/);
    expect(existsSync(file('sig.out'))).toBe(false);
    expect(partial()).toEqual([]);
  });
});

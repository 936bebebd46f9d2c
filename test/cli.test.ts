// The des-wasm CLI (dist/cli.js, built by `npm run build`) on its own: failures (exit code, one
// line on stderr, no output file left, an existing one untouched, also on SIGINT/SIGTERM),
// password sources, pipes, a 64 MiB round trip, keygen, trace (Grabbe's worked example), mac,
// kcv, help and the demo. Interop with openssl enc is in cli-openssl.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import {
  chmodSync, closeSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync,
  statSync, writeFileSync, writeSync,
} from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
let dir: string;

function cli(args: string[], input?: Buffer | string, options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, input, maxBuffer: 1 << 26, ...options });
  return { code: r.status, stdout: r.stdout as Buffer, stderr: r.stderr.toString() };
}
const file = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(file(name));
const leftovers = () => readdirSync(dir).filter((n) => n.endsWith('.partial'));

/** A failure: the exit code, exactly one line on stderr matching `message`, and nothing at `out`. */
function fails(args: string[], code: 1 | 2, message: RegExp, out?: string, input?: Buffer) {
  const r = cli(args, input);
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  if (out) expect(existsSync(file(out))).toBe(false);
  expect(leftovers()).toEqual([]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-'));
  for (const pw of ['right', 'wrong', 'x']) writeFileSync(file(`${pw}.pw`), `${pw}\n`);   // --pass file:right.pw
  writeFileSync(file('in.bin'), randomBytes(70_001));
  expect(cli(['encrypt', '--pass', 'file:right.pw', '-i', 'in.bin', '-o', 'good.enc']).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cryptographic failures: exit 1, one line, no output file', () => {
  it('wrong password', () => {
    fails(['decrypt', '--pass', 'file:wrong.pw', '-i', 'good.enc', '-o', 'wrong.out'], 1, /bad decrypt: wrong password or key/, 'wrong.out');
  });
  it('wrong raw key (bad padding)', () => {
    const key = randomBytes(8);
    writeFileSync(file('k1.key'), key);
    writeFileSync(file('k2.key'), randomBytes(8));
    expect(cli(['encrypt', '--cipher', 'des-ecb', '--key-file', 'k1.key', '-i', 'in.bin', '-o', 'k1.enc']).code).toBe(0);
    // A wrong key leaves valid padding about once in 256 tries; try a few keys so that one must fail.
    let failed = false;
    for (let i = 0; i < 4 && !failed; i++) {
      writeFileSync(file('k2.key'), randomBytes(8));
      const r = cli(['decrypt', '--cipher', 'des-ecb', '--key-file', 'k2.key', '-i', 'k1.enc', '-o', 'k2.out']);
      if (r.code === 1) { failed = true; expect(existsSync(file('k2.out'))).toBe(false); }
      rmSync(file('k2.out'), { force: true });
    }
    expect(failed).toBe(true);
  });
  it('truncated file: cut inside the data, and shorter than the header', () => {
    writeFileSync(file('trunc.enc'), read('good.enc').subarray(0, 1003));
    fails(['decrypt', '--pass', 'file:right.pw', '-i', 'trunc.enc', '-o', 'trunc.out'], 1, /not a whole number of 8-byte blocks/, 'trunc.out');
    writeFileSync(file('trunc8.enc'), read('good.enc').subarray(0, 1000));
    fails(['decrypt', '--pass', 'file:right.pw', '-i', 'trunc8.enc', '-o', 'trunc.out'], 1, /bad decrypt/, 'trunc.out');
    writeFileSync(file('short.enc'), read('good.enc').subarray(0, 10));
    fails(['decrypt', '--pass', 'file:right.pw', '-i', 'short.enc', '-o', 'short.out'], 1, /too short/, 'short.out');
  });
  it('flipped last byte', () => {
    const bad = Buffer.from(read('good.enc'));
    bad[bad.length - 1] ^= 0x01;
    writeFileSync(file('flip.enc'), bad);
    fails(['decrypt', '--pass', 'file:right.pw', '-i', 'flip.enc', '-o', 'flip.out'], 1, /bad decrypt/, 'flip.out');
  });
  it('not in the openssl enc format, corrupted base64', () => {
    fails(['decrypt', '--pass', 'file:right.pw', '-i', 'in.bin', '-o', 'x.out'], 1, /does not start with "Salted__"/, 'x.out');
    writeFileSync(file('bad.b64'), 'U2FsdGVkX1!!\n');
    fails(['decrypt', '--pass', 'file:right.pw', '-a', '-i', 'bad.b64', '-o', 'x.out'], 1, /not base64/, 'x.out');
    const b64 = cli(['encrypt', '--pass', 'file:right.pw', '-a', '-i', 'in.bin']).stdout.toString();
    expect(b64.trimEnd().endsWith('=')).toBe(true);                // 70001 + 16 + 7 bytes: padded
    writeFileSync(file('after-end.b64'), b64 + 'QUJD\n');           // data after the '=' that ended it
    fails(['decrypt', '--pass', 'file:right.pw', '-a', '-i', 'after-end.b64', '-o', 'x.out'], 1, /not base64/, 'x.out');
    writeFileSync(file('cut.b64'), b64.slice(0, 1001));              // a group of 4 cut short
    fails(['decrypt', '--pass', 'file:right.pw', '-a', '-i', 'cut.b64', '-o', 'x.out'], 1, /truncated/, 'x.out');
  });
  it('an existing output file is untouched by a failure, and replaced (keeping its mode) by a success', () => {
    writeFileSync(file('keep.txt'), 'precious');
    chmodSync(file('keep.txt'), 0o640);
    fails(['decrypt', '--pass', 'file:wrong.pw', '-i', 'good.enc', '-o', 'keep.txt'], 1, /bad decrypt/);
    expect(read('keep.txt').toString()).toBe('precious');
    expect(cli(['decrypt', '--pass', 'file:right.pw', '-i', 'good.enc', '-o', 'keep.txt']).code).toBe(0);
    expect(read('keep.txt').equals(read('in.bin'))).toBe(true);
    expect(statSync(file('keep.txt')).mode & 0o777).toBe(0o640);
  });
});

describe('usage and I/O errors: exit 2, one line that says what to do, no output file', () => {
  it('missing input', () => {
    fails(['decrypt', '--pass', 'file:x.pw', '-i', 'nope.enc', '-o', 'x.out'], 2, /nope\.enc: no such file/, 'x.out');
  });
  it('unwritable output: no such folder, a path through a file, a folder', () => {
    fails(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', join('no-such-dir', 'x.enc')], 2, /no-such-dir\/x\.enc: no such file or folder/);
    fails(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', join('in.bin', 'x.enc')], 2, /not a folder/);
    mkdirSync(file('folder'), { recursive: true });
    fails(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', 'folder'], 2, /is a folder/);
  });
  it('a full disk (/dev/full): exit 2 with the reason', () => {
    fails(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', '/dev/full'], 2, /no space left on the device/);
  });
  it('-o equal to -i, by the same path, another spelling of it, or a hard link', () => {
    fails(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', 'in.bin'], 2, /the output file is the input file/);
    fails(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', `./folder/../in.bin`], 2, /the output file is the input file/);
    linkSync(file('in.bin'), file('in-link.bin'));
    fails(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', 'in-link.bin'], 2, /a link to it/);
    expect(read('in.bin').length).toBe(70_001);
  });
  it('unknown cipher, wrong key length (key file and --key), missing IV, bad --iter, md5 without --legacy-kdf', () => {
    fails(['encrypt', '--cipher', 'des-foo', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', 'x.enc'], 2, /Unknown cipher: "des-foo": `des-wasm ciphers` lists/, 'x.enc');
    writeFileSync(file('short.key'), randomBytes(8));
    fails(['encrypt', '--key-file', 'short.key', '--iv', '0011223344556677', '-i', 'in.bin', '-o', 'x.enc'], 2, /needs a key of 24 bytes \(raw, or 48 hex digits\)/, 'x.enc');
    const r = cli(['encrypt', '--key', '00112233', '--iv', '0011223344556677', '-i', 'in.bin', '-o', 'x.enc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/must be 24 bytes \(48 hex digits\)/);
    fails(['encrypt', '--key-file', 'short.key', '--cipher', 'des-cbc', '-i', 'in.bin', '-o', 'x.enc'], 2, /des-cbc needs an IV: give --iv/, 'x.enc');
    fails(['encrypt', '--pass', 'file:x.pw', '--iter', '0', '-i', 'in.bin', '-o', 'x.enc'], 2, /--iter 0/, 'x.enc');
    fails(['encrypt', '--pass', 'file:x.pw', '--md', 'md5', '-i', 'in.bin', '-o', 'x.enc'], 2, /--legacy-kdf/, 'x.enc');
    fails(['encrypt', '--key-file', 'short.key', '--cipher', 'des-ecb', '--iter', '5', '-i', 'in.bin', '-o', 'x.enc'], 2, /go with --pass/, 'x.enc');
  });
  it('the argument parser\'s own errors: one line each, exit 2', () => {
    const exactly = (args: string[], line: string) => {
      const r = cli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`des-wasm: ${line}\n`);
      expect(r.stdout.length).toBe(0);
    };
    exactly(['encrpyt'], "unknown command 'encrpyt' (did you mean encrypt?)");
    exactly(['frobnicate'], "unknown command 'frobnicate'");
    exactly(['encrypt', '--frobnicate'], "unknown option '--frobnicate'");
    exactly(['keygen', '--forse', '-o', 'k.key'], "unknown option '--forse' (did you mean --force?)");
    exactly(['encrypt', '--cipher'], "option '-c, --cipher <name>' argument missing");
    exactly(['keygen'], "required option '-o, --out <file>' not specified");
    exactly(['ciphers', 'extra'], "too many arguments for 'ciphers'. Expected 0 arguments but got 1.");
  });
  it('no arguments: a short usage on stderr (at most 10 lines), exit 2', () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length, r.stderr).toBeLessThanOrEqual(10);
    expect(lines[0]).toBe('usage: des-wasm <command> [options]');
    for (const command of ['encrypt', 'decrypt', 'keygen', 'trace', 'mac', 'kcv', 'ciphers', 'demo']) expect(r.stderr).toContain(command);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
  });
  it('bench is offered in a clone (bench/ is there), with the other commands', () => {
    expect(cli(['--help']).stdout.toString()).toMatch(/^ {2}bench\b/m);
    expect(cli([]).stderr).toMatch(/\bbench\b/);
  });
  it('no password and no terminal: a usage error at once, not a prompt', () => {
    fails(['encrypt', '-i', 'in.bin', '-o', 'x.enc'], 2, /no password: give --pass/, 'x.enc');
  });
});

/** Start an encryption into existing.enc that stays mid-stream (stdin open) until the temporary file exists. */
async function midStream() {
  writeFileSync(file('existing.enc'), 'old contents');
  const child = spawn(process.execPath, [CLI, 'encrypt', '--pass', 'file:x.pw', '-o', 'existing.enc'], { cwd: dir });
  child.stdin.on('error', () => { /* EPIPE once it has gone: expected */ });
  child.stdin.write(randomBytes(1 << 20));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  for (let i = 0; i < 200 && leftovers().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  expect(leftovers()).toHaveLength(1);
  return { child, exited };
}

describe('killed by SIGKILL: the next run for the same target removes the stale temporary file', () => {
  it('a .partial of a dead process goes; one of a live process and files not of our pattern stay', async () => {
    const { child, exited } = await midStream();
    const stale = leftovers()[0];
    expect(stale).toMatch(new RegExp(`^\\.existing\\.enc\\.${child.pid}\\.[0-9a-f]{12}\\.partial$`));
    expect(statSync(file(stale)).mode & 0o777).toBe(0o600);
    child.kill('SIGKILL');
    await exited;
    expect(leftovers()).toEqual([stale]);                             // SIGKILL cannot be caught: it stays
    writeFileSync(file('.existing.enc.notours.partial'), 'x');        // not the CLI's pattern
    writeFileSync(file(`.existing.enc.${process.pid}.0123456789ab.partial`), 'x');   // a live process's
    const r = cli(['encrypt', '--pass', 'file:x.pw', '-o', 'existing.enc'], Buffer.from('new'));
    expect(r.code, r.stderr).toBe(0);
    expect(leftovers().sort()).toEqual([`.existing.enc.${process.pid}.0123456789ab.partial`, '.existing.enc.notours.partial']);
    rmSync(file('.existing.enc.notours.partial'));
    rmSync(file(`.existing.enc.${process.pid}.0123456789ab.partial`));
  });
});

describe('interrupted: SIGINT, SIGTERM, SIGHUP and SIGQUIT leave no output file and never touch an existing one', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129], ['SIGQUIT', 131]] as const) {
    it(signal, async () => {
      const { child, exited } = await midStream();
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      child.kill(signal);
      expect(await exited).toBe(code);
      expect(stderr).toMatch(/interrupted/);
      expect(read('existing.enc').toString()).toBe('old contents');
      expect(leftovers()).toEqual([]);
    });
  }
});

describe('password sources and key warnings', () => {
  const decrypts = (args: string[], options: SpawnSyncOptions = {}, input?: Buffer) => {
    const r = cli(['decrypt', ...args, '-i', 'good.enc'], input, options);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.equals(read('in.bin'))).toBe(true);
  };
  it('env:VAR, file:PATH (first line), fd:N, stdin (the first line; the data follows on stdin)', () => {
    decrypts(['--pass', 'env:DES_WASM_TEST_PW'], { env: { ...process.env, DES_WASM_TEST_PW: 'right' } });
    writeFileSync(file('pw.txt'), 'right\nsecond line\n');
    decrypts(['--pass', 'file:pw.txt']);
    const fd = openSync(file('pw.txt'), 'r');
    try { decrypts(['--pass', 'fd:3'], { stdio: ['pipe', 'pipe', 'pipe', fd] }); } finally { closeSync(fd); }
    const viaStdin = cli(['decrypt', '--pass', 'stdin'], Buffer.concat([Buffer.from('right\n'), read('good.enc')]));
    expect(viaStdin.code, viaStdin.stderr).toBe(0);
    expect(viaStdin.stdout.equals(read('in.bin'))).toBe(true);
    fails(['decrypt', '--pass', 'env:DES_WASM_UNSET_VARIABLE', '-i', 'good.enc', '-o', 'x.out'], 2, /is not set/, 'x.out');
    fails(['decrypt', '--pass', 'right', '-i', 'good.enc', '-o', 'x.out'], 2, /expected pass:PASSWORD, env:VAR/, 'x.out');
  });
  it('warns about a password on the command line (pass:), and not about the other sources', () => {
    const r = cli(['decrypt', '--pass', 'pass:right', '-i', 'good.enc', '-o', 'from-pass.out']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^des-wasm: warning: a password on the command line shows in process listings/);
    expect(cli(['decrypt', '--pass', 'file:right.pw', '-i', 'good.enc', '-o', 'from-file.out']).stderr).toBe('');
  });
  it('warns about a key on the command line, a weak key and a degenerate Triple-DES key', () => {
    let r = cli(['encrypt', '--cipher', 'des-ecb', '--key', '0123456789abcdef'], 'x');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/shows in process listings/);
    writeFileSync(file('weak.key'), '0101010101010101\n');
    r = cli(['encrypt', '--cipher', 'des-ecb', '--key-file', 'weak.key'], 'x');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/process listings/);
    expect(r.stderr).toMatch(/weak/);
    writeFileSync(file('degenerate.key'), '0123456789abcdef0123456789abcdef\n');
    r = cli(['encrypt', '--cipher', 'des-ede', '--key-file', 'degenerate.key'], 'x');
    expect(r.stderr).toMatch(/degenerate/);
  });
});

describe('streams, files, progress', () => {
  it('stdin → stdout round trip, default cipher des-ede3-cbc in the openssl enc format', () => {
    const enc = cli(['encrypt', '--pass', 'pass:pipe'], read('in.bin'));
    expect(enc.code).toBe(0);
    expect(enc.stdout.subarray(0, 8).toString()).toBe('Salted__');
    expect(enc.stdout.length).toBe(16 + 70_008);
    const dec = cli(['decrypt', '--pass', 'pass:pipe'], enc.stdout);
    expect(dec.code).toBe(0);
    expect(dec.stdout.equals(read('in.bin'))).toBe(true);
  });
  it('64 MiB generated at test time: round trip through files', () => {
    const hash = createHash('sha256');
    const fd = openSync(file('big.bin'), 'w');
    const chunk = randomBytes(1 << 20);
    for (let i = 0; i < 64; i++) { chunk[0] = i; writeSync(fd, chunk); hash.update(chunk); }
    closeSync(fd);
    expect(cli(['encrypt', '--pass', 'pass:big', '-i', 'big.bin', '-o', 'big.enc']).code).toBe(0);
    expect(statSync(file('big.enc')).size).toBe(16 + 64 * (1 << 20) + 8);
    expect(cli(['decrypt', '--pass', 'pass:big', '-i', 'big.enc', '-o', 'big.out']).code).toBe(0);
    expect(createHash('sha256').update(read('big.out')).digest('hex')).toBe(hash.digest('hex'));
    for (const n of ['big.bin', 'big.enc', 'big.out']) rmSync(file(n));
  });
  it('no progress bar on a pipe unless --progress; --verbose tells cipher, KDF, iterations and throughput', () => {
    const quiet = cli(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', 'p.enc']);
    expect(quiet.stderr).toBe('');
    const loud = cli(['encrypt', '--pass', 'file:x.pw', '--progress', '--verbose', '-i', 'in.bin', '-o', 'p.enc']);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/100% .* MB\/s .* left/);
    expect(loud.stderr).toMatch(/encrypted 68\.4 KiB with des-ede3-cbc \(password, PBKDF2-HMAC-SHA256, 10000 iterations, salted\) in [\d.]+ s, [\d.]+ MB\/s/);
    const piped = cli(['encrypt', '--pass', 'file:x.pw', '--progress'], read('in.bin'));   // size unknown: bytes and rate
    expect(piped.code).toBe(0);
    expect(piped.stderr).toMatch(/68\.4 KiB {2}[\d.]+ MB\/s/);
    expect(piped.stderr).not.toMatch(/left/);
  });
  it('writes to a device as it is (/dev/null), with no temporary file beside it', () => {
    expect(cli(['encrypt', '--pass', 'file:x.pw', '-i', 'in.bin', '-o', '/dev/null']).code).toBe(0);
    expect(readdirSync('/dev').filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
  it('des3-wrap (RFC 3217) round trip: the whole input is wrapped at once', () => {
    writeFileSync(file('kek.key'), randomBytes(24));
    writeFileSync(file('cek.bin'), randomBytes(24));
    expect(cli(['encrypt', '--cipher', 'des3-wrap', '--key-file', 'kek.key', '-i', 'cek.bin', '-o', 'cek.wrapped']).code).toBe(0);
    expect(statSync(file('cek.wrapped')).size).toBe(40);
    expect(cli(['decrypt', '--cipher', 'des3-wrap', '--key-file', 'kek.key', '-i', 'cek.wrapped', '-o', 'cek.out']).code).toBe(0);
    expect(read('cek.out').equals(read('cek.bin'))).toBe(true);
  });
});

describe('keygen, trace, mac, kcv, help, demo', () => {
  it('keygen: odd parity, mode 0600, prints the KCV, never overwrites without --force', () => {
    const r = cli(['keygen', '--cipher', 'des-ede3', '-o', 'gen.key']);
    expect(r.code).toBe(0);
    const key = read('gen.key');
    expect(key.length).toBe(24);
    expect(statSync(file('gen.key')).mode & 0o777).toBe(0o600);
    for (const b of key) {
      let ones = 0;
      for (let x = b; x; x >>= 1) ones += x & 1;
      expect(ones % 2).toBe(1);
    }
    const zeroBlock = execFileSync('openssl', ['enc', '-des-ede3', '-K', key.toString('hex'), '-nopad'], { input: Buffer.alloc(8) });
    expect(r.stdout.toString().trim()).toBe(`KCV ${zeroBlock.subarray(0, 3).toString('hex').toUpperCase()}`);
    fails(['keygen', '-o', 'gen.key'], 2, /exists: use --force/);
    expect(read('gen.key').equals(key)).toBe(true);
    writeFileSync(file('open.key'), 'x');
    chmodSync(file('open.key'), 0o644);
    expect(cli(['keygen', '--cipher', 'des', '--hex', '--force', '-o', 'open.key']).code).toBe(0);
    expect(read('open.key').toString()).toMatch(/^[0-9A-F]{16}\n$/);
    expect(statSync(file('open.key')).mode & 0o777).toBe(0o600);
    expect(cli(['keygen', '--cipher', 'des-ede', '-o', 'gen16.key']).code).toBe(0);
    expect(read('gen16.key').length).toBe(16);
    expect(cli(['keygen', '--cipher', 'des-ede3-cbc', '-o', 'gen24.key']).code).toBe(0);
    expect(read('gen24.key').length).toBe(24);
    fails(['keygen', '--cipher', 'aes', '-o', 'x.key'], 2, /expected des, des-ede or des-ede3/, 'x.key');
  });
  it('trace prints the article\'s values in the article\'s groups, and --json parses', () => {
    const out = cli(['trace']).stdout.toString();
    expect(out).toMatch(/^K +\s= 00010011 00110100 01010111 01111001 10011011 10111100 11011111 11110001 +\(133457799BBCDFF1\)$/m);
    expect(out).toMatch(/^K\+ = PC-1\(K\) +\s= 1111000 0110011 0010101 0101111 0101010 1011001 1001111 0001111/m);
    expect(out).toMatch(/^C0 += 1111000011001100101010101111 /m);
    expect(out).toMatch(/^D16 += 0101010101100110011110001111 /m);
    expect(out).toContain('K1 = PC-2(C1D1)    = 000110 110000 001011 101111 111111 000111 000001 110010');
    expect(out).toContain('K16 = PC-2(C16D16) = 110010 110011 110110 001011 000011 100001 011111 110101');
    expect(out).toMatch(/^IP += 1100 1100 0000 0000 1100 1100 1111 1111 1111 0000 1010 1010 1111 0000 1010 1010/m);
    expect(out).toMatch(/E\(R0\) += 011110 100001 010101 010101 011110 100001 010101 010101/);
    expect(out).toMatch(/S-box output += 0101 1100 1000 0010 1011 0101 1001 0111/);
    expect(out).toMatch(/f = P\(S\) += 0010 0011 0100 1010 1010 1001 1011 1011/);
    expect(out).toContain('Result: 85E813540F0AB405');
    const json = JSON.parse(cli(['trace', '--json']).stdout.toString());
    expect(json.result).toBe('85e813540f0ab405');
    expect(json.k[0].bits).toBe('000110110000001011101111111111000111000001110010');
    expect(json.rounds).toHaveLength(16);
    const other = cli(['trace', '--key', '0E329232EA6D0D73', '--block', '8787878787878787']).stdout.toString();
    expect(other).toContain('Result: 0000000000000000');
    fails(['trace', '--key', '1234'], 2, /--key must be 8 bytes/);
  });
  it('mac and kcv print the published values (ISO 9797-1 Annex B, the classic KCV)', () => {
    writeFileSync(file('msg.txt'), 'Now is the time for all ');
    expect(cli(['mac', '--alg', 'retail', '--key', '0123456789abcdeffedcba9876543210', '--length', '4', '-i', 'msg.txt']).stdout.toString().trim()).toBe('A1C72E74');
    expect(cli(['mac', '--alg', 'cbc', '--key', '0123456789abcdef', '-i', 'msg.txt']).stdout.toString().trim()).toBe('70A30640CC76DD8B');
    expect(cli(['kcv', '--key', '0123456789ABCDEFFEDCBA9876543210']).stdout.toString().trim()).toBe('08D7B4');
  });
  it('--help for every command, with examples', () => {
    const top = cli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout.toString()).toMatch(/Exit codes: 0 success; 1 cryptographic failure/);
    for (const command of ['encrypt', 'decrypt', 'keygen', 'trace', 'mac', 'kcv', 'ciphers', 'demo']) {
      const r = cli([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout.toString(), command).toMatch(/Examples?:\n {2}\S/);
    }
  });
  it('demo (npm start): both round trips check out, and it leaves nothing behind', () => {
    const temp = join(dir, 'demo-tmp');
    mkdirSync(temp);
    const r = cli(['demo'], undefined, { env: { ...process.env, TMPDIR: temp } });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.toString();
    expect(out).toMatch(/KCV [0-9A-F]{6}/);
    expect(out).toMatch(/Both round trips check out/);
    expect(readdirSync(temp)).toEqual([]);
  });
});

describe('the program itself', () => {
  it('--version is package.json\'s version', () => {
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString().trim()).toBe(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version);
  });

  it('an internal error (a bug, not a bad input) has its own exit code, 70, and says so in one line', async () => {
    const { describeFailure, INTERNAL_ERROR } = await import('../src/cli/errors.js');
    expect(INTERNAL_ERROR).toBe(70);
    expect(describeFailure(new TypeError('x is not a function'))).toEqual({
      exitCode: 70, message: 'internal error (a bug in des-wasm: please report it): x is not a function',
    });
    const { DesError } = await import('../src/errors.js');
    expect(describeFailure(new DesError('ERR_OSSL_BAD_DECRYPT', 'bad')).exitCode).toBe(1);
  });
});

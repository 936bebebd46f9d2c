// The des-wasm CLI against `openssl enc` on the same file: wall time, throughput and peak RSS
// (GNU time's %M) for encrypt and decrypt with a password (des-ede3-cbc, PBKDF2) and with a raw
// key (des-ecb and des-ede3-cbc decrypt, where the bitsliced engine runs), printed as ratios.
// Usage: node bench/cli-vs-openssl.mjs [--size MiB] (default 1024); the file lives in the system
// temporary folder and is deleted afterwards. A script, not a test: nothing is asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';

const sizeArg = process.argv.indexOf('--size');
const mib = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 1024;
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-bench-'));
const file = (n) => join(dir, n);

function measure(command, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  const [seconds, kib] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, rssMiB: kib / 1024 };
}

function sha256(path) {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 24);
  let n;
  while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
  closeSync(fd);
  return h.digest('hex');
}

try {
  const fd = openSync(file('in.bin'), 'w');
  const chunk = randomBytes(1 << 20);
  for (let i = 0; i < mib; i++) { chunk[0] = i & 0xff; writeSync(fd, chunk); }
  closeSync(fd);
  const expected = sha256(file('in.bin'));
  const key = randomBytes(24).toString('hex'), iv = randomBytes(8).toString('hex');
  const legacy = ['-provider', 'legacy', '-provider', 'default'];
  const rows = [];
  const run = (label, ours, theirs, check) => {
    const a = measure(process.execPath, [cli, ...ours]);
    const b = measure('openssl', theirs);
    if (check) {
      const got = sha256(file(check));
      if (got !== expected) throw new Error(`${label}: the round trip does not match`);
    }
    rows.push({ label, ours: a, theirs: b });
  };
  run('des-ede3-cbc encrypt, password (PBKDF2)', ['encrypt', '--pass', 'pass:bench', '-i', file('in.bin'), '-o', file('a.enc')],
    ['enc', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:bench', '-in', file('in.bin'), '-out', file('b.enc')]);
  run('des-ede3-cbc decrypt, password (PBKDF2)', ['decrypt', '--pass', 'pass:bench', '-i', file('b.enc'), '-o', file('a.out')],
    ['enc', '-d', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:bench', '-in', file('a.enc'), '-out', file('b.out')], 'a.out');
  run('des-ede3-cbc decrypt, raw key', ['decrypt', '--key', key, '--iv', iv, '--padding', 'none', '-i', file('in.bin'), '-o', file('c.out')],
    ['enc', '-d', '-des-ede3-cbc', '-K', key, '-iv', iv, '-nopad', '-in', file('in.bin'), '-out', file('d.out')]);
  run('des-ecb encrypt, raw key (legacy provider for openssl)', ['encrypt', '--cipher', 'des-ecb', '--key', key.slice(0, 16), '-i', file('in.bin'), '-o', file('e.enc')],
    ['enc', '-des-ecb', '-K', key.slice(0, 16), ...legacy, '-in', file('in.bin'), '-out', file('f.enc')]);

  const opensslVersion = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  console.log(`\n${mib} MiB file; ${cpus()[0].model}, ${cpus().length} cores; Node ${process.version}; ${opensslVersion}; ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| job | des-wasm s | MB/s | peak RSS MiB | openssl s | MB/s | peak RSS MiB | speed ratio | RSS ratio |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const mb = (mib * 1048576) / 1e6;
  for (const { label, ours, theirs } of rows) {
    console.log(`| ${label} | ${ours.seconds.toFixed(2)} | ${(mb / ours.seconds).toFixed(1)} | ${ours.rssMiB.toFixed(0)} | ${theirs.seconds.toFixed(2)} | ${(mb / theirs.seconds).toFixed(1)} | ${theirs.rssMiB.toFixed(0)} | ${(theirs.seconds / ours.seconds).toFixed(2)}× | ${(ours.rssMiB / theirs.rssMiB).toFixed(1)}× |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

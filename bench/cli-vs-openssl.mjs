// The des-wasm CLI against `openssl enc` on the same file: wall time, throughput and peak RSS for
// encrypt and decrypt with a password (des-ede3-cbc, PBKDF2; binary and -a), and with a raw key
// (des-ede3-cbc decrypt, where the bitsliced engine runs, and des-ecb encrypt, the original C
// program's format), printed as a markdown table with ratios. Every round trip is checked.
//
// Usage: node bench/cli-vs-openssl.mjs [--size MiB] (default 1024). Needs `npm run build` first.
// The file lives in the system temporary folder and is deleted afterwards. Peak RSS comes from
// GNU time (/usr/bin/time -f %M) where it is installed, else from polling /proc/PID/status
// (VmHWM). A script, not a test: nothing is asserted, but a run over 100 MiB is flagged.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sizeArg = process.argv.indexOf('--size');
const mib = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 1024;
if (!(mib > 0)) throw new Error('--size takes a number of MiB');
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
const RSS_LIMIT_MIB = 100;
const dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-bench-'));
const file = (n) => join(dir, n);

/** Run to the end; wall seconds and peak resident set in MiB. */
async function measure(command, args) {
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
    const [seconds, kib] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    return { seconds, rssMiB: kib / 1024 };
  }
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '', peakKiB = 0;
  child.stderr.on('data', (d) => { stderr += d; });
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
    } catch { /* gone */ }
  }, 20);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${stderr}`);
  return { seconds: (performance.now() - started) / 1000, rssMiB: peakKiB / 1024 };
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
  const plain = sha256(file('in.bin'));
  const key24 = randomBytes(24), key8 = randomBytes(8), iv = randomBytes(8).toString('hex');
  writeFileSync(file('k24.key'), key24, { mode: 0o600 });
  writeFileSync(file('k8.key'), key8, { mode: 0o600 });
  const legacy = ['-provider', 'legacy', '-provider', 'default'];
  const pbkdf2 = ['-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:bench'];
  const rows = [];

  /** One job for both tools; `check` names the outputs that must equal the input file (round trips). */
  async function job(label, ours, theirs, check = []) {
    const a = await measure(process.execPath, [cli, ...ours]);
    const b = await measure('openssl', theirs);
    for (const name of check) if (sha256(file(name)) !== plain) throw new Error(`${label}: ${name} does not match the input`);
    rows.push({ label, ours: a, theirs: b });
    console.error(`done: ${label}`);
  }
  const gone = (...names) => names.forEach((n) => rmSync(file(n), { force: true }));

  await job('des-ede3-cbc encrypt, password (PBKDF2)',
    ['encrypt', '--pass', 'pass:bench', '-i', file('in.bin'), '-o', file('ours.enc')],
    ['enc', ...pbkdf2, '-in', file('in.bin'), '-out', file('theirs.enc')]);
  await job('des-ede3-cbc decrypt, password (PBKDF2), each the other\'s file',
    ['decrypt', '--pass', 'pass:bench', '-i', file('theirs.enc'), '-o', file('ours.out')],
    ['enc', '-d', ...pbkdf2, '-in', file('ours.enc'), '-out', file('theirs.out')], ['ours.out', 'theirs.out']);
  gone('ours.enc', 'theirs.enc', 'ours.out', 'theirs.out');
  await job('des-ede3-cbc encrypt -a, password (PBKDF2)',
    ['encrypt', '-a', '--pass', 'pass:bench', '-i', file('in.bin'), '-o', file('ours.b64')],
    ['enc', '-a', ...pbkdf2, '-in', file('in.bin'), '-out', file('theirs.b64')]);
  await job('des-ede3-cbc decrypt -a, password (PBKDF2), each the other\'s file',
    ['decrypt', '-a', '--pass', 'pass:bench', '-i', file('theirs.b64'), '-o', file('ours.out')],
    ['enc', '-d', '-a', ...pbkdf2, '-in', file('ours.b64'), '-out', file('theirs.out')], ['ours.out', 'theirs.out']);
  gone('ours.b64', 'theirs.b64', 'ours.out', 'theirs.out');
  await job('des-ede3-cbc decrypt, raw key, no padding (bitsliced CBC decryption)',
    ['decrypt', '--key-file', file('k24.key'), '--iv', iv, '--padding', 'none', '-i', file('in.bin'), '-o', file('ours.out')],
    ['enc', '-d', '-des-ede3-cbc', '-K', key24.toString('hex'), '-iv', iv, '-nopad', '-in', file('in.bin'), '-out', file('theirs.out')]);
  gone('ours.out', 'theirs.out');
  await job('des-ecb encrypt, raw key file (the original C program\'s format)',
    ['encrypt', '--cipher', 'des-ecb', '--key-file', file('k8.key'), '-i', file('in.bin'), '-o', file('ours.enc')],
    ['enc', '-des-ecb', '-K', key8.toString('hex'), ...legacy, '-in', file('in.bin'), '-out', file('theirs.enc')]);
  if (sha256(file('ours.enc')) !== sha256(file('theirs.enc'))) throw new Error('des-ecb: the two ciphertexts differ');
  gone('ours.enc', 'theirs.enc');

  const opensslVersion = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  console.log(`\n${mib} MiB file; ${cpus()[0].model}, ${cpus().length} cores; Node ${process.version}; ${opensslVersion}; ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| job | des-wasm s | MB/s | peak RSS MiB | openssl s | MB/s | peak RSS MiB | speed (openssl s ÷ des-wasm s) | RSS (des-wasm ÷ openssl) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const mb = (mib * 1048576) / 1e6;
  for (const { label, ours, theirs } of rows) {
    const flag = ours.rssMiB >= RSS_LIMIT_MIB ? ` (over ${RSS_LIMIT_MIB} MiB!)` : '';
    console.log(`| ${label} | ${ours.seconds.toFixed(2)} | ${(mb / ours.seconds).toFixed(1)} | ${ours.rssMiB.toFixed(0)}${flag} | ${theirs.seconds.toFixed(2)} | ${(mb / theirs.seconds).toFixed(1)} | ${theirs.rssMiB.toFixed(0)} | ${(theirs.seconds / ours.seconds).toFixed(2)}× | ${(ours.rssMiB / theirs.rssMiB).toFixed(1)}× |`);
  }
  console.log('\nspeed > 1× means des-wasm is faster. Each tool decrypts the file the other wrote, and every round trip is checked.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

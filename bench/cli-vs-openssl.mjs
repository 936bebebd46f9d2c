// The des-wasm CLI against `openssl enc` on the same file: wall time, throughput and peak RSS for
// encrypt and decrypt with a password (des-ede3-cbc, PBKDF2; binary and -a), and with a raw key
// (des-ede3-cbc decrypt, where the bitsliced engine runs, and des-ecb both ways, the original C
// program's format), printed as a markdown table with ratios; every round trip is checked. Also
// des-wasm alone: --threads 1 against the default threads for the parallel modes, and 512 MiB
// (half the file size) streamed through createCipheriv in 64 KiB updates, beside node:crypto's
// createCipheriv doing the same (each update() returns a new buffer, in both; what they peak at
// is mostly those buffers waiting for the garbage collector). At the end, the targets and
// whether each was met:
//   - peak RSS ≤ 64 MiB on one thread (--threads 1; encryption with CBC is serial anyway) and for
//     the createCipheriv stream;
//   - peak RSS ≤ 96 MiB with threads;
//   - des-ede3-cbc decryption with the default threads (2 on a 2-core machine) at least 1.6× the
//     --threads 1 rate, in this run.
// The load average is printed before and after: on a shared machine the thread figures are only
// as good as the cores that were free.
//
// Usage: node bench/cli-vs-openssl.mjs [--size MiB] (default 1024). Needs `npm run build` first.
// The file lives in the system temporary folder and is deleted afterwards. Peak RSS comes from
// GNU time (/usr/bin/time -f %M, the "Maximum resident set size" of -v) where it is installed,
// else from polling /proc/PID/status (VmHWM). A script, not a test: nothing is asserted.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sizeArg = process.argv.indexOf('--size');
const mib = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 1024;
if (!(mib > 0)) throw new Error('--size takes a number of MiB');
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
const RSS_ONE_THREAD_MIB = 64;
const RSS_THREADS_MIB = 96;
const SPEEDUP_TARGET = 1.6;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const loadBefore = load();
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

  /**
   * One job for both tools (`theirs` null: des-wasm alone); `check` names the outputs that must
   * equal the input file (round trips). `limit`: the peak RSS target of des-wasm's run, in MiB.
   */
  async function job(label, ours, theirs, check = [], limit = RSS_ONE_THREAD_MIB) {
    const a = await measure(process.execPath, [cli, ...ours]);
    const b = theirs ? await measure('openssl', theirs) : null;
    for (const name of check) if (sha256(file(name)) !== plain) throw new Error(`${label}: ${name} does not match the input`);
    rows.push({ label, ours: a, theirs: b, limit });
    console.error(`done: ${label} (load ${load()})`);
    return a;
  }
  const gone = (...names) => names.forEach((n) => rmSync(file(n), { force: true }));
  const threads = Math.min(8, availableParallelism());
  const one = ['--threads', '1'];

  await job('des-ede3-cbc encrypt, password (PBKDF2); serial',
    ['encrypt', '--pass', 'pass:bench', '-i', file('in.bin'), '-o', file('ours.enc')],
    ['enc', ...pbkdf2, '-in', file('in.bin'), '-out', file('theirs.enc')]);
  await job('des-ede3-cbc decrypt, password (PBKDF2), --threads 1, each the other\'s file',
    ['decrypt', ...one, '--pass', 'pass:bench', '-i', file('theirs.enc'), '-o', file('ours.out')],
    ['enc', '-d', ...pbkdf2, '-in', file('ours.enc'), '-out', file('theirs.out')], ['ours.out', 'theirs.out']);
  gone('ours.out');
  await job(`des-ede3-cbc decrypt, password (PBKDF2), ${threads} threads (the default)`,
    ['decrypt', '--pass', 'pass:bench', '-i', file('theirs.enc'), '-o', file('ours.out')], null, ['ours.out'], RSS_THREADS_MIB);
  gone('ours.enc', 'theirs.enc', 'ours.out', 'theirs.out');
  await job('des-ede3-cbc encrypt -a, password (PBKDF2); serial',
    ['encrypt', '-a', '--pass', 'pass:bench', '-i', file('in.bin'), '-o', file('ours.b64')],
    ['enc', '-a', ...pbkdf2, '-in', file('in.bin'), '-out', file('theirs.b64')]);
  await job('des-ede3-cbc decrypt -a, password (PBKDF2), --threads 1, each the other\'s file',
    ['decrypt', '-a', ...one, '--pass', 'pass:bench', '-i', file('theirs.b64'), '-o', file('ours.out')],
    ['enc', '-d', '-a', ...pbkdf2, '-in', file('ours.b64'), '-out', file('theirs.out')], ['ours.out', 'theirs.out']);
  gone('ours.b64', 'theirs.b64', 'ours.out', 'theirs.out');
  const rawCbc = ['decrypt', '--key-file', file('k24.key'), '--iv', iv, '--padding', 'none', '-i', file('in.bin'), '-o', file('ours.out')];
  const serialCbc = await job('des-ede3-cbc decrypt, raw key, no padding (bitsliced CBC decryption), --threads 1',
    [...rawCbc, ...one],
    ['enc', '-d', '-des-ede3-cbc', '-K', key24.toString('hex'), '-iv', iv, '-nopad', '-in', file('in.bin'), '-out', file('theirs.out')]);
  gone('ours.out');
  const threadedCbc = await job(`des-ede3-cbc decrypt, raw key, no padding, --threads ${threads}`, [...rawCbc, '--threads', String(threads)], null, [], RSS_THREADS_MIB);
  if (sha256(file('ours.out')) !== sha256(file('theirs.out'))) throw new Error('des-ede3-cbc decrypt: the two plaintexts differ');
  gone('ours.out', 'theirs.out');
  const ecb = ['--cipher', 'des-ecb', '--key-file', file('k8.key')];
  await job('des-ecb encrypt, raw key file (the original C program\'s format), --threads 1',
    ['encrypt', ...one, ...ecb, '-i', file('in.bin'), '-o', file('ours.enc')],
    ['enc', '-des-ecb', '-K', key8.toString('hex'), ...legacy, '-in', file('in.bin'), '-out', file('theirs.enc')]);
  if (sha256(file('ours.enc')) !== sha256(file('theirs.enc'))) throw new Error('des-ecb: the two ciphertexts differ');
  gone('theirs.enc');
  await job('des-ecb decrypt, raw key file, --threads 1',
    ['decrypt', ...one, ...ecb, '-i', file('ours.enc'), '-o', file('ours.out')],
    ['enc', '-d', '-des-ecb', '-K', key8.toString('hex'), ...legacy, '-in', file('ours.enc'), '-out', file('theirs.out')], ['ours.out', 'theirs.out']);
  gone('ours.out', 'theirs.out');
  await job(`des-ecb decrypt, raw key file, ${threads} threads (the default)`,
    ['decrypt', ...ecb, '-i', file('ours.enc'), '-o', file('ours.out')], null, ['ours.out'], RSS_THREADS_MIB);
  gone('ours.enc', 'ours.out');

  // createCipheriv (the Node entry, dist/node.js) as a program streams with it: 64 KiB update()s,
  // each output handed on (here: dropped), for half the file's size.
  const streamMiB = mib / 2;
  const streamWith = (from) => measure(process.execPath, ['--input-type=module', '-e', `
    import { createCipheriv } from ${JSON.stringify(from)};
    import { randomBytes } from 'node:crypto';
    const c = createCipheriv('des-ede3-cbc', randomBytes(24), randomBytes(8));
    const chunk = randomBytes(65536);
    for (let i = 0; i < ${streamMiB * 16}; i++) c.update(chunk);
    c.final();`]);
  const streamed = await streamWith(new URL('../dist/node.js', import.meta.url).href);
  const nodeStreamed = await streamWith('node:crypto');
  const bareNode = await measure(process.execPath, ['-e', '0']);
  console.error(`done: createCipheriv stream (load ${load()})`);

  const opensslVersion = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  console.log(`\n${mib} MiB file; ${cpus()[0].model}, ${cpus().length} cores; Node ${process.version}; ${opensslVersion}; ${new Date().toISOString().slice(0, 10)}`);
  console.log(`load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}\n`);
  console.log('| job | des-wasm s | MB/s | peak RSS MiB | openssl s | MB/s | peak RSS MiB | speed (openssl s ÷ des-wasm s) | RSS (des-wasm ÷ openssl) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const mb = (mib * 1048576) / 1e6;
  for (const { label, ours, theirs, limit } of rows) {
    const flag = limit !== null && ours.rssMiB > limit ? ` (over ${limit}!)` : '';
    const them = theirs ? `${theirs.seconds.toFixed(2)} | ${(mb / theirs.seconds).toFixed(1)} | ${theirs.rssMiB.toFixed(0)} | ${(theirs.seconds / ours.seconds).toFixed(2)}× | ${(ours.rssMiB / theirs.rssMiB).toFixed(1)}×` : '— | — | — | — | —';
    console.log(`| ${label} | ${ours.seconds.toFixed(2)} | ${(mb / ours.seconds).toFixed(1)} | ${ours.rssMiB.toFixed(0)}${flag} | ${them} |`);
  }
  const streamMB = (streamMiB * 1048576) / 1e6;
  console.log(`| createCipheriv('des-ede3-cbc') stream, ${streamMiB} MiB in 64 KiB update()s (the other tool: node:crypto's createCipheriv) | ${streamed.seconds.toFixed(2)} | ${(streamMB / streamed.seconds).toFixed(1)} | ${streamed.rssMiB.toFixed(0)} | ${nodeStreamed.seconds.toFixed(2)} | ${(streamMB / nodeStreamed.seconds).toFixed(1)} | ${nodeStreamed.rssMiB.toFixed(0)} | ${(nodeStreamed.seconds / streamed.seconds).toFixed(2)}× | ${(streamed.rssMiB / nodeStreamed.rssMiB).toFixed(2)}× |`);
  console.log(`\nnode itself (\`node -e 0\`) peaks at ${bareNode.rssMiB.toFixed(0)} MiB on this machine: every des-wasm row includes it.`);
  console.log('speed > 1× means des-wasm is faster. Each tool decrypts the file the other wrote, and every round trip is checked.');

  const met = (ok) => (ok ? 'met' : 'NOT met');
  const oneThread = rows.filter((r) => r.limit === RSS_ONE_THREAD_MIB).map((r) => r.ours.rssMiB);
  const withThreads = rows.filter((r) => r.limit === RSS_THREADS_MIB).map((r) => r.ours.rssMiB);
  const speedup = serialCbc.seconds / threadedCbc.seconds;
  console.log('\n| target | figure | |');
  console.log('|---|---:|---|');
  console.log(`| peak RSS ≤ ${RSS_ONE_THREAD_MIB} MiB on one thread (CLI, ${mib} MiB) | highest ${Math.max(...oneThread).toFixed(0)} MiB | ${met(Math.max(...oneThread) <= RSS_ONE_THREAD_MIB)} |`);
  console.log(`| peak RSS ≤ ${RSS_ONE_THREAD_MIB} MiB streaming ${streamMiB} MiB through createCipheriv | ${streamed.rssMiB.toFixed(0)} MiB (node:crypto's createCipheriv: ${nodeStreamed.rssMiB.toFixed(0)}) | ${met(streamed.rssMiB <= RSS_ONE_THREAD_MIB)} |`);
  console.log(`| peak RSS ≤ ${RSS_THREADS_MIB} MiB with ${threads} threads | highest ${Math.max(...withThreads).toFixed(0)} MiB | ${met(Math.max(...withThreads) <= RSS_THREADS_MIB)} |`);
  console.log(`| des-ede3-cbc decryption, ${threads} threads ≥ ${SPEEDUP_TARGET}× the --threads 1 rate | ${speedup.toFixed(2)}× (${(mb / threadedCbc.seconds).toFixed(1)} against ${(mb / serialCbc.seconds).toFixed(1)} MB/s) | ${met(speedup >= SPEEDUP_TARGET)} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

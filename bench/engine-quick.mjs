// A quick look at the engine's throughput, below the public API: 16 MiB through a serial and a
// parallel mode or two of DES and Triple-DES on each WebAssembly build, next to node:crypto in
// the same run. Not the benchmark (bench/run.mjs is): no statistics beyond best of 3.
//
//   npm run build:wasm && node --openssl-legacy-provider bench/engine-quick.mjs
//
// (The flag gives node:crypto single DES; without it that column reads "n/a".)
import { build } from 'esbuild';
import crypto from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The engine is TypeScript: bundle it (esbuild comes with tsup) and import the bundle.
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'engine-quick-'));
const outfile = join(dir, 'engine.mjs');
await build({ entryPoints: [join(root, 'src/engine/index.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile, logLevel: 'error' });
const engine = await import(pathToFileURL(outfile).href);
rmSync(dir, { recursive: true });

const SIZE = 16 << 20;
const data = crypto.randomBytes(SIZE);
const out = new Uint8Array(SIZE);
const key24 = crypto.randomBytes(24), key8 = key24.subarray(0, 8), iv = crypto.randomBytes(8);

/** MB/s (10^6 bytes a second) of the fastest of `runs` runs, after one warm-up run. */
function best(fn, runs = 3) {
  fn();
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    ms = Math.min(ms, performance.now() - start);
  }
  return SIZE / 1e6 / (ms / 1000);
}

function ours(algorithm, key, mode, direction) {
  const schedule = engine.expandKey(algorithm, key, direction);
  return best(() => engine.runMode(mode, direction, schedule, engine.newState(iv), data, out));
}

function node(name, key, direction) {
  try {
    const make = direction === 'encrypt' ? crypto.createCipheriv : crypto.createDecipheriv;
    return best(() => {
      const c = make(name, key, name.endsWith('-ecb') ? null : iv);
      c.setAutoPadding(false);
      c.update(data);
      c.final();
    });
  } catch {
    return NaN;
  }
}

const cells = [
  ['des-ecb encrypt', 'des', key8, 'ecb', 'encrypt', 'des-ecb'],
  ['des-cbc encrypt', 'des', key8, 'cbc', 'encrypt', 'des-cbc'],
  ['des-ede3-ofb', 'tdes', key24, 'ofb', 'encrypt', 'des-ede3-ofb'],
  ['des-ede3-cbc encrypt', 'tdes', key24, 'cbc', 'encrypt', 'des-ede3-cbc'],
  ['des-ede3-cbc decrypt', 'tdes', key24, 'cbc', 'decrypt', 'des-ede3-cbc'],
  ['des-ede3-ecb encrypt', 'tdes', key24, 'ecb', 'encrypt', 'des-ede3-ecb'],
];
const fmt = (v) => (Number.isNaN(v) ? 'n/a' : v.toFixed(1)).padStart(7);
console.log(`16 MiB, best of 3, MB/s · node ${process.version}`);
for (const kind of engine.runtimeHasSimd() ? ['scalar', 'simd'] : ['scalar']) {
  await engine.selectEngine(kind);
  for (const [label, algorithm, key, mode, direction, name] of cells) {
    const a = ours(algorithm, key, mode, direction), b = node(name, key, direction);
    console.log(`${kind.padEnd(6)} ${label.padEnd(22)} des-wasm ${fmt(a)}   node:crypto ${fmt(b)}   ratio ${Number.isNaN(b) ? '  n/a' : (a / b).toFixed(2)}`);
  }
}

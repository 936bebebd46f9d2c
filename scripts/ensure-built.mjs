// Builds what is missing or out of date, so that a fresh clone needs only `npm ci` before
// `npm test` (the test setup calls this) or `npm start` (prestart): the package has no install-time
// script (`prepare` would make npm warn in every project that installs it), so nothing is built
// by `npm ci`.
//
//   - src/engine/wasm-simd.ts and wasm-scalar.ts (the embedded WebAssembly, gitignored) when missing or older
//     than a file it is built from (assembly/, scripts/build-wasm.mjs): scripts/build-wasm.mjs;
//   - dist/ when a file it is built from (src/, package.json, tsup.config.ts) is newer than the
//     oldest of its entry files, or one of them is missing: tsup.
//
//   node scripts/ensure-built.mjs            build what is stale, say what it did
//   import { ensureBuilt } from './ensure-built.mjs'
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The files `npm run build:ts` writes that everything else loads. */
const OUTPUTS = ['cli.js', 'index.js', 'index.cjs', 'node.js', 'node.cjs', 'index.d.ts', 'index.d.cts',
  'payments.js', 'payments.cjs', 'smartcard.js', 'smartcard.cjs', 'legacy.js', 'legacy.cjs'].map((f) => join(root, 'dist', f));

function newestIn(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Why dist/ must be built again, or null when it is up to date. */
function distStale() {
  const missing = OUTPUTS.find((f) => !existsSync(f));
  if (missing) return `${missing.slice(root.length + 1)} is missing`;
  const built = Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs));
  const sources = Math.max(newestIn(join(root, 'src')), ...['package.json', 'tsup.config.ts'].map((f) => statSync(join(root, f)).mtimeMs));
  return sources > built ? 'the sources are newer than dist/' : null;
}

/** Why the WebAssembly must be built again, or null when it is up to date. */
function wasmStale() {
  const sources = Math.max(newestIn(join(root, 'assembly')), statSync(join(root, 'scripts/build-wasm.mjs')).mtimeMs,
    statSync(join(root, 'src/engine/derive.ts')).mtimeMs, statSync(join(root, 'src/fips46.ts')).mtimeMs);
  for (const name of ['wasm-simd.ts', 'wasm-scalar.ts']) {
    const binary = join(root, 'src/engine', name);
    if (!existsSync(binary)) return `src/engine/${name} is missing`;
    if (sources > statSync(binary).mtimeMs) return `assembly/ (or the tables' sources) is newer than src/engine/${name}`;
  }
  return null;
}

export function ensureBuilt({ log = (line) => console.log(line) } = {}) {
  const run = (script, why) => {
    log(`ensure-built: ${why}: ${script}`);
    execFileSync(process.execPath, [join(root, script)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  };
  const wasm = wasmStale();
  if (wasm) run('scripts/build-wasm.mjs', wasm);
  const why = distStale();
  if (why) run('node_modules/tsup/dist/cli-default.js', why);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureBuilt();
}

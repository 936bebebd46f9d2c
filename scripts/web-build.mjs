// Builds the "DES illustrated" page (src/web/) into dist/web/: esbuild bundles src/web/main.ts
// with the library's source into one ES module for browsers, and the HTML and CSS are copied.
// The engine's WebAssembly comes embedded in src/engine/wasm-simd.ts and wasm-scalar.ts, made by build-wasm.mjs:
// if it is missing, that script runs first.
//
//   node scripts/web-build.mjs            build once
//   import { buildWeb } from './web-build.mjs'   (scripts/web.mjs does, before it serves)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const webOut = join(root, 'dist', 'web');

export async function buildWeb({ quiet = false } = {}) {
  if (!['wasm-simd.ts', 'wasm-scalar.ts'].every((file) => existsSync(join(root, 'src/engine', file)))) {
    execFileSync(process.execPath, [join(root, 'scripts/build-wasm.mjs')], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
  }
  mkdirSync(webOut, { recursive: true });
  await build({
    entryPoints: [join(root, 'src/web/main.ts')],
    outfile: join(webOut, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',      // a Node built-in anywhere in the import graph fails the build
    target: 'es2022',         // top-level await
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    logLevel: quiet ? 'silent' : 'warning',
  });
  for (const file of ['index.html', 'style.css']) copyFileSync(join(root, 'src/web', file), join(webOut, file));
  if (!quiet) {
    for (const file of ['index.html', 'style.css', 'main.js']) {
      console.log(`${relative(root, join(webOut, file))}: ${statSync(join(webOut, file)).size} bytes`);
    }
  }
  return webOut;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWeb();
}

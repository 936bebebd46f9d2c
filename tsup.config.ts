import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import { defineConfig } from 'tsup';
import type { Options } from 'tsup';
import type { Plugin } from 'esbuild';

// The portable core (browsers, bundlers), the Node entry (adds stream.Transform) and the subpaths
// (payments, smartcard, legacy), split into shared chunks in both formats so that a subpath and the
// core share one engine and one DesError class, and the core entry never parses a subpath's code.
//
// - Types: .d.ts for `import` and .d.cts for `require` (package.json's exports), so that
//   TypeScript reads the CommonJS build as CommonJS. The declarations exist once, as .d.cts (the
//   CommonJS build's); each ESM entry's .d.ts re-exports its .d.cts, which TypeScript allows (an ES
//   module may import CommonJS; the reverse it refuses), and which halves what they weigh.
// - The CLI (dist/cli.js, ESM only) is an entry of the ESM build, so that it shares the ESM chunks
//   (the engine and its embedded WebAssembly exist once in the tarball, not twice); its shebang is
//   added after the build, to that file only.
// - The hash libraries are bundled, and so are devDependencies, not dependencies: @noble/hashes
//   (SHA-1, MD5, SHA-2, PBKDF2) because it is ESM-only and bundling it keeps the CommonJS build
//   free of require(esm); js-md4 (MD4 for NTLM) so that browser bundlers never see its Node-only
//   branch. A user installs neither.
// - Minified, without source maps: the tarball must stay within 200 KB packed with the core in
//   two formats, the subpaths and the CLI, and maps (of the embedded WebAssembly too) made up more
//   than half of it. Every error des-wasm throws says what went wrong without a stack trace (a
//   DesError's code and exact message); whoever debugs des-wasm itself builds from src/.
//   Minified after the build, file by file (tsup's own minify breaks its CommonJS code splitting).
const BUNDLED = ['@noble/hashes', 'js-md4'];

/**
 * js-md4 has a branch for Node that require()s 'crypto' and 'buffer' (it hands strings to
 * node:crypto's MD4, which OpenSSL 3 no longer has). des-wasm calls only its pure-JavaScript
 * create().update() path, so those two requires become empty modules: the bundle then has no
 * Node built-in for a browser bundler to trip on, and no require() for an ES module to fail on.
 */
const jsMd4WithoutNode: Plugin = {
  name: 'js-md4-without-node',
  setup(build) {
    build.onResolve({ filter: /^(crypto|buffer)$/ }, (args) =>
      /[\\/]js-md4[\\/]/.test(args.importer) ? { path: args.path, namespace: 'js-md4-empty' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'js-md4-empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** dist/<entry>.d.ts for each entry: the ESM declarations, re-exporting the CommonJS ones. */
function esmDeclarations(): void {
  for (const entry of Object.keys(library)) {
    writeFileSync(`dist/${entry}.d.ts`, `export * from './${entry}.cjs';\n`);
  }
}

/** Minify every output file of one format in place, keeping its module format. */
function minifyOutputs(extension: '.js' | '.cjs'): void {
  for (const name of readdirSync('dist').filter((f) => f.endsWith(extension))) {
    const path = `dist/${name}`;
    const source = readFileSync(path, 'utf8');
    const { code } = transformSync(extension === '.cjs' ? scalarImportBack(source, path) : source, {
      minify: true, format: extension === '.js' ? 'esm' : 'cjs', target: 'es2022', legalComments: 'none',
    });
    writeFileSync(path, code);
  }
  if (extension === '.cjs') {
    const texts = readdirSync('dist').filter((f) => f.endsWith('.cjs')).map((f) => readFileSync(`dist/${f}`, 'utf8'));
    if (!texts.some((t) => t.includes('import("./wasm-scalar.js")')) || texts.some((t) => /require\("\.\/wasm-scalar\.js"\)/.test(t))) {
      throw new Error('the CommonJS build must import() dist/wasm-scalar.js, never require() it');
    }
  }
}

/**
 * The scalar WebAssembly build (for runtimes without SIMD) is imported dynamically by the engine.
 * The ESM build has it as an entry of its own, dist/wasm-scalar.js, and the CommonJS build imports
 * that same file (import() of an ES module works from CommonJS in every Node), so the tarball
 * holds it once. esbuild writes the CommonJS build's import() as require(): SCALAR_IMPORT finds
 * that and puts the import() back (the build fails if it is not there exactly once).
 */
const scalarFromEsm: Plugin = {
  name: 'scalar-wasm-from-esm',
  setup(build) {
    build.onResolve({ filter: /^\.\/wasm-scalar\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './wasm-scalar.js', external: true } : undefined);
  },
};

const SCALAR_IMPORT = /Promise\.resolve\(\)\.then\(\(\) => (?:\w+)\(require\("\.\/wasm-scalar\.js"\)\)\)/g;

function scalarImportBack(code: string, file: string): string {
  const found = code.match(SCALAR_IMPORT)?.length ?? 0;
  if (found === 0) return code;
  if (found > 1) throw new Error(`${file}: the scalar build's import() appears ${found} times`);
  return code.replace(SCALAR_IMPORT, 'import("./wasm-scalar.js")');
}

const library = {
  index: 'src/index.ts', node: 'src/node.ts',
  payments: 'src/payments/index.ts', smartcard: 'src/smartcard/index.ts', legacy: 'src/legacy/index.ts',
};

const common: Options = {
  splitting: true,
  sourcemap: false,
  target: 'es2022',
  noExternal: BUNDLED,
  esbuildPlugins: [jsMd4WithoutNode],
};

export default defineConfig([
  {
    ...common,
    entry: { ...library, cli: 'src/cli/main.ts', 'wasm-scalar': 'src/engine/wasm-scalar.ts' },
    format: ['esm'],
    clean: true,
    async onSuccess() {
      minifyOutputs('.js');
      esmDeclarations();
      const cli = 'dist/cli.js';
      writeFileSync(cli, '#!/usr/bin/env node\n' + readFileSync(cli, 'utf8'));
      chmodSync(cli, 0o755);
    },
  },
  {
    ...common,
    entry: library,
    format: ['cjs'],
    dts: { entry: library },
    esbuildPlugins: [jsMd4WithoutNode, scalarFromEsm],
    async onSuccess() {
      minifyOutputs('.cjs');
    },
  },
]);

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

/**
 * The CommonJS build carries only the SIMD engine: every Node version des-wasm supports has
 * WebAssembly SIMD, and bundlers for browsers take the ES module build, which has the scalar
 * build too (for the rare runtime without SIMD). A second copy of it in CommonJS would only
 * weigh on the package. The engine says so in a DesError where it would be needed.
 */
const scalarOnlyInEsm: Plugin = {
  name: 'scalar-build-only-in-esm',
  setup(build) {
    build.onResolve({ filter: /^\.\/wasm-scalar\.js$/ }, (args) => ({ path: args.path, namespace: 'no-scalar-build' }));
    build.onLoad({ filter: /.*/, namespace: 'no-scalar-build' }, () => ({ contents: 'export const WASM_SCALAR_BASE64 = null;', loader: 'js' }));
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
    const { code } = transformSync(readFileSync(path, 'utf8'), {
      minify: true, format: extension === '.js' ? 'esm' : 'cjs', target: 'es2022', legalComments: 'none',
    });
    writeFileSync(path, code);
  }
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
    entry: { ...library, cli: 'src/cli/main.ts' },
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
    esbuildPlugins: [jsMd4WithoutNode, scalarOnlyInEsm],
    dts: { entry: library },
    async onSuccess() {
      minifyOutputs('.cjs');
    },
  },
]);

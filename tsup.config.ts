import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

// The portable core (browsers, bundlers), the Node entry (adds stream.Transform) and the subpaths
// (payments, smartcard, legacy), split into shared chunks in both formats so that a subpath and the
// core share one engine and one DesError class, and the core entry never parses a subpath's code.
// The CLI is ESM only, with a shebang.
//
// The hash libraries are bundled: @noble/hashes (SHA-1, MD5, PBKDF2) so that the CommonJS build
// needs no ESM-only dependency at run time, and js-md4 (MD4 for NTLM) so that browser bundlers
// never see its Node-only branch.
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

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts', node: 'src/node.ts',
      payments: 'src/payments/index.ts', smartcard: 'src/smartcard/index.ts', legacy: 'src/legacy/index.ts',
    },
    format: ['esm', 'cjs'],
    splitting: true,
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    noExternal: BUNDLED,
    esbuildPlugins: [jsMd4WithoutNode],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: BUNDLED,
    esbuildPlugins: [jsMd4WithoutNode],
  },
]);

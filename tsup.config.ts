import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import type { Options } from 'tsup';

// The portable core (browsers, bundlers), the Node entry (adds stream.Transform) and the subpaths
// (payments, smartcard, legacy), split into shared chunks in both formats so that a subpath and the
// core share one engine and one DesError class, and the core entry never parses a subpath's code.
//
// - Types: each format gets its own declarations, .d.ts for `import` and .d.cts for `require`
//   (package.json's exports), so that TypeScript reads the CommonJS build as CommonJS.
// - The CLI (dist/cli.js, ESM only) is an entry of the ESM build, so that it shares the ESM chunks
//   (the engine and its embedded WebAssembly exist once in the tarball, not twice); its shebang is
//   added after the build, to that file only.
// - @noble/hashes (SHA-1 for des3-wrap, MD5 / SHA-2 / PBKDF2 for the OpenSSL passphrase format)
//   is bundled: it is ESM-only, and bundling it keeps the CommonJS build free of require(esm).
//   It is therefore a devDependency, not a dependency.
// - No source maps: the output is plain, unminified JavaScript whose stack traces read as they
//   are, and maps of the embedded WebAssembly made up more than half of the tarball.
const library = {
  index: 'src/index.ts', node: 'src/node.ts',
  payments: 'src/payments/index.ts', smartcard: 'src/smartcard/index.ts', legacy: 'src/legacy/index.ts',
};

const common: Options = {
  splitting: true,
  sourcemap: false,
  target: 'es2022',
  noExternal: ['@noble/hashes'],
};

export default defineConfig([
  {
    ...common,
    entry: { ...library, cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: { entry: library },
    clean: true,
    async onSuccess() {
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
  },
]);

import { defineConfig } from 'tsup';

// The portable core (browsers, bundlers), the Node entry (adds stream.Transform) and the subpaths
// (payments, smartcard, legacy), split into shared chunks in both formats so that a subpath and the
// core share one engine and one DesError class, and the core entry never parses a subpath's code.
// The CLI is ESM only, with a shebang. @noble/hashes (SHA-1 for des3-wrap) is bundled so that
// the CommonJS build needs no ESM-only dependency at run time.
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
    noExternal: ['@noble/hashes'],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: ['@noble/hashes'],
  },
]);

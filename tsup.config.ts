import { defineConfig } from 'tsup';

// Two entries: the portable core (browsers, bundlers) and the Node entry (adds stream.Transform).
// The CLI is ESM only, with a shebang. @noble/hashes (SHA-1 for des3-wrap) is bundled so that
// the CommonJS build needs no ESM-only dependency at run time.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm', 'cjs'],
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

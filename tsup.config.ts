import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { build as esbuild, transformSync } from 'esbuild';
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

/**
 * The Node ES module entry, dist/node.js, is one file: Node 20's module loader spends about a
 * millisecond on each file an import brings in, and a few chunks made the import take three
 * times as long as node:crypto's. So the ES module build is made the other way round: dist/node.js
 * is the whole core (every module the Node entry uses, bundled), and every other ES module file
 * (the portable entry, the subpaths, the CLI and its threads) imports the core from it, so that
 * there is still one engine, one DesError and one copy of the embedded WebAssembly.
 *
 * - core() lists the core's modules (src/node.ts's graph) and the value exports of each, numbered:
 *   dist/node.js exports the Node entry's public API and, besides, as $0, $1, …, those of them
 *   that the other files import (not part of the API: the .d.ts names none of them).
 * - coreFromNodeEntry, in the build of the other files, replaces each import of a core module
 *   with a module that re-exports those names from ./node.js.
 * - The core runs in browsers too (the portable entry loads it there): src/node.ts imports no
 *   Node built-in, it asks process.getBuiltinModule when it needs one.
 */
interface CoreModule { path: string; names: string[]; first: number }

let coreModules: Promise<CoreModule[]> | null = null;

function core(): Promise<CoreModule[]> {
  coreModules ??= (async () => {
    const graph = await esbuild({
      entryPoints: ['src/node.ts'], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node',
      outdir: 'dist', external: ['./wasm-scalar.js', ...BUNDLED], logLevel: 'silent',
    });
    const files = Object.keys(graph.metafile!.inputs).filter((f) => f.startsWith('src/') && f !== 'src/node.ts').sort();
    const each = await esbuild({
      entryPoints: files, bundle: false, write: false, metafile: true, format: 'esm', outdir: 'out', outbase: 'src', logLevel: 'silent',
    });
    const exportsOf = new Map(Object.values(each.metafile!.outputs).map((o) => [o.entryPoint!, o.exports]));
    let next = 0;
    return files.map((path) => {
      const names = exportsOf.get(path) ?? [];
      const entry = { path: resolvePath(path), names, first: next };
      next += names.length;
      return entry;
    });
  })();
  return coreModules;
}

const alias = (module: CoreModule, i: number) => `$${module.first + i}`;

const coreFromNodeEntry: Plugin = {
  name: 'core-from-node-entry',
  setup(build) {
    let byPath = new Map<string, CoreModule>();
    build.onStart(async () => { byPath = new Map((await core()).map((m) => [m.path, m])); });
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.namespace === 'core-shim') return { path: './node.js', external: true };
      if (args.kind === 'entry-point') return undefined;
      const path = resolvePath(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (path === resolvePath('src/node.ts')) return { path, namespace: 'core-shim' };
      return byPath.has(path) ? { path, namespace: 'core-shim' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'core-shim' }, (args) => {
      const module = byPath.get(args.path);
      if (!module) return { contents: 'export * from "./node.js";', loader: 'js' };          // src/node.ts: the public API
      const names = module.names.map((name, i) => `${alias(module, i)} as ${name}`).join(', ');
      return { contents: `export { ${names} } from "./node.js";`, loader: 'js' };
    });
  },
};

/** The $n names the other ES module files import from ./node.js (read from the files this build wrote). */
function aliasesImported(): Set<string> {
  const wanted = new Set<string>();
  for (const name of readdirSync('dist').filter((f) => f.endsWith('.js') && f !== 'node.js')) {
    const text = readFileSync(`dist/${name}`, 'utf8');
    for (const [, list] of text.matchAll(/(?:import|export)\s*\{([^}]*)\}\s*from\s*"\.\/node\.js"/g)) {
      for (const [alias] of list.matchAll(/\$\d+\b/g)) wanted.add(alias);
    }
  }
  return wanted;
}

/** dist/node.js: the Node entry and, under $0 …, the core modules' exports that the other files import. */
async function buildNodeEntry(): Promise<void> {
  const wanted = aliasesImported();
  const lines = ['export * from "./src/node.ts";'];
  for (const module of await core()) {
    const names = module.names.map((name, i) => [name, alias(module, i)]).filter(([, a]) => wanted.has(a));
    if (names.length === 0) continue;
    lines.push(`export { ${names.map(([name, a]) => `${name} as ${a}`).join(', ')} } from ${JSON.stringify(module.path)};`);
  }
  await esbuild({
    stdin: { contents: lines.join('\n'), resolveDir: process.cwd(), sourcefile: 'node-entry.js' },
    bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', outfile: 'dist/node.js', logLevel: 'warning',
    external: ['./wasm-scalar.js'], mainFields: ['module', 'main'],
  });
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
    entry: { index: library.index, payments: library.payments, smartcard: library.smartcard, legacy: library.legacy,
      cli: 'src/cli/main.ts', 'wasm-scalar': 'src/engine/wasm-scalar.ts' },
    format: ['esm'],
    clean: true,
    esbuildPlugins: [jsMd4WithoutNode, coreFromNodeEntry],
    async onSuccess() {
      await buildNodeEntry();
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

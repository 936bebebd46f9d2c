/**
 * Library start-up time: fresh node processes that load a library and encrypt one des-ede3-cbc
 * block, run round-robin across the rows so drift hits all alike; medians.
 *
 * des-wasm and node:crypto are loaded directly (the package entry, their own API): des-wasm by
 * import (ESM) and by require (CJS), node:crypto by import(), where both pay the module loader
 * (node:crypto's require is free: it is in Node's start-up snapshot). Their ratio is the start-up
 * target: des-wasm within 2.5× node:crypto's import() + first block. The other libraries load
 * through their benchmark adapters. "node alone" is node's boot, the floor under every row.
 */
import { fileURLToPath } from 'node:url';
import { runNodeJson } from './child.mjs';

const CHILD_ESM = fileURLToPath(new URL('./startup-child.mjs', import.meta.url));
const CHILD_CJS = fileURLToPath(new URL('./startup-child.cjs', import.meta.url));

/** des-wasm import (ESM) and require (CJS) plus the first block, at most this many times node:crypto's import() plus first block. */
export const STARTUP_TARGET = 2.5;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The rows to measure. libraries: [{ name, url }] (benchmark adapters); desWasmEntry: the URL of
 * the des-wasm build's ESM entry (dist/node.js); its CommonJS twin is the same path in .cjs.
 */
export function startupRows(libraries, desWasmEntry) {
  const rows = [{ library: 'node alone', loader: null, args: [CHILD_ESM] }];
  for (const { name, url } of libraries) {
    if (name === 'node:crypto') rows.push({ library: name, loader: 'import()', args: [CHILD_ESM, 'import', 'node:crypto', name] });
    else if (name === 'des-wasm') {
      rows.push({ library: name, loader: 'import', args: [CHILD_ESM, 'import', desWasmEntry, name] });
      rows.push({ library: name, loader: 'require', args: [CHILD_CJS, fileURLToPath(desWasmEntry).replace(/\.js$/, '.cjs'), name] });
    } else rows.push({ library: name, loader: 'adapter', args: [CHILD_ESM, 'adapter', url] });
  }
  return rows;
}

/**
 * Measure the rows `runs` times each, round-robin. Returns [{ library, loader, runs, importMs,
 * firstBlockMs, totalMs, cpuMs, readyMs, ratioToNode? } | { library, loader, error }], where
 * ratioToNode is the row's median import + first block over node:crypto's import() row's.
 */
export async function measureStartup(libraries, runs, { desWasmEntry } = {}) {
  const rows = startupRows(libraries, desWasmEntry);
  const samples = rows.map(() => []);
  const errors = rows.map(() => null);
  for (let run = 0; run < runs; run++) {
    for (const [i, row] of rows.entries()) {
      if (errors[i]) continue;
      try {
        samples[i].push(await runNodeJson(row.args, undefined, `start-up child (${row.library} ${row.loader ?? ''})`));
      } catch (error) {
        errors[i] = error.message;
      }
    }
  }
  const results = rows.map(({ library, loader }, i) => {
    if (errors[i]) return { library, loader, error: errors[i] };
    const list = samples[i];
    const of = (key) => median(list.map((s) => s[key]));
    return {
      library, loader, runs: list.length,
      importMs: of('importMs'), firstBlockMs: of('firstBlockMs'),
      totalMs: median(list.map((s) => s.importMs + s.firstBlockMs)),
      cpuMs: of('cpuMs'), readyMs: of('readyMs'),
    };
  });
  const base = results.find((r) => r.library === 'node:crypto' && r.loader === 'import()' && !r.error);
  for (const r of results) if (base && !r.error && r.loader !== null && r !== base) r.ratioToNode = r.totalMs / base.totalMs;
  return results;
}

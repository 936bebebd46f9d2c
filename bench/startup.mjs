/**
 * Library start-up time: for each library, fresh `node startup-child.mjs <adapter>` processes
 * (import + first block), run round-robin across the libraries so drift hits all alike; medians.
 */
import { runNodeJson } from './child.mjs';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./startup-child.mjs', import.meta.url));

function runChild(args) {
  return runNodeJson([CHILD, ...args], undefined, 'start-up child');
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** libraries: [{ name, url }]. Returns [{ library, runs, importMs, firstBlockMs, readyMs } | { library, error }]. */
export async function measureStartup(libraries, runs) {
  const entries = [{ name: 'node alone', url: null }, ...libraries];
  const samples = new Map(entries.map((entry) => [entry.name, []]));
  const errors = new Map();
  for (let run = 0; run < runs; run++) {
    for (const { name, url } of entries) {
      if (errors.has(name)) continue;
      try {
        samples.get(name).push(await runChild(url ? [url] : []));
      } catch (error) {
        errors.set(name, error.message);
      }
    }
  }
  return entries.map(({ name }) => {
    if (errors.has(name)) return { library: name, error: errors.get(name) };
    const list = samples.get(name);
    return {
      library: name,
      runs: list.length,
      importMs: median(list.map((s) => s.importMs)),
      firstBlockMs: median(list.map((s) => s.firstBlockMs)),
      readyMs: median(list.map((s) => s.readyMs)),
    };
  });
}

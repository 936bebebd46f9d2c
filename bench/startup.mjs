/**
 * Library start-up time: for each library, fresh `node startup-child.mjs <adapter>` processes
 * (import + first block), run round-robin across the libraries so drift hits all alike; medians.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./startup-child.mjs', import.meta.url));

function runChild(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`start-up child exited with ${code}: ${err.trim().split('\n')[0]}`));
    });
  });
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

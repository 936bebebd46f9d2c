/**
 * Child process for start-up time: a fresh node loads one library and encrypts one block with
 * des-ede3-cbc. Prints { importMs, firstBlockMs, cpuMs, readyMs } as JSON: cpuMs is the process's
 * CPU time over import + first block (steadier than the wall clock on a busy machine), readyMs
 * counts from the process's own start (performance.timeOrigin), node's boot included.
 *
 *   node startup-child.mjs import <url> <library>   import() the library itself (des-wasm's
 *                                                   package entry, node:crypto), its own API
 *   node startup-child.mjs adapter <url>            a benchmark adapter (peers/*.mjs) and its prepare()
 *   node startup-child.mjs                          nothing: node's own boot ("node alone"), the floor
 *
 * startup-child.cjs does the same through require(). What the adapters share is loaded before the
 * clock starts, so an adapter row times the library and its thin adapter, not the benchmark.
 */
import 'node:url';
import 'node:fs';
import 'node:module';
import './matrix.mjs';
import './peers/bytes.mjs';
import './peers/version.mjs';
import { FIRST_BLOCK, KEY, IV, BLOCK, checkBlock } from './startup-block.cjs';

const [how, url, library] = process.argv.slice(2);
const cpu = process.cpuUsage();
const start = performance.now();
let importMs = 0;
let firstBlockMs = 0;
if (how === 'import' || how === 'adapter') {
  const loaded = await import(url);
  const imported = performance.now();
  const out = how === 'import' ? FIRST_BLOCK[library](loaded) : loaded.default.prepare('tdes3', 'cbc', KEY, IV).encrypt(BLOCK);
  checkBlock(out);
  importMs = imported - start;
  firstBlockMs = performance.now() - imported;
}
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ importMs, firstBlockMs, cpuMs: (used.user + used.system) / 1000, readyMs: performance.now() }));

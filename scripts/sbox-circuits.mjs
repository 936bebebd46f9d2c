#!/usr/bin/env node
/**
 * Generates the bitsliced S-box circuits: searches, for each of the DES S-boxes S1 … S8 of FIPS
 * 46-3 (read from src/fips46.ts), a small circuit of and / or / xor / andnot / not / bitselect
 * gates (one WebAssembly SIMD instruction each), checks it on all 64 inputs against the table,
 * and writes
 *   scripts/sbox/circuits.json    the circuits as data (SSA gate lists), and
 *   assembly/sbox-circuits.ts     the same as AssemblyScript functions s1 … s8 over v128.
 * The search (scripts/sbox/search.mjs) is Kwan's multiplexer decomposition with don't cares,
 * with bitselect as the multiplexer and a shared pool of signals, randomised and restarted
 * within a time budget per S-box; the smallest circuit found wins.
 *
 * Usage: node scripts/sbox-circuits.mjs [--seconds 60] [--seed 1] [--jobs 2] [--boxes 1,5]
 *   --seconds  search time per S-box (default 60; with two jobs, about 4 minutes in all)
 *   --seed     seed of the random choices (S-box n uses seed + n)
 *   --jobs     worker threads searching S-boxes in parallel (default: up to 2, one per core)
 *   --boxes    search only these S-boxes (e.g. 1,5), keeping the others from circuits.json, and
 *              replacing a stored circuit only by a smaller one
 *   --emit     no search: check circuits.json again and rewrite assembly/sbox-circuits.ts from it
 * A time budget makes runs differ slightly from machine to machine; the output is committed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { mismatches } from './sbox/circuit.mjs';
import { emitAssemblyScript, emitJson } from './sbox/emit.mjs';
import { loadSBoxes, outputTables } from './sbox/tables.mjs';

export { emitAssemblyScript, emitJson };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const JSON_PATH = join(root, 'scripts', 'sbox', 'circuits.json');
const AS_PATH = join(root, 'assembly', 'sbox-circuits.ts');

/** Search the given S-boxes (0-based) on `jobs` worker threads; resolves to { box: { circuit, tries } }. */
function searchAll(tables, boxes, { seconds, seed, jobs }) {
  return new Promise((resolve, reject) => {
    const queue = [...boxes];
    const results = {};
    let running = 0;
    const next = (worker) => {
      const box = queue.shift();
      if (box === undefined) {
        worker.terminate();
        if (--running === 0) resolve(results);
        return;
      }
      worker.postMessage({ box, outputs: outputTables(tables[box]), seconds, seed: seed + box + 1 });
    };
    for (let j = 0; j < Math.min(jobs, boxes.length); j++) {
      const worker = new Worker(new URL('./sbox/worker.mjs', import.meta.url));
      running++;
      worker.on('message', (message) => {
        if (message.log) { console.log(`S${message.box + 1}: ${message.log}`); return; }
        results[message.box] = { circuit: message.circuit, tries: message.tries };
        console.log(`S${message.box + 1}: done, ${message.circuit.gates} gates after ${message.tries} tries`);
        next(worker);
      });
      worker.on('error', reject);
      next(worker);
    }
  });
}

/** Throw unless the circuit computes the S-box on all 64 inputs. */
function verify(circuit, table) {
  const wrong = mismatches(circuit, table);
  if (wrong.length) {
    const first = wrong[0];
    throw new Error(`${circuit.name} is wrong on ${wrong.length} of 64 inputs, e.g. input ${first.input}: expected ${first.expected}, got ${first.got}`);
  }
}

function positiveNumber(option, text) {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${option}: expected a positive number, got ${text}`);
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string', default: String(Math.min(2, availableParallelism())) },
      boxes: { type: 'string' },
      emit: { type: 'boolean', default: false },
    },
  });
  const seconds = positiveNumber('seconds', values.seconds);
  const seed = Math.trunc(Number(values.seed));
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed: expected an integer, got ${values.seed}`);
  const jobs = Math.trunc(positiveNumber('jobs', values.jobs));
  const tables = await loadSBoxes();
  const existing = existsSync(JSON_PATH) ? JSON.parse(readFileSync(JSON_PATH, 'utf8')) : null;

  let boxes = [0, 1, 2, 3, 4, 5, 6, 7];
  if (values.emit) boxes = [];
  else if (values.boxes) {
    boxes = values.boxes.split(',').map((text) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`--boxes: expected S-box numbers 1 to 8, got ${text}`);
      return n - 1;
    });
  }
  if (boxes.length < 8 && !existing) throw new Error(`${JSON_PATH} does not exist: search all eight S-boxes first`);

  const started = Date.now();
  const found = await searchAll(tables, boxes, { seconds, seed, jobs });
  const search = existing?.search ?? {};
  const sboxes = tables.map((table, box) => {
    const name = `S${box + 1}`;
    // With --boxes, a stored circuit gives way only to a smaller one.
    const stored = existing?.sboxes[box];
    if (found[box] && values.boxes && stored && stored.gates <= found[box].circuit.gates) {
      console.log(`${name}: kept the stored circuit of ${stored.gates} gates`);
      delete found[box];
    }
    const circuit = found[box] ? { name, ...found[box].circuit } : stored;
    if (circuit.name !== name) throw new Error(`circuits.json: expected ${name} at position ${box + 1}, found ${circuit.name}`);
    if (circuit.gates !== circuit.code.length) throw new Error(`${name}: gates says ${circuit.gates}, the code has ${circuit.code.length}`);
    verify(circuit, table);
    if (found[box]) search[name] = { seconds, seed: seed + box + 1, tries: found[box].tries };
    return { name, gates: circuit.gates, outputs: circuit.outputs, code: circuit.code };
  });
  const elapsed = (Date.now() - started) / 1000;

  writeFileSync(JSON_PATH, emitJson({ search, sboxes }));
  writeFileSync(AS_PATH, emitAssemblyScript(sboxes));
  const total = sboxes.reduce((sum, box) => sum + box.gates, 0);
  console.log(`\nchecked on all 64 inputs: ${sboxes.map((box) => `${box.name} ${box.gates}`).join(', ')}`);
  console.log(`${total} gates, ${(total / 8).toFixed(3)} per S-box on average; searched for ${elapsed.toFixed(1)} s`);
  console.log(`wrote ${JSON_PATH} and ${AS_PATH}`);
}

// Run only when executed, so that the test can import emitAssemblyScript without a search.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

#!/usr/bin/env node
/**
 * Generates the bitsliced S-box circuits: searches, for each of the DES S-boxes S1 … S8 of FIPS
 * 46-3 (read from src/fips46.ts), small circuits of and / or / xor / andnot / not / bitselect
 * gates (one WebAssembly SIMD instruction each), checks them on all 64 inputs against the table,
 * chooses one per S-box, and writes
 *   scripts/sbox/circuits.json    the chosen circuits and the other candidates, as data, and
 *   assembly/sbox-circuits.ts     the chosen ones as AssemblyScript functions s1 … s8 over v128.
 * The search (scripts/sbox/search.mjs) is Kwan's multiplexer decomposition with don't cares and
 * a shared pool of signals, randomised and restarted within a time budget per S-box, once
 * minimising gates (bitselect as the multiplexer) and once minimising cost: the x86-64
 * instructions V8 makes of the gates, where bitselect is three and not two (see COST there).
 * Each S-box keeps the circuits no other beats on both counts; the choice is the set with the
 * least cost whose gates average at most 50 per S-box (the size budget).
 *
 * Usage: node scripts/sbox-circuits.mjs [--seconds 60] [--seed 1] [--jobs 2] [--boxes 1,5]
 *   --seconds  search time per S-box (default 60; with two jobs, about 4 minutes in all)
 *   --seed     seed of the random choices (S-box n uses seed + n)
 *   --jobs     worker threads searching S-boxes in parallel (default: up to 2, one per core)
 *   --boxes    search only these S-boxes (e.g. 1,5), adding what is found to the stored
 *              candidates, then choose again
 *   --emit     no search: check the stored candidates again, choose, and rewrite both files
 * A time budget makes runs differ slightly from machine to machine; the output is committed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { mismatches } from './sbox/circuit.mjs';
import { addToFront, circuitCost } from './sbox/search.mjs';
import { emitAssemblyScript, emitJson } from './sbox/emit.mjs';
import { loadSBoxes, outputTables } from './sbox/tables.mjs';

export { emitAssemblyScript, emitJson };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const JSON_PATH = join(root, 'scripts', 'sbox', 'circuits.json');
const AS_PATH = join(root, 'assembly', 'sbox-circuits.ts');
/** The size budget: at most 50 gates per S-box on average. Within it, the cheapest circuits win. */
const GATE_AVERAGE = 50;

/** Search the given S-boxes (0-based) on `jobs` worker threads; resolves to { box: { front, tries } }. */
function searchAll(tables, boxes, { seconds, seed, jobs }) {
  if (boxes.length === 0) return Promise.resolve({});
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
        results[message.box] = { front: message.front, tries: message.tries };
        console.log(`S${message.box + 1}: done after ${message.tries} tries; gates/cost ${message.front.map((c) => `${c.gates}/${c.cost}`).join(' ')}`);
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    // The usage is this file's own header comment, from "Usage:" to the end of the options.
    const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0];
    const usage = header.slice(header.indexOf('Usage:')).split('\n').map((line) => line.replace(/^ \* ?/, '')).join('\n');
    process.stdout.write(usage.trimEnd() + '\n');
    return;
  }
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
  // Each S-box's candidates: the Pareto front of (gates, cost) from this search, merged with the
  // stored one when only some S-boxes are searched again.
  const candidates = tables.map((table, box) => {
    const name = `S${box + 1}`;
    const front = [];
    const stored = existing?.candidates?.[name] ?? (existing ? [existing.sboxes[box]] : []);
    if (!found[box] || values.boxes) for (const circuit of stored) addToFront(front, { ...circuit, cost: circuitCost(circuit) });
    if (found[box]) {
      for (const circuit of found[box].front) addToFront(front, circuit);
      search[name] = { seconds, seed: seed + box + 1, tries: found[box].tries };
    }
    return front.map((circuit) => {
      if (circuit.gates !== circuit.code.length) throw new Error(`${name}: gates says ${circuit.gates}, the code has ${circuit.code.length}`);
      verify({ name, ...circuit }, table);
      return { name, gates: circuit.gates, cost: circuit.cost, outputs: circuit.outputs, code: circuit.code };
    });
  });
  const sboxes = choose(candidates, 8 * GATE_AVERAGE);
  const elapsed = (Date.now() - started) / 1000;

  writeFileSync(JSON_PATH, emitJson({ search, sboxes, candidates }));
  writeFileSync(AS_PATH, emitAssemblyScript(sboxes));
  const total = sboxes.reduce((sum, box) => sum + box.gates, 0);
  const cost = sboxes.reduce((sum, box) => sum + box.cost, 0);
  console.log(`\nchecked on all 64 inputs; chosen (gates/cost): ${sboxes.map((box) => `${box.name} ${box.gates}/${box.cost}`).join(', ')}`);
  console.log(`${total} gates, ${(total / 8).toFixed(3)} per S-box on average; cost ${cost}; searched for ${elapsed.toFixed(1)} s`);
  console.log(`wrote ${JSON_PATH} and ${AS_PATH}`);
}

/**
 * One circuit per S-box, from its candidates, with the least total cost whose gates stay within
 * `maxGates` in all: a knapsack over the gate budget, small enough to solve exactly.
 */
function choose(candidates, maxGates) {
  // best[g]: the cheapest choice so far using exactly g gates, as { cost, picks }.
  let best = new Map([[0, { cost: 0, picks: [] }]]);
  for (const list of candidates) {
    const next = new Map();
    for (const [gates, { cost, picks }] of best) {
      for (const circuit of list) {
        const g = gates + circuit.gates;
        if (g > maxGates) continue;
        const c = cost + circuit.cost;
        if (!next.has(g) || next.get(g).cost > c) next.set(g, { cost: c, picks: [...picks, circuit] });
      }
    }
    best = next;
  }
  const choices = [...best.values()];
  if (!choices.length) throw new Error(`no choice of circuits stays within ${maxGates} gates`);
  return choices.reduce((a, b) => (b.cost < a.cost ? b : a)).picks;
}

// Run only when executed, so that the test can import emitAssemblyScript without a search.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

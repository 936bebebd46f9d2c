/**
 * The benchmark runner: des-wasm against node:crypto, crypto-js, node-forge and des.js.
 *
 *   1. Throughput matrix: cipher × operation × size. For each cell des-wasm runs first and its output
 *      is the reference; every other library's output must equal it before that library is timed.
 *      A library that disagrees is reported and not timed. Cells node:crypto can only run under the
 *      legacy provider (single DES, DESX) go to a child `node --openssl-legacy-provider`, which
 *      checks and times them with the same harness and reports JSON back.
 *   2. 16-byte messages under one key: messages per second, node:crypto vs des-wasm, in a fresh
 *      child node (child-messages.mjs), the libraries timed round-robin.
 *   3. Start-up: import (or require) + first block, in fresh processes, des-wasm against node:crypto's import().
 *   4. The headline comparisons, then a markdown report, a JSON file with every figure and an SVG chart.
 *
 * runBenchmarks(options) is the whole thing; bench/run.mjs (npm run bench) and the des-wasm CLI are
 * thin shells over it. It never asserts on speed: it measures and reports.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAndTime } from './cells.mjs';
import { keyFor, sha256 } from './inputs.mjs';
import { describeMachine } from './machine.mjs';
import { FULL, LARGE, MESSAGE_ROWS, MIN_RUNS, QUICK, matrixRows, cipherName, sizeLabel } from './matrix.mjs';
import { measureMessages } from './messages.mjs';
import { BASELINE, loadPeers, peerUrl, PEER_MODULES, SUBJECT } from './peers/index.mjs';
import { headlines } from './report/headline.mjs';
import { renderMarkdown } from './report/markdown.mjs';
import { renderSvg } from './report/svg.mjs';
import { measureStartup, STARTUP_TARGET } from './startup.mjs';
import { runNodeJson } from './child.mjs';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const CHILD_CELLS = fileURLToPath(new URL('./child-cells.mjs', import.meta.url));
export const SCHEMA_VERSION = 1;

/**
 * The default results name: latest for a full run, quick for --quick, partial for a filtered or
 * resized one, so that a small run never overwrites the full run's figures.
 */
function defaultName(options) {
  if (options.quick) return 'quick';
  return options.filter || options.sizes || options.libraries || options.adapters ? 'partial' : 'latest';
}

/** Fill in defaults: the --quick or full preset, then explicit options over it. */
export function resolveOptions(options = {}) {
  const preset = options.quick ? QUICK : FULL;
  const filter = options.filter instanceof RegExp ? options.filter : options.filter ? new RegExp(options.filter, 'i') : null;
  return {
    quick: Boolean(options.quick),
    sizes: options.sizes ?? preset.sizes,
    timeMs: options.timeMs ?? preset.timeMs,
    filter,
    libraries: options.libraries ?? Object.keys(PEER_MODULES),
    adapters: options.adapters ?? [],
    startup: options.startup ?? true,
    startupRuns: options.startupRuns ?? preset.startupRuns,
    messages: options.messages ?? true,
    maxCellSeconds: options.maxCellSeconds ?? preset.maxCellSeconds,
    json: options.json === false ? null : resolve(options.json ?? `${RESULTS_DIR}${defaultName(options)}.json`),
    svg: options.svg === false ? null : resolve(options.svg ?? (options.json ? options.json.replace(/\.json$/i, '') : `${RESULTS_DIR}${defaultName(options)}`) + '.svg'),
    log: options.log ?? (() => {}),
  };
}

/** Write through a .tmp file and rename, so a reader never sees half a file. */
function writeAtomically(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

function runChild(execArgv, request) {
  return runNodeJson([...execArgv, CHILD_CELLS], request, `child node ${execArgv.join(' ')}`);
}

/** The most recent throughput (MB/s) this library reached on a smaller message of the same row. */
function knownRate(cells, library, cipher, row, size) {
  const smaller = cells.filter((c) => c.library === library && c.cipher === cipher && c.row === row && c.size < size && c.size >= 1024 && c.status === 'timed');
  smaller.sort((a, b) => b.size - a.size);
  return smaller[0]?.mbps;
}

/** Rough MB/s from two calls on a 64 KiB message, for a large cell with no smaller measurement. */
function probeRate(adapter, cipher, row) {
  const prepared = adapter.prepare(cipher, row.mode, keyFor(cipher), new Uint8Array(8));
  const data = new Uint8Array(64 * 1024);
  prepared[row.direction](data);
  const start = performance.now();
  prepared[row.direction](data);
  return data.length / (performance.now() - start) / 1000;
}

/**
 * Is this large cell too slow to time within the budget? Returns the skipped cell's fields, or null.
 * The estimate comes from the library's rate on a smaller message of the same row (or a probe).
 */
function budgetCheck(cells, { name, adapter }, cipher, row, size, opts) {
  if (size < LARGE) return null;
  const rate = knownRate(cells, name, cipher.id, row.id, size) ?? probeRate(adapter, cipher.id, row);
  const estimate = size / rate / 1e6;
  const runs = MIN_RUNS + 1;
  if (estimate * runs <= opts.maxCellSeconds) return null;
  return {
    status: 'skipped',
    estimatedRunSeconds: Math.round(estimate * 10) / 10,
    reason: `too slow to time here: a ${sizeLabel(size)} run would take about ${estimate.toFixed(1)} s (${runs} runs, checked + timed, exceed --max-cell-seconds ${opts.maxCellSeconds})`,
  };
}

/**
 * One peer's cell, given des-wasm's output for it: unsupported, queued for a child process,
 * skipped as too slow, or checked and timed here. Fills in `cell`.
 */
function runPeerCell(peer, cell, { cipher, row, size }, reference, context) {
  const { cells, childQueues, opts } = context;
  const supported = peer.adapter.supports(cipher.id, row.mode);
  if (supported !== true) return Object.assign(cell, { status: 'unsupported', reason: supported });
  const child = peer.adapter.needsChild?.(cipher.id, row.mode);
  if (child) {
    const key = `${peer.name}\0${child.execArgv.join(' ')}`;
    if (!childQueues.has(key)) childQueues.set(key, { name: peer.name, child, cells: [] });
    childQueues.get(key).cells.push({ cell, expected: { sha256: sha256(reference), length: reference.length } });
    return Object.assign(cell, { status: 'pending', via: `child node ${child.execArgv.join(' ')}` });
  }
  const skipped = budgetCheck(cells, peer, cipher, row, size, opts);
  if (skipped) return Object.assign(cell, skipped);
  return Object.assign(cell, checkAndTime(peer.adapter, { size, cipher: cipher.id, row: row.id }, { bytes: reference }, opts));
}

/** The throughput matrix, size by size: des-wasm first in each row, then every peer against it. */
function runMatrix(subject, peers, context) {
  const { cells, opts, log } = context;
  for (const size of opts.sizes) {
    for (const { cipher, row } of matrixRows(opts.filter)) {
      const describe = { size, cipher: cipher.id, row: row.id, name: cipherName(cipher.id, row.mode), operation: row.label };
      const { output, ...mine } = checkAndTime(subject.adapter, { size, cipher: cipher.id, row: row.id }, null, opts);
      cells.push({ ...describe, library: SUBJECT, ...mine });
      const line = [`${sizeLabel(size).padStart(6)} ${describe.name} ${row.label}: ${summary(mine)}`];
      for (const peer of peers) {
        const cell = { ...describe, library: peer.name };
        cells.push(cell);
        if (!output) Object.assign(cell, { status: 'no-reference', reason: `des-wasm did not run this cell (${mine.reason})` });
        else runPeerCell(peer, cell, { cipher, row, size }, output, context);
        if (cell.status !== 'unsupported' && cell.status !== 'pending') line.push(`${peer.name} ${summary(cell)}`);
      }
      log(line.join(', '));
    }
  }
}

/** The cells queued for child processes: one child per library and set of node flags. */
async function runChildQueues({ childQueues, opts, log }) {
  for (const { name, child, cells: queued } of childQueues.values()) {
    log(`${queued.length} ${name} cells in a child node ${child.execArgv.join(' ')}`);
    try {
      const reply = await runChild(child.execArgv, {
        peerUrl: peerUrl(name),
        timeMs: opts.timeMs,
        cells: queued.map(({ cell, expected }) => ({ cipher: cell.cipher, row: cell.row, size: cell.size, expected })),
      });
      reply.results.forEach((result, i) => Object.assign(queued[i].cell, result));
      for (const { cell } of queued) log(`${sizeLabel(cell.size).padStart(6)} ${cell.name} ${cell.operation}: ${name} ${summary(cell)} (${child.note})`);
    } catch (error) {
      for (const { cell } of queued) Object.assign(cell, { status: 'error', reason: error.message });
    }
  }
}

/**
 * Run the benchmark. Options (all optional): quick, sizes (bytes), timeMs (tinybench time per cell),
 * filter (RegExp or string, matched against e.g. "tdes3 3-key TDEA des-ede3-cbc cbc-enc CBC encrypt",
 * "msgs-ecb …" and "startup"), libraries (names), adapters (extra [{ name, adapter }], e.g. a test's),
 * startup, startupRuns, messages, maxCellSeconds, json / svg (paths, or false not to write), log(line).
 * Returns { result, markdown, jsonPath, svgPath }.
 */
export async function runBenchmarks(options = {}) {
  const opts = resolveOptions(options);
  const { log } = opts;
  const started = new Date();
  const loaded = [...await loadPeers(opts.libraries), ...opts.adapters];
  const subject = loaded.find((peer) => peer.name === SUBJECT);
  if (!subject?.adapter) {
    throw new Error(`des-wasm could not be loaded (${subject?.error ?? 'not in the library list'}); run \`npm run build\` first`);
  }
  const peers = loaded.filter((peer) => peer !== subject && peer.adapter);
  const libraries = loaded.map(({ name, adapter, error }) => ({
    name,
    version: adapter?.version ?? null,
    ...(error ? { error } : {}),
  }));
  const machine = { ...describeMachine(), desWasm: subject.adapter.version, desWasmEntry: subject.adapter.entry, engine: subject.adapter.details?.() };

  // 1. The throughput matrix, then the cells that run in child processes.
  const context = { cells: [], childQueues: new Map(), opts, log };
  const { cells } = context;
  log(`${matrixRows(opts.filter).length} operations × ${opts.sizes.length} sizes × ${peers.length + 1} libraries${opts.quick ? ' (quick)' : ''}`);
  runMatrix(subject, peers, context);
  await runChildQueues(context);

  // Ratios to node:crypto, where both ran.
  for (const cell of cells) {
    const base = cells.find((c) => c.library === BASELINE && c.size === cell.size && c.cipher === cell.cipher && c.row === cell.row);
    if (cell.status === 'timed' && base?.status === 'timed') cell.ratioToNode = cell.mbps / base.mbps;
  }

  // 2. Short messages.
  let messages = [];
  const messageRows = MESSAGE_ROWS.filter((row) => !opts.filter || opts.filter.test(`${row.id} ${row.label}`));
  if (opts.messages && messageRows.length > 0) {
    log('16-byte messages');
    const libs = [subject, ...peers.filter((peer) => peer.name === BASELINE)];
    messages = await measureMessages(messageRows, libs, { timeMs: opts.timeMs, log });
  }

  // 3. Start-up.
  let startup = [];
  if (opts.startup && (!opts.filter || opts.filter.test('startup'))) {
    log(`start-up: ${opts.startupRuns} fresh process(es) per library`);
    const startupLibs = [subject, ...peers].filter((peer) => PEER_MODULES[peer.name]).map((peer) => ({ name: peer.name, url: peerUrl(peer.name) }));
    startup = await measureStartup(startupLibs, opts.startupRuns, { desWasmEntry: subject.adapter.entryUrl });
  }

  const result = {
    schema: SCHEMA_VERSION,
    date: started.toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 100) / 10,
    machine,
    options: {
      quick: opts.quick, sizes: opts.sizes, timeMs: opts.timeMs, filter: opts.filter?.source ?? null,
      minRunsLarge: MIN_RUNS, maxCellSeconds: opts.maxCellSeconds, startupRuns: opts.startupRuns,
    },
    units: { mbps: 'MB/s, 10^6 bytes per second, from the median time per call', ratioToNode: 'MB/s over node:crypto’s MB/s for the same cell' },
    libraries,
    cells,
    messages,
    startup,
    mismatches: [...cells, ...messages].filter((c) => c.status === 'mismatch').map(({ library, name, operation, size, row, call, reason }) => ({ library, name: name ?? row, operation: operation ?? call, size: size ?? 16, reason })),
  };
  result.headline = headlines(result);
  const markdown = renderMarkdown(result);
  if (opts.json) writeAtomically(opts.json, `${JSON.stringify(result, null, 2)}\n`);
  if (opts.svg) writeAtomically(opts.svg, renderSvg(result));
  return { result, markdown, jsonPath: opts.json, svgPath: opts.svg };
}

function summary(cell) {
  if (cell.status === 'timed') return `${cell.mbps.toPrecision(3)} MB/s`;
  return cell.status;
}

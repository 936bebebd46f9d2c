/**
 * The headline comparisons, as ratios with their performance targets. Printed, never
 * asserted: `meets` says whether the target was reached on this machine, for a reader to judge.
 */
import { MESSAGE_ROWS, ROWS, byId, sizeLabel } from '../matrix.mjs';
import { STARTUP_TARGET } from '../startup.mjs';

/** The throughput targets are for 16 MiB messages, median of at least five runs. */
const TARGET_SIZE = 16 * 1024 * 1024;
/** The chart shows 64 KiB, where every peer is timed (long enough to be throughput, short enough to stay in cache). */
const CHART_SIZE = 64 * 1024;

function sizeOr(cells, wanted) {
  const sizes = [...new Set(cells.map((c) => c.size))];
  return sizes.includes(wanted) ? wanted : Math.max(0, ...sizes);
}

/** 16 MiB when measured, else the largest size (a --quick run). */
export function headlineSize(cells) { return sizeOr(cells, TARGET_SIZE); }
/** 64 KiB when measured, else the largest size. */
export function chartSize(cells) { return sizeOr(cells, CHART_SIZE); }

// The throughput targets: the parallel modes 4× node:crypto, the serial one 0.85×.
const VERSUS_NODE = [
  { id: 'tdes3-ecb', label: 'des-ede3 ECB encrypt vs node:crypto', subject: ['tdes3', 'ecb'], base: ['tdes3', 'ecb'], target: 4 },
  { id: 'tdes3-cbc-dec', label: 'des-ede3-cbc decrypt vs node:crypto', subject: ['tdes3', 'cbc-dec'], base: ['tdes3', 'cbc-dec'], target: 4 },
  { id: 'tdes3-ctr', label: 'des-ede3-ctr vs node:crypto des-ede3 ECB (node has no DES CTR)', subject: ['tdes3', 'ctr'], base: ['tdes3', 'ecb'], target: 4 },
  { id: 'des-ecb', label: 'des-ecb vs node:crypto with the legacy provider', subject: ['des', 'ecb'], base: ['des', 'ecb'], target: 4 },
  { id: 'tdes3-cbc-enc', label: 'des-ede3-cbc encrypt (serial) vs node:crypto', subject: ['tdes3', 'cbc-enc'], base: ['tdes3', 'cbc-enc'], target: 0.85 },
];
/** 16-byte messages under one key: encryptMany against node:crypto per message. */
const BATCH_TARGET = 20;
const FORGE_TARGET = 3;
const FORGE_ROWS = ['ecb', 'cbc-enc', 'cbc-dec', 'cfb64', 'ofb', 'ctr'];

function find(cells, library, size, [cipher, row]) {
  return cells.find((c) => c.library === library && c.size === size && c.cipher === cipher && c.row === row);
}

/** `atMost`: the target is an upper bound (start-up time), not a lower one (speed). */
function compare(entry, subject, base, unit, target, atMost = false) {
  const out = { ...entry, unit, target: target ?? null, ...(atMost ? { atMost } : {}) };
  if (subject?.status !== 'timed' || base?.status !== 'timed') {
    const why = subject?.status !== 'timed' ? subject : base;
    return { ...out, ratio: null, meets: null, missing: why ? `${why.library}: ${why.status}${why.reason ? ` (${why.reason})` : ''}` : 'not measured in this run' };
  }
  const value = (cell) => (unit === 'msg/s' ? cell.messagesPerSecond : unit === 'ms' ? cell.totalMs : cell.mbps);
  const ratio = value(subject) / value(base);
  return { ...out, subject: value(subject), baseline: value(base), ratio, meets: target ? (atMost ? ratio <= target : ratio >= target) : null };
}

/** Start-up: des-wasm's import (ESM) and require (CJS) + first block against node:crypto's import() + first block. */
function startupRows(startup = []) {
  const node = startup.find((s) => s.library === 'node:crypto' && s.loader === 'import()');
  const asCell = (s) => (s && !s.error ? { ...s, status: 'timed' } : s ? { library: s.library, status: 'error', reason: s.error } : undefined);
  return ['import', 'require'].map((loader) => compare(
    { id: `startup-${loader}`, label: `Start-up: des-wasm ${loader === 'import' ? 'import (ESM)' : 'require (CJS)'} + first block vs node:crypto import() + first block`, size: 8, versus: 'node:crypto' },
    asCell(startup.find((s) => s.library === 'des-wasm' && s.loader === loader)), asCell(node), 'ms', STARTUP_TARGET, true));
}

export function headlines({ cells, messages, startup }) {
  const size = headlineSize(cells);
  const rows = [];
  for (const h of VERSUS_NODE) {
    rows.push(compare({ id: h.id, label: h.label, note: h.note, size, versus: 'node:crypto' },
      find(cells, 'des-wasm', size, h.subject), find(cells, 'node:crypto', size, h.base), 'MB/s', h.target));
  }
  for (const row of MESSAGE_ROWS) {
    const node = messages.find((m) => m.row === row.id && m.library === 'node:crypto');
    for (const mine of messages.filter((m) => m.row === row.id && m.library === 'des-wasm' && m.status !== 'absent')) {
      rows.push(compare({ id: `${row.id}${mine.batch ? '-batch' : ''}`, label: `${row.label}: des-wasm ${mine.batch ? 'encryptMany' : 'per message'} vs node:crypto per message`, size: 16, versus: 'node:crypto' },
        mine, node, 'msg/s', mine.batch ? BATCH_TARGET : null));
    }
  }
  for (const rowId of FORGE_ROWS) {
    // The lowest ratio over DES, 2-key and 3-key TDEA: "every mode" means the worst of them.
    const pairs = cells
      .filter((c) => c.library === 'des-wasm' && c.size === size && c.row === rowId)
      .map((mine) => [mine, find(cells, 'node-forge', size, [mine.cipher, rowId])])
      .filter(([mine, forge]) => mine.status === 'timed' && forge?.status === 'timed');
    pairs.sort((a, b) => a[0].mbps / a[1].mbps - b[0].mbps / b[1].mbps);
    const [mine, forge] = pairs[0] ?? [find(cells, 'des-wasm', size, ['tdes3', rowId]), find(cells, 'node-forge', size, ['tdes3', rowId])];
    const label = `${byId(ROWS, rowId).label} vs node-forge${pairs.length > 1 ? ` (lowest: ${mine.name})` : ''}`;
    rows.push(compare({ id: `forge-${rowId}`, label, size, versus: 'node-forge' }, mine, forge, 'MB/s', FORGE_TARGET));
  }
  if (startup?.length) rows.push(...startupRows(startup));
  return { size, sizeLabel: sizeLabel(size), rows };
}

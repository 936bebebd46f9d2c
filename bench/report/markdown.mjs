/**
 * The markdown report: machine, one throughput table per message size (MB/s, the ratio to
 * node:crypto, the best of each row in bold), the 16-byte-message table, start-up times, the
 * headline comparisons as bars, and numbered notes for every "—".
 */
import { MESSAGE_ROWS, sizeLabel } from '../matrix.mjs';
import { Footnotes, figure, rate, ratio } from './format.mjs';
import { STARTUP_TARGET } from '../startup.mjs';

const LEGACY_NOTE = 'node:crypto ran these in a child `node --openssl-legacy-provider` (OpenSSL 3 keeps single DES and DESX in its legacy provider), checked and timed with the same harness.';
const SKIPPED_NOTE = 'Not timed: at the rate this library reached on smaller messages, its runs at this size (one checked, five timed) would take longer than --max-cell-seconds allows; the estimate is in the JSON.';

function table(header, align, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : a === 'c' ? ':---:' : ':---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function machineLines({ machine, date, libraries, durationSeconds, options }) {
  const m = machine;
  const engine = m.engine && typeof m.engine === 'object'
    ? ` (engine: ${Object.entries(m.engine).map(([k, v]) => `${k} ${v}`).join(', ')})`
    : m.engine ? ` (engine: ${m.engine})` : '';
  const cli = m.opensslCli ? ` (CLI: ${m.opensslCli.replace(/\s*\(Library:.*\)$/, '')})` : '';
  const peers = libraries.filter((l) => l.name !== 'des-wasm');
  return [
    `# des-wasm ${m.desWasm ?? ''} benchmark${options.quick ? ' (quick)' : ''}`,
    '',
    `${date.slice(0, 10)} · ${m.cpu}, ${m.cores} cores, ${m.arch}, ${m.platform} · Node ${m.node}, V8 ${m.v8}, OpenSSL ${m.openssl}${cli} · des-wasm${engine} · ${durationSeconds} s`,
    '',
    `Peers: ${peers.map((l) => (l.error ? `${l.name} (not run: ${l.error})` : `${l.name} ${l.version ?? ''}`.trim())).join(', ')}.`,
    'Every peer\'s output was checked equal to des-wasm\'s before it was timed. MB/s is 10⁶ bytes per second from the median time per call; each call is one whole message from the IV (node:crypto builds a cipher object per call, its only way; the JS libraries\' times include converting bytes to their own types and back).',
  ];
}

function cellText(cell, best, notes) {
  switch (cell.status) {
    case 'timed': {
      const value = figure(cell.mbps);
      const shown = cell.mbps === best ? `**${value}**` : value;
      const legacy = cell.via ? notes.marker(LEGACY_NOTE) : '';
      const vs = cell.library !== 'node:crypto' && cell.ratioToNode !== undefined ? ` (${ratio(cell.ratioToNode)})` : '';
      return `${shown}${legacy}${vs}`;
    }
    case 'unsupported': return `—${notes.marker(cell.reason)}`;
    case 'skipped': return `not timed, ~${cell.estimatedRunSeconds} s/run${notes.marker(SKIPPED_NOTE)}`;
    case 'mismatch': return `✗ differs${notes.marker(`${cell.library}, ${cell.name} ${cell.operation}, ${sizeLabel(cell.size)}: ${cell.reason}. Not timed.`)}`;
    default: return `${cell.status}${notes.marker(`${cell.library}, ${cell.name} ${cell.operation}: ${cell.reason ?? cell.status}`)}`;
  }
}

function throughputTables(result, notes) {
  const names = result.libraries.filter((l) => !l.error).map((l) => l.name);
  const out = [];
  for (const size of result.options.sizes) {
    const cells = result.cells.filter((c) => c.size === size);
    if (cells.length === 0) continue;
    const keys = [...new Set(cells.map((c) => `${c.cipher}/${c.row}`))];
    const rows = keys.map((key) => {
      const row = cells.filter((c) => `${c.cipher}/${c.row}` === key);
      const best = Math.max(...row.filter((c) => c.status === 'timed').map((c) => c.mbps));
      return [`\`${row[0].name}\``, row[0].operation, ...names.map((name) => {
        const cell = row.find((c) => c.library === name);
        return cell ? cellText(cell, best, notes) : '';
      })];
    });
    out.push(`## Throughput, ${sizeLabel(size)} messages (MB/s; × node:crypto in brackets; best in bold)`, '',
      table(['Cipher', 'Operation', ...names], ['l', 'l', ...names.map(() => 'r')], rows), '');
  }
  return out;
}

function messageTable(result, notes) {
  if (result.messages.length === 0) return [];
  const rows = [];
  for (const messageRow of MESSAGE_ROWS) {
    const entries = result.messages.filter((m) => m.row === messageRow.id);
    const node = entries.find((m) => m.library === 'node:crypto' && m.status === 'timed');
    const best = Math.max(...entries.filter((m) => m.status === 'timed').map((m) => m.messagesPerSecond));
    for (const m of entries) {
      let value;
      if (m.status === 'timed') {
        value = m.messagesPerSecond === best ? `**${rate(m.messagesPerSecond)}**` : rate(m.messagesPerSecond);
      } else if (m.status === 'absent') {
        value = `—${notes.marker(`encryptMany, the batch call: ${m.reason}; the per-message rows stand in for it.`)}`;
      } else {
        value = `${m.status}${notes.marker(`${m.library} ${m.call}: ${m.reason}`)}`;
      }
      const vs = m.status === 'timed' && node && m !== node ? ratio(m.messagesPerSecond / node.messagesPerSecond) : '';
      rows.push([messageRow.label, m.library, m.call, value, vs]);
    }
  }
  return ['## 16-byte messages under one key (messages/s)', '',
    'Measured in a fresh child node, not the process the throughput tables ran in: every call warmed alike, then timed in rounds round-robin across the libraries, each round from a collected heap; msg/s from the median of the rounds\' median times.', '',
    table(['Messages', 'Library', 'Calls', 'msg/s', '× node:crypto'], ['l', 'l', 'l', 'r', 'r'], rows), ''];
}

const LOADERS = {
  import: 'import (ESM package entry)',
  require: 'require (CJS package entry)',
  'import()': 'import()',
  adapter: 'import of its benchmark adapter',
};

function startupTable(result) {
  if (result.startup.length === 0) return [];
  const runs = Math.max(...result.startup.map((s) => s.runs ?? 0));
  const rows = result.startup.map((s) => {
    const loader = s.loader ? LOADERS[s.loader] ?? s.loader : 'node\'s boot only';
    if (s.error) return [s.library, loader, 'error', '', '', '', '', s.error];
    const alone = s.loader === null;
    return [s.library, loader, alone ? '' : s.importMs.toFixed(1), alone ? '' : s.firstBlockMs.toFixed(2), alone ? '' : s.totalMs.toFixed(1),
      s.cpuMs?.toFixed(1) ?? '', s.ratioToNode === undefined ? '' : ratio(s.ratioToNode), s.readyMs.toFixed(1)];
  });
  const target = result.headline.rows.filter((h) => h.id.startsWith('startup-') && h.ratio !== null)
    .map((h) => `${h.id === 'startup-import' ? 'import' : 'require'} ${ratio(h.ratio)} (${h.meets ? 'met' : 'not met'})`);
  return [`## Start-up: load + first des-ede3-cbc block in a fresh process (ms, median of ${runs})`, '',
    table(['Library', 'Loaded by', 'load', 'first block', 'load + first block', 'CPU', '× node:crypto import()', 'ready, from process start'],
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'], rows), '',
    ...(target.length ? [`Target: des-wasm's load + first block within ${STARTUP_TARGET}× node:crypto's import() + first block, both loaded directly (node:crypto's require is free: it is in Node's snapshot). This run: ${target.join(', ')}.`, ''] : [])];
}

const BAR_CHARS = ' ▏▎▍▌▋▊▉█';
const BAR_WIDTH = 30; // characters

/**
 * A text bar for a ratio: with a target, the full width is twice the target and ┃ marks it at
 * mid-width (visible while the bar falls short); without one, the full width is 3×. ▸ when cut off.
 */
export function bar(value, target) {
  const full = target ? 2 * target : 3;
  const eighths = Math.round(Math.min(value / full, 1) * BAR_WIDTH * 8);
  const chars = [];
  for (let i = 0; i < BAR_WIDTH; i++) {
    const fill = Math.max(0, Math.min(8, eighths - i * 8));
    chars.push(fill === 0 ? '·' : BAR_CHARS[fill]);
  }
  if (target && chars[BAR_WIDTH / 2] === '·') chars[BAR_WIDTH / 2] = '┃';
  if (value > full) chars[BAR_WIDTH - 1] = '▸';
  return chars.join('');
}

function headlineTable(result) {
  const { rows, sizeLabel: size } = result.headline;
  const body = rows.map((h) => {
    const target = h.target ? `${h.atMost ? '≤' : '≥'} ${h.target}×` : '';
    if (h.ratio === null) return [h.label, '', '', '', target, `not measured: ${h.missing}`];
    const verdict = h.target ? (h.meets ? ' meets' : ' below') : '';
    const shown = (v) => (h.unit === 'msg/s' ? rate(v) : h.unit === 'ms' ? v.toFixed(1) : figure(v));
    return [h.label, `${shown(h.subject)} ${h.unit}`, `${shown(h.baseline)} ${h.unit}`, ratio(h.ratio), `${target}${verdict}`, `\`${bar(h.ratio, h.target)}\``];
  });
  return [`## Headline: the performance targets (${size} messages unless marked; ratios are des-wasm over the peer, printed, not asserted)`, '',
    table(['Comparison', 'des-wasm', 'peer', 'ratio', 'target', 'bar (┃ target at mid-width; no target: full = 3×)'], ['l', 'r', 'r', 'r', 'l', 'l'], body), ''];
}

export function renderMarkdown(result) {
  const notes = new Footnotes();
  const lines = [...machineLines(result), ''];
  if (result.mismatches.length > 0) {
    lines.push(`> **${result.mismatches.length} peer result(s) disagreed with des-wasm and were not timed:**`);
    for (const m of result.mismatches) lines.push(`> - ${m.library}, ${m.name} ${m.operation} (${sizeLabel(m.size)}): ${m.reason}`);
    lines.push('');
  }
  lines.push(...throughputTables(result, notes), ...messageTable(result, notes), ...startupTable(result), ...headlineTable(result));
  const footnotes = notes.lines();
  if (footnotes.length > 0) lines.push('Notes:', '', ...footnotes.map((n) => `${n}  `), '');
  return lines.join('\n');
}

/**
 * The chart: horizontal grouped bars of throughput (MB/s) by operation and library, at the headline
 * message size, as a hand-written SVG string (no dependency). A linear axis, so the distances are
 * honest; each bar carries its figure, so the short ones can still be read.
 */
import { chartSize } from './headline.mjs';
import { sizeLabel } from '../matrix.mjs';
import { figure } from './format.mjs';

const COLORS = { 'des-wasm': '#6a3d9a', 'node:crypto': '#3c873a', 'crypto-js': '#e08a00', 'node-forge': '#1f6fb4', 'des.js': '#c0392b' };
const FALLBACK = ['#7f7f7f', '#17becf', '#bcbd22', '#8c564b'];
const LEFT = 250;
const PLOT = 600;
const RIGHT = 90;
const BAR = 11;
const GAP = 12;
const TOP = 96;

function escape(text) {
  return String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
}

/** A round axis maximum and step: 1, 2 or 5 × 10^n, about five ticks. */
function axis(max) {
  if (!(max > 0)) return { top: 1, step: 0.2 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  return { top: Math.ceil(max / step) * step, step };
}

/** As many decimals as the step needs: 25 → "25", 2.5 → "2.5", 0.25 → "0.25". */
function tickLabel(value, step) {
  let decimals = 0;
  while (decimals < 4 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-9) decimals++;
  return value.toFixed(decimals);
}

export function renderSvg(result) {
  const size = chartSize(result.cells);
  const libraries = result.libraries.filter((l) => !l.error).map((l) => l.name);
  const color = (name) => COLORS[name] ?? FALLBACK[libraries.indexOf(name) % FALLBACK.length];
  const cells = result.cells.filter((c) => c.size === size);
  const groups = [...new Set(cells.map((c) => `${c.cipher}/${c.row}`))].map((key) => cells.filter((c) => `${c.cipher}/${c.row}` === key));
  const { top, step } = axis(Math.max(0, ...cells.filter((c) => c.status === 'timed').map((c) => c.mbps)));
  const x = (mbps) => LEFT + (mbps / top) * PLOT;
  const groupHeight = libraries.length * BAR + GAP;
  const height = TOP + groups.length * groupHeight + 40;
  const width = LEFT + PLOT + RIGHT;
  const m = result.machine;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="600">des-wasm ${escape(m.desWasm ?? '')} throughput, ${escape(sizeLabel(size))} messages (MB/s, higher is better)</text>`,
    `<text x="16" y="42" fill="#555">${escape(`${result.date.slice(0, 10)} · ${m.cpu}, ${m.cores} cores · Node ${m.node} · OpenSSL ${m.openssl}`)}</text>`,
  ];
  libraries.forEach((name, i) => {
    const lx = 16 + i * 130;
    parts.push(`<rect x="${lx}" y="56" width="12" height="12" fill="${color(name)}"/>`,
      `<text x="${lx + 17}" y="66">${escape(name)}</text>`);
  });
  for (let tick = 0; tick <= top + step / 2; tick += step) {
    const tx = x(tick).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${height - 34}" stroke="#e3e3e3"/>`,
      `<text x="${tx}" y="${height - 20}" text-anchor="middle" fill="#555">${escape(tickLabel(tick, step))}</text>`);
  }
  parts.push(`<text x="${LEFT + PLOT / 2}" y="${height - 6}" text-anchor="middle" fill="#555">MB/s (10⁶ bytes per second)</text>`);
  groups.forEach((group, g) => {
    const gy = TOP + g * groupHeight;
    parts.push(`<text x="${LEFT - 8}" y="${gy + (libraries.length * BAR) / 2 + 4}" text-anchor="end">${escape(`${group[0].name} ${group[0].operation}`)}</text>`);
    libraries.forEach((name, i) => {
      const cell = group.find((c) => c.library === name);
      const by = gy + i * BAR;
      if (cell?.status === 'timed') {
        const w = Math.max(1, x(cell.mbps) - LEFT);
        parts.push(`<rect x="${LEFT}" y="${by}" width="${w.toFixed(1)}" height="${BAR - 2}" fill="${color(name)}"><title>${escape(`${name}: ${figure(cell.mbps)} MB/s`)}</title></rect>`,
          `<text x="${(LEFT + w + 4).toFixed(1)}" y="${by + BAR - 3}" font-size="9" fill="#333">${escape(figure(cell.mbps))}</text>`);
      } else if (cell) {
        const label = cell.status === 'unsupported' ? '—' : cell.status === 'mismatch' ? '✗ differs' : cell.status === 'skipped' ? 'not timed' : cell.status;
        parts.push(`<text x="${LEFT + 4}" y="${by + BAR - 3}" font-size="9" fill="#999">${escape(`${name} ${label}`)}</text>`);
      }
    });
  });
  parts.push(`<line x1="${LEFT}" y1="${TOP - 6}" x2="${LEFT}" y2="${height - 34}" stroke="#999"/>`, '</svg>', '');
  return parts.join('\n');
}

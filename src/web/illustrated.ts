/**
 * Lays out one DES walk (reference.ts's `trace`) as J. Orlin Grabbe's "The DES Algorithm
 * Illustrated" prints it: the same names in the same order, and the bits in the same groups —
 * K by 8; K+, C0 and D0 by 7; C1 … C16 and D1 … D16 whole; subkeys, E(R) and K ⊕ E(R) by 6;
 * M, IP, the halves, the S-box output and f by 4; R16L16 and IP⁻¹ by 8.
 *
 * Every value shown comes from the trace; this file only arranges it. Where the article works
 * round 1 only, the page shows all sixteen (round 1 open, the others folded).
 */
import { SHIFTS } from '../fips46.js';
import { bitsToHex, formatBits } from '../reference.js';
import type { Bits, Trace } from '../reference.js';
import { h } from './dom.js';
import type { Child } from './dom.js';

export type Direction = 'encrypt' | 'decrypt';

/** Turns "K_1 ⊕ E(R_0)" into K<sub>1</sub> ⊕ E(R<sub>0</sub>): an underscore subscripts what follows it. */
function label(text: string): Child[] {
  return text.split(/_(\d+|n|j|n−1)/).map((part, i) => (i % 2 ? h('sub', null, part) : part));
}

/** One "name = bits" line; `id` (e.g. "K1") lets tests and readers find a value. */
function line(name: string, value: Child, id?: string): HTMLElement {
  return h('div', { class: 'line', ...(id ? { 'data-name': id } : {}) },
    h('span', { class: 'name' }, ...label(name)),
    h('span', { class: 'eq' }, '='),
    typeof value === 'string' ? h('code', { class: 'bits' }, value) : value);
}

function bitsLine(name: string, bits: Bits, group: number, id?: string): HTMLElement {
  return line(name, formatBits(bits, group), id);
}

const hex = (bits: Bits) => bitsToHex(bits).toUpperCase();

/** The key in bytes, with each byte's last bit faded: PC-1 drops these parity bits. */
function keyBits(key: Bits): HTMLElement {
  const code = h('code', { class: 'bits' });
  for (let i = 0; i < 64; i += 8) {
    if (i) code.append(' ');
    code.append(key.slice(i, i + 7).join(''), h('span', { class: 'parity', title: 'parity bit: PC-1 drops it' }, key[i + 7]));
  }
  return code;
}

function section(id: string, title: string, intro: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'step', id }, h('h3', null, title), h('p', { class: 'intro' }, intro), ...children);
}

/** Step 1: K, K+, C0 and D0, then a table of n, shifts, Cn, Dn and Kn. */
function step1(t: Trace): HTMLElement {
  const rows = t.c.map((c, n) => h('tr', null,
    h('td', { class: 'num' }, n),
    h('td', { class: 'num' }, n === 0 ? '' : SHIFTS[n - 1]),
    h('td', { 'data-name': `C${n}` }, h('code', null, c.join(''))),
    h('td', { 'data-name': `D${n}` }, h('code', null, t.d[n].join(''))),
    h('td', { 'data-name': n ? `K${n}` : '' }, n ? h('code', null, formatBits(t.k[n], 6)) : '')));
  return section('step1', 'Step 1 · Create 16 subkeys, each 48 bits long',
    'PC-1 picks 56 of the key\'s 64 bits (the last bit of each byte, faded, is a parity bit and is dropped) and ' +
    'reorders them into K+, whose halves are C0 and D0. Each Cn and Dn is Cn−1 and Dn−1 rotated left by one or two ' +
    'places, and PC-2 picks 48 of the 56 bits of CnDn as the subkey Kn.',
    line('K', keyBits(t.key), 'K'),
    bitsLine('K+', t.kPlus, 7, 'K+'),
    bitsLine('C_0', t.c[0], 7, 'C0 grouped'),
    bitsLine('D_0', t.d[0], 7, 'D0 grouped'),
    h('div', { class: 'scroll' }, h('table', { class: 'schedule' },
      h('thead', null, h('tr', null,
        h('th', null, 'n'), h('th', null, 'shifts'), h('th', null, ...label('C_n')), h('th', null, ...label('D_n')),
        h('th', null, ...label('K_n = PC-2(C_nD_n)')))),
      h('tbody', null, ...rows))));
}

/** The eight S-box lookups of one round: B_j, its row (outer bits), its column (inner bits), S_j(B_j). */
function sBoxTable(mixed: Bits, substituted: Bits): HTMLElement {
  const cells = (make: (j: number, b: Bits, out: Bits) => Child) =>
    Array.from({ length: 8 }, (_, j) => h('td', null, make(j, mixed.slice(6 * j, 6 * j + 6), substituted.slice(4 * j, 4 * j + 4))));
  const value = (bits: Bits) => bits.reduce((n, bit) => 2 * n + bit, 0);
  return h('div', { class: 'scroll' }, h('table', { class: 'sboxes' },
    h('thead', null, h('tr', null, h('th', null, ''), ...Array.from({ length: 8 }, (_, j) => h('th', null, ...label(`S_${j + 1}`))))),
    h('tbody', null,
      h('tr', null, h('th', null, ...label('B_j')), ...cells((_, b) => h('code', null,
        h('span', { class: 'outer' }, b[0]), h('span', { class: 'inner' }, b.slice(1, 5).join('')), h('span', { class: 'outer' }, b[5])))),
      h('tr', null, h('th', null, 'row (b1 b6)'), ...cells((_, b) => [b[0], b[5]].join('') + ' = ' + value([b[0], b[5]]))),
      h('tr', null, h('th', null, 'column (b2…b5)'), ...cells((_, b) => b.slice(1, 5).join('') + ' = ' + value(b.slice(1, 5)))),
      h('tr', null, h('th', null, ...label('S_j(B_j)')), ...cells((_, __, out) => h('code', null, `${value(out)} = ${out.join('')}`))))));
}

/** One round n: E(Rn−1), Kn ⊕ E(Rn−1), the S-boxes, f, then Ln and Rn (folded except round 1). */
function round(t: Trace, n: number, direction: Direction): HTMLElement {
  const r = t.rounds[n - 1];
  const s = direction === 'encrypt' ? n : 17 - n;          // decryption runs the subkeys K16 … K1
  const lPrev = n === 1 ? t.l0 : t.rounds[n - 2].l;
  const p = n - 1;
  const details = h('details', { class: 'round', 'data-round': String(n) },
    h('summary', null,
      h('span', { class: 'round-title' }, `Round ${n}`),
      h('span', { class: 'round-values' },
        h('span', { class: 'half' }, ...label(`L_${n} = `), h('code', null, hex(r.l))),
        h('span', { class: 'half' }, ...label(`R_${n} = `), h('code', null, hex(r.r))))),
    h('div', { class: 'round-body' },
      bitsLine(`K_${s}`, t.k[s], 6),
      bitsLine(`E(R_${p})`, r.expanded, 6, `round ${n}: E(R${p})`),
      bitsLine(`K_${s} ⊕ E(R_${p})`, r.mixed, 6, `round ${n}: K${s}+E(R${p})`),
      sBoxTable(r.mixed, r.substituted),
      bitsLine(`S_1(B_1)…S_8(B_8)`, r.substituted, 4, `round ${n}: S(B)`),
      bitsLine(`f = P(S_1(B_1)…S_8(B_8))`, r.f, 4, `round ${n}: f`),
      h('div', { class: 'xor' },
        bitsLine(`L_${n} = R_${p}`, r.l, 4, `round ${n}: L${n}`),
        bitsLine(`L_${p}`, lPrev, 4),
        bitsLine(`⊕ f(R_${p}, K_${s})`, r.f, 4),
        bitsLine(`R_${n}`, r.r, 4, `round ${n}: R${n}`))));
  if (n === 1) details.open = true;
  return details;
}

/** Step 2: M, IP, L0 and R0, sixteen rounds, R16L16 and IP⁻¹. */
function step2(t: Trace, direction: Direction): HTMLElement {
  const last = t.rounds[15];
  return section('step2', 'Step 2 · Encode each 64-bit block of data',
    'IP reorders the 64 bits of the message M; the halves of the result are L0 and R0. Each of sixteen rounds sets ' +
    'Ln = Rn−1 and Rn = Ln−1 ⊕ f(Rn−1, Kn). The function f expands R to 48 bits by E, adds the subkey (XOR), sends ' +
    'each 6-bit piece Bj through S-box Sj — the outer two bits pick the row, the inner four the column — and ' +
    'permutes the 32 bits that come out by P. At the end the halves are swapped and IP⁻¹ is applied.' +
    (direction === 'decrypt' ? ' Decryption is the same walk with the subkeys in reverse order: round n uses K17−n.' : ''),
    bitsLine('M', t.message, 4, 'M'),
    bitsLine('L', t.message.slice(0, 32), 4, 'L'),
    bitsLine('R', t.message.slice(32), 4, 'R'),
    bitsLine('IP', t.ip, 4, 'IP'),
    bitsLine('L_0', t.l0, 4, 'L0'),
    bitsLine('R_0', t.r0, 4, 'R0'),
    h('div', { class: 'rounds-bar' },
      h('h4', null, 'Sixteen rounds'),
      h('button', { type: 'button', class: 'link', 'data-action': 'expand' }, 'open all'),
      h('button', { type: 'button', class: 'link', 'data-action': 'collapse' }, 'fold all')),
    h('div', { class: 'rounds' }, ...t.rounds.map((_, i) => round(t, i + 1, direction))),
    bitsLine('L_16', last.l, 4, 'L16'),
    bitsLine('R_16', last.r, 4, 'R16'),
    bitsLine('R_16L_16', t.r16l16, 8, 'R16L16'),
    bitsLine('IP⁻¹', t.output, 8, 'IP-1'));
}

/** The whole walk; `engineAgrees` says whether the WebAssembly engine computed the same block. */
export function renderTrace(t: Trace, direction: Direction, engineAgrees: boolean): HTMLElement {
  const result = hex(t.output);
  const root = h('div', { class: 'walk' },
    step1(t),
    step2(t, direction),
    h('div', { class: 'result', 'data-name': 'result' },
      h('span', { class: 'result-label' }, direction === 'encrypt' ? 'Ciphertext' : 'Plaintext'),
      h('code', { class: 'result-hex' }, result),
      h('span', { class: engineAgrees ? 'badge ok' : 'badge bad' },
        engineAgrees ? '✓ the WebAssembly engine computes the same block' : '✗ the WebAssembly engine disagrees')));
  root.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).dataset?.action;
    if (!action) return;
    for (const d of root.querySelectorAll('details.round')) (d as HTMLDetailsElement).open = action === 'expand';
  });
  return root;
}

/**
 * J. Orlin Grabbe, "The DES Algorithm Illustrated": the worked example (K = 133457799BBCDFF1,
 * M = 0123456789ABCDEF) with every intermediate value the article prints, checked against the
 * reference walk in src/reference.ts (trace), value by value under the article's names: K+, C0…C16,
 * D0…D16, K1…K16, IP, L0, R0, round 1 (E(R0), K1 ⊕ E(R0), the S-box outputs, f, R1), L16, R16,
 * R16L16, IP⁻¹ and the ciphertext. Every value in the file must be mapped to a trace value below;
 * a value the test does not know fails the test rather than going unchecked.
 * Source: vectors/grabbe-worked-example.json (see vectors/README.md).
 */
import { describe, expect, it } from 'vitest';
// The reference walk is imported directly, so this file checks it even while the engine is absent.
import { trace } from '../../src/reference.js';
import type { Bits } from '../../src/reference.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';

const g = loadJson('grabbe-worked-example.json');
const t = trace(hex(g.key_K.hex), hex(g.plaintext_M.hex));
const round1 = t.rounds[0];
const round16 = t.rounds[15];

/** Fields that describe the file rather than hold a value of the example. */
const METADATA = new Set(['source', 'title', 'conventions']);

/** The trace value for a JSON path (its last `bits`/`hex` step dropped), or undefined if unknown. */
function actual(path: string[]): Bits | undefined {
  const [top, name] = path;
  const index = (prefix: string) => (name?.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN);
  switch (top) {
    case 'key_K': return t.key;
    case 'K_plus_after_PC1': return t.kPlus;
    case 'C_D': return name[0] === 'C' ? t.c[index('C')] : t.d[index('D')];
    case 'subkeys_after_PC2': return t.k[index('K')];
    case 'plaintext_M': return name === 'L' ? t.message.slice(0, 32) : name === 'R' ? t.message.slice(32) : t.message;
    case 'IP_of_M': return t.ip;
    case 'L0': return t.l0;
    case 'R0': return t.r0;
    case 'round1':
      switch (name) {
        case 'L1_equals_R0': return round1.l;
        case 'E_R0': return round1.expanded;
        case 'K1_xor_E_R0': case 'B1_to_B8': return round1.mixed;
        case 'S_box_outputs_S1B1_to_S8B8': return round1.substituted;
        case 'S_box_outputs_individual': {
          const box = /^S([1-8])\(B\1\)$/.exec(path[2]);
          return box ? round1.substituted.slice(4 * (Number(box[1]) - 1), 4 * Number(box[1])) : undefined;
        }
        case 'f_R0_K1_after_P': return round1.f;
        case 'R1': return round1.r;
      }
      return undefined;
    case 'L16': return round16.l;
    case 'R16': return round16.r;
    case 'R16L16': return t.r16l16;
    case 'IP_inverse_R16L16': case 'ciphertext': return t.output;
  }
  return undefined;
}

/** Every value in the file: its path and the printed string. */
function leaves(value: unknown, path: string[] = []): { path: string[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  return Object.entries(value as object).flatMap(([k, v]) => (path.length === 0 && METADATA.has(k) ? [] : leaves(v, [...path, k])));
}

/** Bits to hex by plain base conversion (4 bits a digit), independent of the library. */
function bitsHex(bits: Bits): string {
  let out = '';
  for (let i = 0; i < bits.length; i += 4) out += parseInt(bits.slice(i, i + 4).join(''), 2).toString(16);
  return out;
}

const values = leaves(g);
/** How many printed values matched, counted by the tests that checked them. */
let matched = 0;

describe(`Grabbe, "The DES Algorithm Illustrated" (grabbe-worked-example.json): ${values.length} printed values`, () => {
  it('every value in the file is mapped to a trace value', () => {
    expect(values.length).toBeGreaterThan(0);
    const unmapped = values.filter((v) => actual(v.path.at(-1) === 'bits' || v.path.at(-1) === 'hex' ? v.path.slice(0, -1) : v.path) === undefined);
    expect(unmapped.map((v) => v.path.join('.'))).toEqual([]);
  });

  for (const { path, text } of values) {
    const last = path.at(-1)!;
    const isHex = last === 'hex' || last === 'ciphertext';
    const name = path.join('.');
    it(`${name} = ${text}`, () => {
      const bits = actual(last === 'bits' || last === 'hex' ? path.slice(0, -1) : path);
      expect(bits, `no trace value for ${name}`).toBeDefined();
      if (isHex) expect(bitsHex(bits!)).toBe(text.toLowerCase());
      else expect(bits!.join('')).toBe(text.replace(/\s+/g, ''));
      matched++;
    });
  }

  it('L1 = R0, as the article says', () => {
    expect(round1.l.join('')).toBe(t.r0.join(''));
  });

  it('trace decrypts the ciphertext back to M (the subkeys in reverse order)', () => {
    expect(toHex(trace(hex(g.key_K.hex), hex(g.ciphertext), true).result)).toBe(g.plaintext_M.hex.toLowerCase());
  });

  it('the public API agrees: des.ecb encrypts M to the ciphertext and back', async () => {
    const { des, ready } = await import('../../src/index.js');
    await ready();
    const cipher = des.ecb(hex(g.key_K.hex), { padding: 'none' });
    expect(toHex(cipher.encrypt(hex(g.plaintext_M.hex)))).toBe(g.ciphertext.toLowerCase());
    expect(toHex(cipher.decrypt(hex(g.ciphertext)))).toBe(g.plaintext_M.hex.toLowerCase());
  });

  it(`ran all ${values.length} values`, () => {
    console.log(`[grabbe] checked ${matched} of ${values.length} printed values of the worked example against trace()`);
    expect(matched).toBe(values.length);
  });
});

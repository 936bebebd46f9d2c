/**
 * The bitsliced S-box circuits against FIPS 46-3's S-box tables (src/fips46.ts), on all 64 inputs
 * of each S-box:
 *   - every circuit in scripts/sbox/circuits.json, evaluated here one input at a time (not with
 *     the generator's code), with the gate count it claims;
 *   - assembly/sbox-circuits.ts is exactly what scripts/sbox-circuits.mjs emits for circuits.json
 *     (so nobody edits the generated file by hand);
 *   - the compiled functions s1 … s8, run in WebAssembly SIMD on the 64 inputs laid in lanes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { describe, expect, it } from 'vitest';
import { emitAssemblyScript } from '../scripts/sbox/emit.mjs';
import type { Circuit, CircuitsFile } from '../scripts/sbox/emit.mjs';
import { S } from '../src/fips46.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file: CircuitsFile = JSON.parse(readFileSync(join(root, 'scripts/sbox/circuits.json'), 'utf8'));
const generated = readFileSync(join(root, 'assembly/sbox-circuits.ts'), 'utf8');

/** FIPS 46-3: for input b1 … b6 (b1 the most significant bit of x), row b1 b6, column b2 b3 b4 b5. */
function sbox(box: number, x: number): number {
  return S[box][((x >> 4) & 2) | (x & 1)][(x >> 1) & 15];
}

/** One bit per signal: the gates as their v128 instructions compute each lane bit. */
const GATE: Record<string, (...bits: number[]) => number> = {
  not: (a) => a ^ 1,
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  andnot: (a, b) => a & (b ^ 1),
  bitselect: (a, b, c) => (c ? a : b),
};
const ARITY: Record<string, number> = { not: 1, and: 2, or: 2, xor: 2, andnot: 2, bitselect: 3 };

/** The circuit's 4-bit output on input x (o1 the most significant bit). */
function run(circuit: Circuit, x: number): number {
  const bits = new Map<string, number>();
  for (let k = 1; k <= 6; k++) bits.set(`a${k}`, (x >> (6 - k)) & 1);
  const get = (name: string): number => {
    const bit = bits.get(name);
    if (bit === undefined) throw new Error(`${circuit.name}: ${name} is used before it is defined`);
    return bit;
  };
  circuit.code.forEach(({ out, op, args }, i) => {
    if (out !== `x${i + 1}`) throw new Error(`${circuit.name}: gate ${i + 1} is named ${out}`);
    if (ARITY[op] !== args.length) throw new Error(`${circuit.name}: ${out} = ${op} of ${args.length} arguments`);
    bits.set(out, GATE[op](...args.map(get)));
  });
  const { o1, o2, o3, o4 } = circuit.outputs;
  return (get(o1) << 3) | (get(o2) << 2) | (get(o3) << 1) | get(o4);
}

describe('S-box circuits (scripts/sbox/circuits.json) against the FIPS 46-3 tables', () => {
  it('has S1 … S8 in order', () => {
    expect(file.sboxes.map((box) => box.name)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8']);
  });

  /** The cost the generator claims, recounted here: x86-64 instructions per gate as V8 compiles them. */
  const COST: Record<string, number> = { not: 2, and: 1, or: 1, xor: 1, andnot: 1, bitselect: 3 };
  const check = (circuit: Circuit, box: number) => {
    expect(circuit.code.length).toBe(circuit.gates);
    expect(circuit.code.reduce((sum, gate) => sum + COST[gate.op], 0)).toBe(circuit.cost);
    const wrong = [];
    for (let x = 0; x < 64; x++) if (run(circuit, x) !== sbox(box, x)) wrong.push(x);
    expect(wrong).toEqual([]);
  };

  file.sboxes.forEach((circuit, box) => {
    it(`${circuit.name}: ${circuit.gates} gates, cost ${circuit.cost}, right on all 64 inputs`, () => check(circuit, box));
  });

  it('every candidate the choice was made from is right on all 64 inputs too', () => {
    file.sboxes.forEach(({ name }, box) => {
      const list = file.candidates[name];
      expect(list.length).toBeGreaterThan(0);
      for (const candidate of list) check({ name, ...candidate }, box);
    });
  });

  it('averages at most 50 gates per S-box (a plain multiplexer tree is about 120), and no other choice within that is cheaper', () => {
    const total = file.sboxes.reduce((sum, box) => sum + box.gates, 0);
    const cost = file.sboxes.reduce((sum, box) => sum + box.cost, 0);
    console.log(`[sbox-circuits] ${file.sboxes.map((box) => `${box.name} ${box.gates}/${box.cost}`).join(', ')}; ${total / 8} gates per S-box, cost ${cost}`);
    expect(total / 8).toBeLessThanOrEqual(50);
    // Over all sets of candidates (one per S-box) within 400 gates: least cost by total gates.
    let least = new Map([[0, 0]]);
    for (let box = 0; box < 8; box++) {
      const next = new Map<number, number>();
      for (const [gates, sum] of least) {
        for (const c of file.candidates[`S${box + 1}`]) {
          const g = gates + c.gates, known = next.get(g);
          if (g <= 400 && (known === undefined || sum + c.cost < known)) next.set(g, sum + c.cost);
        }
      }
      least = next;
    }
    const cheapest = Math.min(...least.values());
    expect(cost).toBe(cheapest);
  });
});

describe('assembly/sbox-circuits.ts', () => {
  it('is what scripts/sbox-circuits.mjs emits for circuits.json (regenerate it, do not edit it)', () => {
    expect(generated).toBe(emitAssemblyScript(file.sboxes));
  });

  // Lane bit x of the inputs holds input x in lane 0 (bits 0-63) and input 63 - x in lane 1
  // (bits 64-127); the outputs start as a random pattern, since the functions XOR into them.
  it('compiles, and s1 … s8 compute the S-boxes in all 128 lanes, XORed into the output slices', async () => {
    const harness = `
      import { s1, s2, s3, s4, s5, s6, s7, s8 } from './sbox-circuits';
      const BUFFER = memory.data(160, 16);
      export function buffer(): usize { return BUFFER; }
      export function run(box: i32): void {
        const p = BUFFER, o = BUFFER + 96;
        const a1 = v128.load(p), a2 = v128.load(p, 16), a3 = v128.load(p, 32);
        const a4 = v128.load(p, 48), a5 = v128.load(p, 64), a6 = v128.load(p, 80);
        switch (box) {
          case 1: s1(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
          case 2: s2(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
          case 3: s3(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
          case 4: s4(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
          case 5: s5(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
          case 6: s6(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
          case 7: s7(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
          case 8: s8(a1, a2, a3, a4, a5, a6, o, o + 16, o + 32, o + 48); break;
        }
      }`;
    const { error, binary, stderr } = await asc.compileString(
      { 'harness.ts': harness, 'sbox-circuits.ts': generated },
      { optimizeLevel: 3, runtime: 'stub', enable: ['simd'] },
    );
    if (error || !binary) throw new Error(`asc: ${error?.message}\n${stderr.toString()}`);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(binary as Uint8Array<ArrayBuffer>), {});
    const { memory, buffer, run: runBox } = exports as { memory: WebAssembly.Memory; buffer(): number; run(box: number): void };

    const lane = (f: (x: number) => number): bigint => {
      let word = 0n;
      for (let x = 0; x < 64; x++) word |= BigInt(f(x) & 1) << BigInt(x);
      return word;
    };
    for (let box = 0; box < 8; box++) {
      const words = new BigUint64Array(memory.buffer, buffer(), 20);
      for (let k = 1; k <= 6; k++) {
        words[2 * (k - 1)] = lane((x) => x >> (6 - k));
        words[2 * (k - 1) + 1] = lane((x) => (63 - x) >> (6 - k));
      }
      const pattern = Array.from({ length: 8 }, () => BigInt.asUintN(64, BigInt(Math.floor(Math.random() * 2 ** 53)) << 11n));
      for (let j = 0; j < 8; j++) words[12 + j] = pattern[j];
      runBox(box + 1);
      for (let bit = 1; bit <= 4; bit++) {
        const at = 12 + 2 * (bit - 1);
        expect(words[at] ^ pattern[at - 12], `S${box + 1} output bit ${bit}, lane 0`).toBe(lane((x) => sbox(box, x) >> (4 - bit)));
        expect(words[at + 1] ^ pattern[at - 11], `S${box + 1} output bit ${bit}, lane 1`).toBe(lane((x) => sbox(box, 63 - x) >> (4 - bit)));
      }
    }
  });
});

describe('npm run gen:sbox -- --help', () => {
  it('prints the usage and exits 0, searching nothing', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['scripts/sbox-circuits.mjs', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: node scripts\/sbox-circuits\.mjs/);
    for (const option of ['--seconds', '--seed', '--jobs', '--boxes', '--emit']) expect(r.stdout).toContain(option);
  });
});

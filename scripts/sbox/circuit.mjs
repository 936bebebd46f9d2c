/**
 * S-box circuits as stored in scripts/sbox/circuits.json, and the exhaustive check of one against
 * its FIPS 46-3 table. Shared by the generator and test/sbox-circuits.test.ts.
 *
 * A circuit is { gates, code: [{ out, op, args }], outputs: { o1, o2, o3, o4 } } in SSA form:
 * signals are named a1 … a6 (the inputs, a1 = b1 the most significant input bit) and x1, x2, …
 * (gate i defines x_i, using only inputs and earlier gates); o1 … o4 name the signals of output
 * bits 1 … 4 (o1 the most significant bit of the S-box value). The gates are
 *   not(a) = ~a, and(a, b) = a & b, or(a, b) = a | b, xor(a, b) = a ^ b,
 *   andnot(a, b) = a & ~b, bitselect(a, b, c) = (a & c) | (b & ~c)  (a where c is 1, else b),
 * one WebAssembly SIMD instruction each (v128.not / and / or / xor / andnot / bitselect).
 */
import { lookup } from './tables.mjs';

export const ARITY = { not: 1, and: 2, or: 2, xor: 2, andnot: 2, bitselect: 3 };

const MASK64 = (1n << 64n) - 1n;

/** Gate semantics on BigInt truth tables of 64 bits. */
const EVAL = {
  not: (a) => ~a & MASK64,
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  andnot: (a, b) => a & ~b & MASK64,
  bitselect: (a, b, c) => (a & c) | (b & ~c & MASK64),
};

/** The truth table of input a_k (k = 1 … 6): bit x set when bit 6 - k of x is. */
export function inputTable(k) {
  let t = 0n;
  for (let x = 0; x < 64; x++) if ((x >> (6 - k)) & 1) t |= 1n << BigInt(x);
  return t;
}

/**
 * Run the circuit on all 64 inputs at once; returns the four outputs as 64-bit truth tables.
 * Throws on anything malformed (unknown gate, wrong arity, a signal used before it is defined).
 */
export function evaluate(circuit) {
  const signals = new Map();
  for (let k = 1; k <= 6; k++) signals.set(`a${k}`, inputTable(k));
  circuit.code.forEach(({ out, op, args }, i) => {
    if (out !== `x${i + 1}`) throw new Error(`gate ${i + 1} is named ${out}, expected x${i + 1}`);
    if (!(op in ARITY)) throw new Error(`${out}: unknown gate ${op}`);
    if (args.length !== ARITY[op]) throw new Error(`${out}: ${op} takes ${ARITY[op]} arguments, got ${args.length}`);
    const values = args.map((name) => {
      if (!signals.has(name)) throw new Error(`${out}: ${name} is not defined before it`);
      return signals.get(name);
    });
    signals.set(out, EVAL[op](...values));
  });
  return ['o1', 'o2', 'o3', 'o4'].map((o) => {
    const name = circuit.outputs[o];
    if (!signals.has(name)) throw new Error(`${o} names ${name}, which is not defined`);
    return signals.get(name);
  });
}

/**
 * Every input on which the circuit disagrees with the S-box table, as { input, expected, got }
 * (empty when the circuit is right on all 64 inputs).
 */
export function mismatches(circuit, table) {
  const outputs = evaluate(circuit);
  const wrong = [];
  for (let x = 0; x < 64; x++) {
    let got = 0;
    for (let bit = 0; bit < 4; bit++) got |= Number((outputs[bit] >> BigInt(x)) & 1n) << (3 - bit);
    const expected = lookup(table, x);
    if (got !== expected) wrong.push({ input: x, expected, got });
  }
  return wrong;
}

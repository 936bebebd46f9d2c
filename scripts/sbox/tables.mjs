/**
 * The S-boxes as the circuit search sees them: read from src/fips46.ts (the one copy of the
 * FIPS 46-3 tables, transpiled on the fly with esbuild) and turned into truth tables.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** S[box][row][col] from src/fips46.ts. */
export async function loadSBoxes() {
  const source = readFileSync(join(root, 'src', 'fips46.ts'), 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'esm' });
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return module.S;
}

/**
 * The S-box value for input x = b1 b2 b3 b4 b5 b6 (b1 the most significant bit): FIPS 46-3
 * takes the row from b1 b6 and the column from b2 b3 b4 b5.
 */
export function lookup(table, x) {
  const row = ((x >> 4) & 2) | (x & 1);
  const col = (x >> 1) & 15;
  return table[row][col];
}

/**
 * The four outputs of one S-box as truth tables, output bit 1 (the MSB of the value) first:
 * each a [lo, hi] pair of signed 32-bit words, bit x of the 64 set when the output is 1 on input x.
 */
export function outputTables(table) {
  const outputs = [];
  for (let bit = 1; bit <= 4; bit++) {
    let lo = 0, hi = 0;
    for (let x = 0; x < 64; x++) {
      if (((lookup(table, x) >> (4 - bit)) & 1) === 0) continue;
      if (x < 32) lo |= 1 << x; else hi |= 1 << (x - 32);
    }
    outputs.push([lo, hi]);
  }
  return outputs;
}

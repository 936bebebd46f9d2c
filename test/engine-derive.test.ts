// The engine's fast forms of FIPS 46-3 — the SP tables derived at load time and the swap-move
// IP / IP⁻¹ — checked against the standard's tables through the readable reference.
import { describe, expect, it } from 'vitest';
import { IP, IP_INVERSE } from '../src/fips46.js';
import { permute, sBox, bytesToBits, bitsToHex } from '../src/reference.js';
import { spTables } from '../src/engine/derive.js';
import { permutations } from '../src/engine/index.js';
import { P } from '../src/fips46.js';

function bitsOf(value: bigint): number[] {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, value);
  return bytesToBits(bytes);
}

describe('SP tables derived from FIPS 46-3', () => {
  it('each entry is P(S_i(x)) rotated left by one, for all 8 × 64 inputs', () => {
    const sp = spTables();
    let checked = 0;
    for (let box = 0; box < 8; box++) {
      for (let x = 0; x < 64; x++) {
        const six = [5, 4, 3, 2, 1, 0].map((s) => (x >> s) & 1);
        const word = new Array(32).fill(0);
        word.splice(4 * box, 4, ...sBox(box, six));
        const f = permute(word, P);
        const rotated = [...f.slice(1), f[0]];
        expect(sp[box * 64 + x].toString(16).padStart(8, '0')).toBe(bitsToHex(rotated));
        checked++;
      }
    }
    expect(checked).toBe(512);
  });
});

describe('swap-move permutations against the IP and IP⁻¹ tables', () => {
  const { ip, fp } = permutations();
  const samples: bigint[] = [0n, 0xffffffffffffffffn];
  for (let i = 0; i < 64; i++) samples.push(1n << BigInt(i));      // every single bit
  let seed = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < 200; i++) {                                   // and some pseudo-random blocks
    seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
    samples.push(seed);
  }

  it(`IP matches FIPS 46-3 on ${samples.length} blocks`, () => {
    for (const s of samples) expect(bitsOf(ip(s))).toEqual(permute(bitsOf(s), IP));
  });
  it(`IP⁻¹ matches FIPS 46-3 on ${samples.length} blocks`, () => {
    for (const s of samples) expect(bitsOf(fp(s))).toEqual(permute(bitsOf(s), IP_INVERSE));
  });
});

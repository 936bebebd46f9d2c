/**
 * NIST CAVP TDES Monte Carlo test, ECB (CAVS 11.1): TECBMonte3.rsp (three-key, both directions)
 * and TECBMonte2.rsp (two-key, decrypt only). All 400 outer rounds of 10,000 operations per
 * direction; the procedure and the one-call inner loop are explained in ./mct.ts.
 * Source: vectors/nist-cavp/mct/ (see vectors/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../src/index.js';
import { countMatches, loadCavp, summarize } from '../helpers/vectors.js';
import type { Direction } from '../helpers/vectors.js';
import { ecbRound, runMonteCarlo } from './mct.js';

const FILES = ['TECBMonte3.rsp', 'TECBMonte2.rsp'];
const timings: string[] = [];
let totalMs = 0;

beforeAll(async () => { await ready(); });
afterAll(() => { console.log(`[cavp-mct-ecb] Monte Carlo time: ${timings.join(', ')}; total ${(totalMs / 1000).toFixed(2)} s`); });

describe('NIST CAVP TDES Monte Carlo, ECB (nist-cavp/mct)', () => {
  for (const file of FILES) {
    const { text, records } = loadCavp(`nist-cavp/mct/${file}`);
    it(`${file}: parsed every record`, () => {
      expect(records.length).toBeGreaterThan(0);
      expect(records.length, 'records parsed vs COUNT lines in the file').toBe(countMatches(text, /^COUNT = /m));
    });
    for (const direction of ['encrypt', 'decrypt'] as Direction[]) {
      const rounds = records.filter((r) => r.direction === direction);
      if (rounds.length === 0) continue;          // Monte2 files are decrypt only; the parse test above counts them all
      it(`${file} [${direction.toUpperCase()}]: ${rounds.length} rounds × 10,000 TDES-ECB ${direction}ions, chained`, () => {
        expect(rounds.length).toBe(400);
        const label = (r: { count: number; line: number }) => `${file} [${direction.toUpperCase()}] COUNT = ${r.count} (line ${r.line})`;
        const run = runMonteCarlo(rounds, direction, (r) => ecbRound(r.key, direction, direction === 'encrypt' ? r.plaintext : r.ciphertext), label);
        totalMs += run.ms;
        timings.push(`${file} ${direction} ${(run.ms / 1000).toFixed(2)} s`);
        console.log(`[cavp-mct-ecb] ${file} ${direction}: ran ${run.ran} of ${rounds.length} rounds (${run.twoKey ? 'two' : 'three'}-key), ${run.failures.length} failed, ${(run.ms / 1000).toFixed(2)} s`);
        expect(summarize(run.failures)).toEqual([]);
        expect(run.ran).toBe(rounds.length);
      }, 300_000);
    }
  }
  it('ran both directions of the three-key file and the decrypt direction of the two-key file', () => {
    const sections = FILES.map((f) => [...new Set(loadCavp(`nist-cavp/mct/${f}`).records.map((r) => r.direction))].join('+'));
    expect(sections).toEqual(['encrypt+decrypt', 'decrypt']);
  });
});

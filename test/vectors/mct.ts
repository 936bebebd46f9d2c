/**
 * The NIST CAVP TDES Monte Carlo test (TDESVS; vectors/nist-cavp/mct/), shared by
 * cavp-mct-ecb.test.ts and cavp-mct-cbc.test.ts.
 *
 * A file is 400 records per direction; record i is outer round i: its keys, its input (and IV),
 * and the output after 10,000 inner operations. Each round is run from the record's own values,
 * so a failure points at the round where it happens instead of breaking every round after it.
 * The chaining between rounds is checked separately: the keys and inputs this round derives must
 * be exactly the next record's. Together that is the whole 400-round chain, every value of which
 * comes from the file.
 *
 * Key update after a round, from its last three outputs O9997, O9998, O9999:
 *   KEY1 ^= O9999, KEY2 ^= O9998, KEY3 ^= O9997 (three-key), then odd parity on every byte.
 *   Two-key files (KEY3 = KEY1 throughout) instead set KEY3 = the new KEY1; the files show this
 *   (their every record has KEY3 = KEY1), and the chaining check holds the derivation to them.
 *
 * The inner loop runs on the low-level engine (src/engine), which is what makes 12 million TDES
 * operations per file take seconds instead of minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandKey, newState, runMode } from '../../src/engine/index.js';
import { ready } from '../../src/index.js';
import { countMatches, differ, loadCavp, setOddParity, summarize } from '../helpers/vectors.js';
import type { Direction, TdesRecord } from '../helpers/vectors.js';

export const INNER = 10_000;
const BLOCK = 8;

/** What one outer round produced: its last three outputs, oldest first, and what the next round starts from. */
export interface RoundResult {
  /** O9997, O9998, O9999. */
  last3: [Uint8Array, Uint8Array, Uint8Array];
  /** The next round's input text (PLAINTEXT on encryption, CIPHERTEXT on decryption) and IV (CBC). */
  nextInput: Uint8Array;
  nextIv?: Uint8Array;
}

/**
 * ECB, one outer round: x ← B(x) 10,000 times, B = E or D.
 *
 * Why one CBC call does it: CBC encryption computes C_i = B(P_i ⊕ C_{i-1}) with C_0 = IV. With
 * every P_i = 0 that is C_i = B(C_{i-1}), exactly the ECB chain x ← B(x) started at x = IV. So a
 * CBC "encryption" of 10,000 zero blocks with IV = the round's input yields all 10,000 outputs in
 * order, and the engine does the loop without 10,000 calls. CBC's chaining is the same whichever
 * way the block cipher runs: the schedule carries the direction of B (expandKey's last argument),
 * so with a decryption schedule the same call computes x ← D(x) for the ECB decrypt test.
 */
export function ecbRound(key: Uint8Array, direction: Direction, input: Uint8Array): RoundResult {
  const schedule = expandKey('tdes', key, direction);
  const blocks = new Uint8Array(INNER * BLOCK);                 // 10,000 zero blocks, encrypted in place
  runMode('cbc', 'encrypt', schedule, newState(input.slice()), blocks, blocks);
  const at = (j: number) => blocks.slice(j * BLOCK, (j + 1) * BLOCK);
  const last3: RoundResult['last3'] = [at(INNER - 3), at(INNER - 2), at(INNER - 1)];
  return { last3, nextInput: last3[2] };
}

/**
 * CBC encryption, one outer round (TDESVS): CT[j] = E(PT[j] ⊕ CV[j]), CV[0] = IV, CV[j+1] = CT[j];
 * PT[1] = IV and PT[j+1] = CT[j-1] after that. The next round starts from PT = CT[9998], IV = CT[9999].
 * Every input depends on the outputs before it, so the engine is called once per block; its CBC
 * state carries CV from call to call.
 */
export function cbcEncryptRound(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): RoundResult {
  const schedule = expandKey('tdes', key, 'encrypt');
  const state = newState(iv.slice());
  const ring = [new Uint8Array(BLOCK), new Uint8Array(BLOCK), new Uint8Array(BLOCK)]; // CT[j] lives in ring[j % 3]
  const firstIv = iv.slice();
  let input = plaintext.slice();
  for (let j = 0; j < INNER; j++) {
    const output = ring[j % 3];
    runMode('cbc', 'encrypt', schedule, state, input, output);
    input = j === 0 ? firstIv : ring[(j + 2) % 3];              // PT[j+1] = IV, then CT[j-1]
  }
  const last3: RoundResult['last3'] = [ring[(INNER - 3) % 3].slice(), ring[(INNER - 2) % 3].slice(), ring[(INNER - 1) % 3].slice()];
  return { last3, nextInput: last3[1], nextIv: last3[2] };
}

/**
 * CBC decryption, one outer round (TDESVS): PT[j] = D(CT[j]) ⊕ CV[j], CV[0] = IV, CV[j+1] = CT[j],
 * and CT[j+1] = PT[j]. The next round starts from CT = PT[9999] and IV = the last CT fed in, which
 * is PT[9998]. Each output is the next input, so one 8-byte buffer is decrypted in place.
 */
export function cbcDecryptRound(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): RoundResult {
  const schedule = expandKey('tdes', key, 'decrypt');
  const state = newState(iv.slice());
  const block = ciphertext.slice();
  const last3 = [new Uint8Array(BLOCK), new Uint8Array(BLOCK), new Uint8Array(BLOCK)] as RoundResult['last3'];
  for (let j = 0; j < INNER; j++) {
    runMode('cbc', 'decrypt', schedule, state, block, block);
    if (j >= INNER - 3) last3[j - (INNER - 3)] = block.slice();
  }
  return { last3, nextInput: last3[2], nextIv: last3[1] };
}

/** The next round's keys (see the top of this file). */
export function nextKeys(r: TdesRecord, last3: RoundResult['last3'], twoKey: boolean): [Uint8Array, Uint8Array, Uint8Array] {
  const xor = (a: Uint8Array, b: Uint8Array) => a.map((x, i) => x ^ b[i]);
  const key1 = setOddParity(xor(r.keys[0], last3[2]));
  const key2 = setOddParity(xor(r.keys[1], last3[1]));
  const key3 = twoKey ? key1.slice() : setOddParity(xor(r.keys[2], last3[0]));
  return [key1, key2, key3];
}

export type RoundRunner = (r: TdesRecord) => RoundResult;

/**
 * Run every round of one direction of a file and check its output and its chaining into the next
 * record. Returns the problems found, rounds run, and milliseconds taken.
 */
export function runMonteCarlo(records: TdesRecord[], direction: Direction, round: RoundRunner, label: (r: TdesRecord) => string) {
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  const twoKey = records.every((r) => same(r.keys[0], r.keys[2]));
  const failures: string[] = [];
  let ran = 0;
  const started = performance.now();
  records.forEach((r, i) => {
    try {
      const result = round(r);
      const expected = direction === 'encrypt' ? r.ciphertext : r.plaintext;
      const problems = [differ(direction === 'encrypt' ? 'CIPHERTEXT' : 'PLAINTEXT', expected, result.last3[2])];
      const next = records[i + 1];
      if (next) {
        const keys = nextKeys(r, result.last3, twoKey);
        problems.push(...keys.map((k, n) => differ(`next KEY${n + 1}`, next.keys[n], k)));
        problems.push(differ(direction === 'encrypt' ? 'next PLAINTEXT' : 'next CIPHERTEXT',
          direction === 'encrypt' ? next.plaintext : next.ciphertext, result.nextInput));
        if (result.nextIv) problems.push(differ('next IV', next.iv!, result.nextIv));
      }
      const found = problems.filter(Boolean);
      if (found.length) failures.push(`${label(r)}: ${found.join('; ')}`);
    } catch (error) {
      failures.push(`${label(r)}: threw ${(error as Error)?.message ?? String(error)}`);
    }
    ran++;
  });
  return { ran, failures, twoKey, ms: performance.now() - started };
}

/**
 * The whole Monte Carlo suite for one mode: each file's records parsed and counted, then every
 * round of every direction the file has, chained. `round` runs one outer round for a record.
 */
export function monteCarloSuite(mode: 'ECB' | 'CBC', files: string[], round: (r: TdesRecord, direction: Direction) => RoundResult): void {
  const tag = `[cavp-mct-${mode.toLowerCase()}]`;
  const timings: string[] = [];
  let totalMs = 0;

  beforeAll(async () => { await ready(); });
  afterAll(() => { console.log(`${tag} Monte Carlo time: ${timings.join(', ')}; total ${(totalMs / 1000).toFixed(2)} s`); });

  describe(`NIST CAVP TDES Monte Carlo, ${mode} (nist-cavp/mct)`, () => {
    for (const file of files) {
      const { text, records } = loadCavp(`nist-cavp/mct/${file}`);
      it(`${file}: parsed every record`, () => {
        expect(records.length).toBeGreaterThan(0);
        expect(records.length, 'records parsed vs COUNT lines in the file').toBe(countMatches(text, /^COUNT = /m));
      });
      for (const direction of ['encrypt', 'decrypt'] as Direction[]) {
        const rounds = records.filter((r) => r.direction === direction);
        if (rounds.length === 0) continue;          // Monte2 files are decrypt only; the parse test above counts them all
        it(`${file} [${direction.toUpperCase()}]: ${rounds.length} rounds × 10,000 TDES-${mode} ${direction}ions, chained`, () => {
          expect(rounds.length).toBe(400);
          const label = (r: { count: number; line: number }) => `${file} [${direction.toUpperCase()}] COUNT = ${r.count} (line ${r.line})`;
          const run = runMonteCarlo(rounds, direction, (r) => round(r, direction), label);
          totalMs += run.ms;
          timings.push(`${file} ${direction} ${(run.ms / 1000).toFixed(2)} s`);
          console.log(`${tag} ${file} ${direction}: ran ${run.ran} of ${rounds.length} rounds (${run.twoKey ? 'two' : 'three'}-key), ${run.failures.length} failed, ${(run.ms / 1000).toFixed(2)} s`);
          expect(summarize(run.failures)).toEqual([]);
          expect(run.ran).toBe(rounds.length);
        }, 300_000);
      }
    }
    it('ran both directions of the three-key file and the decrypt direction of the two-key file', () => {
      const sections = files.map((f) => [...new Set(loadCavp(`nist-cavp/mct/${f}`).records.map((r) => r.direction))].join('+'));
      expect(sections).toEqual(['encrypt+decrypt', 'decrypt']);
    });
  });
}

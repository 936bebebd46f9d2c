/**
 * NIST CAVP TDES known-answer tests (CAVS 11.1): the SP 800-20 tables (variable plaintext, inverse
 * permutation, variable key, permutation operation, substitution table) run through ECB, CBC,
 * CFB-1, CFB-8, CFB-64 and OFB. Each file gives one key `KEYs` meaning KEY1 = KEY2 = KEY3, so
 * every record runs as three-key TDES and as single DES, in both directions.
 * Source: vectors/nist-cavp/kat/ (see vectors/README.md).
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../src/index.js';
import { VECTORS_DIR, countMatches, loadCavp, runAll, summarize } from '../helpers/vectors.js';
import { cavpLabel, checkCavpRecord } from './cavp.js';

beforeAll(async () => { await ready(); });

const DIR = 'nist-cavp/kat';
const files = readdirSync(VECTORS_DIR + DIR).filter((f) => f.endsWith('.rsp')).sort();

describe(`NIST CAVP TDES KAT (${DIR})`, () => {
  it(`reads all ${files.length} KAT files (6 modes × 5 tables)`, () => {
    expect(files.length).toBe(30);
  });

  for (const file of files) {
    const { mode, text, records } = loadCavp(`${DIR}/${file}`);
    const enc = records.filter((r) => r.direction === 'encrypt').length;
    it(`${file}: ${records.length} records (${enc} [ENCRYPT], ${records.length - enc} [DECRYPT]), both directions, as TDES and DES`, () => {
      expect(records.length).toBeGreaterThan(0);
      expect(records.length, 'records parsed vs COUNT lines in the file').toBe(countMatches(text, /^COUNT = /m));
      expect(records.every((r) => r.singleKey), 'every KAT record gives KEYs').toBe(true);
      const { ran, failures } = runAll(records, cavpLabel(file), (r) => checkCavpRecord(mode, r));
      console.log(`[cavp-kat] ${file}: ran ${ran} of ${records.length} records, ${failures.length} failed`);
      expect(summarize(failures)).toEqual([]);
      expect(ran).toBe(records.length);
    });
  }
});

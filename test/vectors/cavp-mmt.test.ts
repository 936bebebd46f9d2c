/**
 * NIST CAVP TDES multi-block message tests, both editions:
 *   mmt/       CAVS 18.0: `3` = three-key, both directions; `2` = two-key (KEY3 = KEY1), decrypt only
 *   mmt-2011/  CAVS 11.1: both keying options, both directions, other records
 * Every record runs in its section's direction and back; two-key records run with the 24-byte key
 * the file prints and again as the 16-byte K1 ‖ K2 form (K3 = K1). CFB1 texts are bit strings.
 * Source: vectors/nist-cavp/mmt/, vectors/nist-cavp/mmt-2011/ (see vectors/README.md).
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../../src/index.js';
import { VECTORS_DIR, countMatches, loadCavp, runAll, summarize } from '../helpers/vectors.js';
import { cavpLabel, checkCavpRecord, keyFormsFor } from './cavp.js';

beforeAll(async () => { await ready(); });

for (const [dir, expectedFiles] of [['nist-cavp/mmt', 12], ['nist-cavp/mmt-2011', 10]] as const) {
  const files = readdirSync(VECTORS_DIR + dir).filter((f) => f.endsWith('.rsp')).sort();

  describe(`NIST CAVP TDES MMT (${dir})`, () => {
    it(`reads all ${files.length} MMT files`, () => {
      expect(files.length).toBe(expectedFiles);
    });

    for (const file of files) {
      const { mode, text, records } = loadCavp(`${dir}/${file}`);
      const enc = records.filter((r) => r.direction === 'encrypt').length;
      const twoKey = records.filter((r) => keyFormsFor(r).includes('tdes16')).length;
      it(`${file}: ${records.length} records (${enc} [ENCRYPT], ${records.length - enc} [DECRYPT], ${twoKey} two-key), both directions`, () => {
        expect(records.length).toBeGreaterThan(0);
        expect(records.length, 'records parsed vs COUNT lines in the file').toBe(countMatches(text, /^COUNT = /m));
        // The file name says the keying option; the records must agree, or the 16-byte form is not being tested.
        if (/MMT2\.rsp$/.test(file)) expect(twoKey, 'two-key file: every record has KEY3 = KEY1').toBe(records.length);
        const { ran, failures } = runAll(records, cavpLabel(`${dir}/${file}`), (r) => checkCavpRecord(mode, r));
        console.log(`[cavp-mmt] ${dir}/${file}: ran ${ran} of ${records.length} records, ${failures.length} failed`);
        expect(summarize(failures)).toEqual([]);
        expect(ran).toBe(records.length);
      });
    }
  });
}

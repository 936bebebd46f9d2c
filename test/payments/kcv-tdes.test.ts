/**
 * Key check values of Triple-DES keys (vectors/payments/kcv_tdes.json: psec, openemv/tr31 from
 * TR-31:2018 Annex A and payShield examples, the DUKPT test IPEK), through the core `kcv`, and
 * the file's one TDES-ECB example through the core `tdes.ecb`. Every `match` value; the one
 * `mismatch` (a comment in libiso that nothing reproduces) is skipped and counted.
 */
import { describe, expect, it } from 'vitest';
import { kcv, tdes, utf8ToBytes } from '../../src/index.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';

const file = loadJson('payments/kcv_tdes.json');

describe('vectors/payments/kcv_tdes.json', () => {
  it('every match value', () => {
    let ran = 0;
    const skipped: Record<string, number> = {};
    for (const v of file.vectors) {
      if (v.status !== 'match') { skipped[v.status] = (skipped[v.status] ?? 0) + 1; continue; }
      expect(hex(v.key).length).toBe(v.key_bytes);
      expect(toHex(kcv(hex(v.key), { length: v.kcv_bytes ?? 3 })), v.key).toBe(v.kcv.toLowerCase());
      ran++;
    }
    const ecb = file.related_tdes_ecb_vector;
    if (ecb.status === 'match') {
      const cipher = tdes.ecb(hex(ecb.key), { padding: 'none' });
      expect(toHex(cipher.encrypt(utf8ToBytes(ecb.plaintext_ascii)))).toBe(ecb.ciphertext.toLowerCase());
      cipher.destroy();
      ran++;
    }
    console.log(`[kcv-tdes] kcv_tdes.json: ran ${ran} match values, skipped ${Object.entries(skipped).map(([s, n]) => `${n} ${s}`).join(', ')}`);
    expect(ran).toBe(10);
    expect(skipped).toEqual({ mismatch: 1 });
  });
});

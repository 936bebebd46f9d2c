/**
 * TDES-CMAC, NIST SP 800-38B, from the published examples:
 *   vectors/mac/sp800-38b-tdes-cmac.json       SP 800-38B Appendix D.4 (three-key) and D.7 (two-key),
 *                                              the corrected values, and the three-key subkey example
 *   vectors/mac/nist-cmac-tdes-examples.json   NIST's CMAC-TDES examples page, three-key and two-key
 * Every expected value comes from those files; see vectors/README.md.
 */
import { describe, expect, it } from 'vitest';
import { cmac, verifyCmac } from '../../src/mac/index.js';
import { subkeysFromL } from '../../src/mac/cmac.js';
import { tdes } from '../../src/oneshot.js';
import { differ, hex, loadJson, runAll, summarize } from '../helpers/vectors.js';

interface CmacRecord { label: string; key: Uint8Array; message: Uint8Array; tag: Uint8Array }

function check(r: CmacRecord): string | undefined {
  const problem = differ('one-shot', r.tag, cmac(r.key, r.message));
  if (problem) return problem;
  const m = cmac.create(r.key);
  for (let i = 0; i < r.message.length; i++) m.update(r.message.subarray(i, i + 1));
  const p = differ('byte by byte', r.tag, m.digest());
  if (p) return p;
  if (!verifyCmac(r.key, r.message, r.tag)) return 'verify rejected the published tag';
  if (!verifyCmac(r.key, r.message, r.tag.subarray(0, 4))) return 'verify rejected the published tag truncated to 4 bytes';
  const forged = r.tag.slice();
  forged[0] ^= 0x80;
  if (verifyCmac(r.key, r.message, forged)) return 'verify accepted a changed tag';
  return undefined;
}

describe('SP 800-38B TDES-CMAC (vectors/mac/sp800-38b-tdes-cmac.json)', () => {
  const file = loadJson('mac/sp800-38b-tdes-cmac.json');
  const records: CmacRecord[] = file.vectors.map((v: any) => ({
    label: v.description, key: hex(v.key), message: hex(v.message), tag: hex(v.tag),
  }));

  it(`${records.length} examples (D.4 three-key, D.7 two-key), one-shot, byte by byte and verify`, () => {
    expect(records.length).toBe(8);
    expect(records.filter((r) => r.key.length === 24).length).toBe(4);
    const { ran, failures } = runAll(records, (r) => r.label, check);
    console.log(`[mac-cmac] sp800-38b-tdes-cmac.json: ran ${ran} of ${records.length} records, ${failures.length} failed`);
    expect(summarize(failures)).toEqual([]);
    expect(ran).toBe(8);
  });

  it('subkeys: CIPH_K(0^64), K1 and K2 of the three-key example (§6.1)', () => {
    const s = file.three_key_subkeys_example;
    const cipher = tdes.ecb(hex(s.key), { padding: 'none' });
    const l = cipher.encrypt(new Uint8Array(8));
    cipher.destroy();
    expect(l).toEqual(hex(s['CIPH_K(0^64)']));
    const [k1, k2] = subkeysFromL(l);
    expect(k1).toEqual(hex(s.K1));
    expect(k2).toEqual(hex(s.K2));
  });

  it('does not reproduce the superseded (wrong) published values for the 160-bit messages', () => {
    const s = file.superseded_original_values;
    const m160 = hex('6bc1bee22e409f96e93d7e117393172aae2d8a57');
    expect(cmac(hex(file.vectors[0].key), m160)).not.toEqual(hex(s.three_key_Mlen160));
    expect(cmac(hex(file.vectors[4].key), m160)).not.toEqual(hex(s.two_key_Mlen160));
  });
});

describe('NIST CMAC-TDES examples (vectors/mac/nist-cmac-tdes-examples.json)', () => {
  const file = loadJson('mac/nist-cmac-tdes-examples.json');
  const records: CmacRecord[] = (['three_key', 'two_key'] as const).flatMap((group) =>
    file[group].vectors.map((v: any, i: number) => ({
      label: `${group} #${i + 1} (${v.message.length / 2} bytes)`, key: hex(file[group].key), message: hex(v.message), tag: hex(v.tag),
    })));

  it(`${records.length} examples, three-key and two-key, one-shot, byte by byte and verify`, () => {
    expect(records.length).toBe(8);
    const { ran, failures } = runAll(records, (r) => r.label, check);
    console.log(`[mac-cmac] nist-cmac-tdes-examples.json: ran ${ran} of ${records.length} records, ${failures.length} failed`);
    expect(summarize(failures)).toEqual([]);
    expect(ran).toBe(8);
  });
});

describe('subkey doubling (§6.1) on constructed inputs', () => {
  it('shifts left across bytes and adds R_64 = 0x1b only when the top bit falls out', () => {
    const [a1, a2] = subkeysFromL(hex('4000000000000001'));
    expect(a1).toEqual(hex('8000000000000002'));
    expect(a2).toEqual(hex('000000000000001f'));              // 0x04 ^ 0x1b
    const [b1] = subkeysFromL(hex('ffffffffffffffff'));
    expect(b1).toEqual(hex('ffffffffffffffe5'));              // 0xfe ^ 0x1b
  });
});

/**
 * ISO/IEC 9797-1 MAC algorithm 1 (CBC-MAC) and MAC algorithm 3 (retail MAC, ANSI X9.19), from the
 * published examples:
 *   vectors/mac/iso9797-1-retail-mac.json   ISO/IEC 9797-1 Annex B (K = 0123456789abcdef,
 *                                           K' = fedcba9876543210), openemv's Annex B.4 retail MAC,
 *                                           Bouncy Castle's FIPS 113 and ISO9797Alg3Mac tests
 *   vectors/botan/mac_x919_mac.vec          Botan's ANSI X9.19 MAC tests
 * Every expected value comes from those files; see vectors/README.md.
 */
import { describe, expect, it } from 'vitest';
import { cbcMac, retailMac, verifyCbcMac, verifyRetailMac } from '../../src/mac/index.js';
import type { IsoPadding, MacLength } from '../../src/mac/index.js';
import { concat, countMatches, differ, hex, loadBotan, loadJson, runAll, summarize } from '../helpers/vectors.js';

/** One expected MAC: which algorithm, key, data, padding, and the expected (truncated) MAC. */
interface IsoRecord {
  label: string;
  algorithm: 1 | 3;
  key: Uint8Array;
  data: Uint8Array;
  padding: IsoPadding;
  mac: Uint8Array;
}
type Planned = { run: true; record: IsoRecord } | { run: false; label: string; reason: string };

/**
 * Every MAC value in iso9797-1-retail-mac.json as a record to run, or skipped with the reason.
 * The file's records are not uniform, so each group is mapped here by name.
 */
function planIsoFile(): Planned[] {
  const file = loadJson('mac/iso9797-1-retail-mac.json');
  const plans: Planned[] = [];
  const run = (record: IsoRecord) => plans.push({ run: true, record });

  // Annex B: two data strings, each with all three paddings, for algorithm 1 and algorithm 3.
  const b = file.iso9797_1_annexB;
  const k = hex(b.key_K);
  const kk = concat(k, hex(b.key_K_prime_alg3));
  const strings: Record<string, Uint8Array> = { string1: hex(b.data_string_1.hex), string2: hex(b.data_string_2.hex) };
  const groups: [string, 1 | 3][] = [
    ['mac_algorithm_1_DES_32bit', 1], ['mac_algorithm_3_DES_32bit', 3], ['mac_algorithm_3_DES_64bit_G_single_source', 3],
  ];
  for (const [group, algorithm] of groups) {
    for (const [name, byPadding] of Object.entries<Record<string, string>>(b[group])) {
      for (const [padding, mac] of Object.entries(byPadding)) {
        run({
          label: `Annex B ${group} ${name} ${padding}`, algorithm, key: algorithm === 1 ? k : kk,
          data: strings[name], padding: Number(padding.replace('padding', '')) as IsoPadding, mac: hex(mac),
        });
      }
    }
  }
  run({
    label: 'Annex B algorithm 1, 64-bit, string 1, padding 1', algorithm: 1, key: k, data: strings.string1,
    padding: 1, mac: hex(b.mac_algorithm_1_DES_64bit_string1_padding1.value),
  });

  // openemv: Annex B.4 retail MAC (padding method 1), 32-bit.
  for (const [i, v] of file.openemv_retail_mac_annexB4.vectors.entries()) {
    run({
      label: `openemv Annex B.4 #${i + 1}`, algorithm: 3, key: hex(file.openemv_retail_mac_annexB4.key_K_concat_K_prime),
      data: hex(v.hex), padding: 1, mac: hex(v.mac_32bit),
    });
  }

  // Bouncy Castle.
  const bc = file.bouncycastle;
  run({
    label: 'BC FIPS 113 DAA (algorithm 1, DES, padding 1)', algorithm: 1, key: hex(bc.fips113_DAA_zero_iv.key),
    data: hex(bc.fips113_DAA_zero_iv.message_hex), padding: 1, mac: hex(bc.fips113_DAA_zero_iv.mac_32bit),
  });
  // CBC-MAC with an IV is CBC-MAC with a zero IV over the data whose first block has the IV XORed in
  // (C_1 = E_K(IV ⊕ M_1)): the definition, not a second implementation.
  {
    const v = bc.cbc_mac_with_iv_1234567890abcdef;
    const data = hex(v.message_hex);
    const iv = hex(v.iv);
    for (let i = 0; i < 8; i++) data[i] ^= iv[i];
    run({ label: 'BC CBC-MAC with IV (IV folded into block 1)', algorithm: 1, key: hex(v.key), data, padding: 1, mac: hex(v.mac_32bit) });
  }
  plans.push({ run: false, label: 'BC cfb8_mac_with_iv', reason: 'a CFB-8 MAC (BC CFBBlockCipherMac) is not an ISO/IEC 9797-1 algorithm' });
  const r = bc.regression_only_not_NIST;
  plans.push({ run: false, label: 'BC regression cfb8_mac_zero_iv_input2', reason: 'a CFB-8 MAC is not an ISO/IEC 9797-1 algorithm' });
  // BC's CBC-MAC with PKCS#7 padding: PKCS#7 is applied here to the data, then algorithm 1 runs on
  // the aligned result (padding method 1 adds nothing to aligned data).
  const pkcs7 = (m: Uint8Array) => { const n = 8 - (m.length % 8); return concat(m, new Uint8Array(n).fill(n)); };
  run({ label: 'BC regression cbc_mac_pkcs7_input2', algorithm: 1, key: hex(r.key), data: pkcs7(hex(r.input2)), padding: 1, mac: hex(r.cbc_mac_pkcs7_input2) });
  run({
    label: 'BC regression cbc_mac_pkcs7_input1 (input1 = the FIPS 113 message)', algorithm: 1, key: hex(r.key),
    data: pkcs7(hex(bc.fips113_DAA_zero_iv.message_hex)), padding: 1, mac: hex(r.cbc_mac_pkcs7_input1),
  });
  run({
    label: 'BC ISO9797Alg3Mac, 2-key', algorithm: 3, key: hex(bc.iso9797_alg3_des_2key.key_K_concat_K_prime),
    data: hex(bc.iso9797_alg3_des_2key.message_hex), padding: 1, mac: hex(bc.iso9797_alg3_des_2key.mac_64bit),
  });
  run({
    label: 'BC DESede64 CBC-MAC (algorithm 1, 2-key TDES)', algorithm: 1, key: hex(bc.desede64_cbc_mac.key),
    data: hex(bc.desede64_cbc_mac.message_hex), padding: 1, mac: hex(bc.desede64_cbc_mac.mac_64bit),
  });
  return plans;
}

function checkIso(r: IsoRecord): string | undefined {
  const options = { padding: r.padding, length: r.mac.length as MacLength };
  const mac = r.algorithm === 1 ? cbcMac : retailMac;
  const verify = r.algorithm === 1 ? verifyCbcMac : verifyRetailMac;
  const oneShot = mac(r.key, r.data, options);
  const problem = differ('one-shot', r.mac, oneShot);
  if (problem) return problem;
  // Incrementally, one byte at a time, with and without the declared length (method 3 streams only with it).
  for (const dataLength of [undefined, r.data.length]) {
    const m = mac.create(r.key, { ...options, dataLength });
    for (let i = 0; i < r.data.length; i++) m.update(r.data.subarray(i, i + 1));
    const p = differ(`bytewise, dataLength ${dataLength}`, r.mac, m.digest());
    if (p) return p;
  }
  if (!verify(r.key, r.data, r.mac, options)) return 'verify rejected the published MAC';
  const forged = r.mac.slice();
  forged[forged.length - 1] ^= 1;
  if (verify(r.key, r.data, forged, options)) return 'verify accepted a changed MAC';
  return undefined;
}

describe('ISO/IEC 9797-1 MAC algorithms 1 and 3 (vectors/mac/iso9797-1-retail-mac.json)', () => {
  const plans = planIsoFile();
  const records = plans.flatMap((p) => (p.run ? [p.record] : []));
  const skipped = plans.flatMap((p) => (p.run ? [] : [`${p.label}: ${p.reason}`]));

  it(`maps all 29 MAC values of the file: ${records.length} run, ${skipped.length} skipped (CFB-8 MACs)`, () => {
    expect(plans.length).toBe(29);          // the count vectors/README.md gives for this file
    expect(skipped.length).toBe(2);
    console.log(`[mac-iso9797-1] skipped: ${skipped.join('; ')}`);
  });

  it(`${records.length} records: one-shot, byte by byte, verify and a forged MAC`, () => {
    const { ran, failures } = runAll(records, (r) => r.label, checkIso);
    console.log(`[mac-iso9797-1] iso9797-1-retail-mac.json: ran ${ran} of ${records.length} records, ${failures.length} failed`);
    expect(summarize(failures)).toEqual([]);
    expect(ran).toBe(27);
  });

  it('algorithm 3 with K\' = K is algorithm 1 (the output transformation cancels)', () => {
    const k = hex('0123456789abcdef');
    const data = hex('4e6f77206973207468652074696d6520666f7220616c6c20');
    for (const padding of [1, 2, 3] as const) {
      expect(retailMac(concat(k, k), data, { padding })).toEqual(cbcMac(k, data, { padding }));
    }
  });
});

describe('ANSI X9.19 MAC (vectors/botan/mac_x919_mac.vec)', () => {
  const { text, sections } = loadBotan('mac_x919_mac.vec');
  const records = sections.get('X9.19-MAC') ?? [];

  it(`${records.length} records; 8-byte keys run as K ‖ K (Botan's K' = K) and as DES CBC-MAC`, () => {
    expect([...sections.keys()]).toEqual(['X9.19-MAC']);
    expect(records.length).toBe(countMatches(text, /^Out = /m));
    const { ran, failures } = runAll(records, (r) => `line ${r.line}`, (r) => {
      // Botan's X9.19 MAC pads a partial last block with zeros: padding method 1.
      const key = r.key.length === 8 ? concat(r.key, r.key) : r.key;
      const problem = differ('retailMac', r.output, retailMac(key, r.input));
      if (problem) return problem;
      if (r.key.length === 8) return differ('cbcMac', r.output, cbcMac(r.key, r.input));
      const m = retailMac.create(key);
      for (let i = 0; i < r.input.length; i += 13) m.update(r.input.subarray(i, i + 13));
      return differ('13-byte chunks', r.output, m.digest());
    });
    console.log(`[mac-iso9797-1] mac_x919_mac.vec: ran ${ran} of ${records.length} records, ${failures.length} failed`);
    expect(summarize(failures)).toEqual([]);
    expect(ran).toBe(6);
  });
});

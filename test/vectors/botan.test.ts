/**
 * Botan's DES and Triple-DES test data: block (ECB), CBC with NoPadding / PKCS7 / OneAndZeros
 * (= ISO/IEC 7816-4, our 'iso7816'), CFB-64 and CFB-8, OFB, CTR (big-endian 64-bit counter). Each
 * record runs both ways: In encrypts to Out and Out decrypts to In. CBC/CTS is CS3, CFB(16) and
 * CFB(32) are des.cfb with those segments; sections of other ciphers are listed as skipped with
 * the reason; helpers/vectors.ts botanPlan() holds the mapping.
 * Source: vectors/botan/*.vec (see vectors/README.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { des, ready, tdes } from '../../src/index.js';
import type { CfbSegment, Cipher } from '../../src/index.js';
import { botanPlan, countMatches, differ, loadBotan, runAll, summarize } from '../helpers/vectors.js';
import type { BotanPlan, BotanRecord } from '../helpers/vectors.js';

const FILES = ['block_des.vec', 'modes_cbc.vec', 'modes_cfb.vec', 'modes_ctr.vec', 'stream_ofb.vec'];

function cipherFor(plan: Extract<BotanPlan, { run: true }>, r: BotanRecord): Cipher {
  const family = plan.cipher === 'des' ? des : tdes;
  const key = r.key.slice(), nonce = () => r.nonce!.slice();
  switch (plan.mode) {
    case 'ecb': return family.ecb(key, { padding: plan.padding as Exclude<typeof plan.padding, 'cs3'> });
    case 'cbc': return family.cbc(key, nonce(), { padding: plan.padding });
    case 'cfb': return family.cfb(key, nonce(), { segment: plan.segment as CfbSegment });
    case 'ofb': return family.ofb(key, nonce());
    case 'ctr': return family.ctr(key, nonce());
  }
}

function describePlan(plan: Extract<BotanPlan, { run: true }>): string {
  const cipher = plan.cipher === 'des' ? 'des' : 'tdes';
  if ('padding' in plan) return `${cipher}.${plan.mode}, padding '${plan.padding}'`;
  if ('segment' in plan) return `${cipher}.cfb, segment ${plan.segment}`;
  return `${cipher}.${plan.mode}`;
}

beforeAll(async () => { await ready(); });

let ranTotal = 0;
const skippedLines: string[] = [];

for (const file of FILES) {
  const { text, sections } = loadBotan(file);
  const parsed = [...sections.values()].reduce((n, rs) => n + rs.length, 0);

  describe(`Botan ${file}`, () => {
    it(`parsed all ${parsed} records in ${sections.size} sections`, () => {
      expect(parsed).toBeGreaterThan(0);
      expect(parsed, 'records parsed vs Out lines in the file').toBe(countMatches(text, /^Out\s*=/m));
    });

    for (const [section, records] of sections) {
      const plan = botanPlan(section);
      if (!plan.run) {
        skippedLines.push(`${file} [${section}] ${records.length} records: ${plan.reason}`);
        it.skip(`[${section}]: ${records.length} records skipped — ${plan.reason}`, () => {});
        continue;
      }
      it(`[${section}] as ${describePlan(plan)}: ${records.length} records, encrypt and decrypt`, () => {
        expect(records.length).toBeGreaterThan(0);
        const { ran, failures } = runAll(records, (r) => `${file} [${section}] line ${r.line}`, (r) => {
          const problems = [
            differ('encrypt', r.output, cipherFor(plan, r).encrypt(r.input.slice())),
            differ('decrypt', r.input, cipherFor(plan, r).decrypt(r.output.slice())),
          ].filter(Boolean);
          return problems.join('; ') || undefined;
        });
        ranTotal += ran;
        console.log(`[botan] ${file} [${section}]: ran ${ran} of ${records.length} records, ${failures.length} failed`);
        expect(summarize(failures)).toEqual([]);
        expect(ran).toBe(records.length);
      });
    }
  });
}

describe('Botan: what ran and what was skipped', () => {
  it('every DES-family section the brief names runs', () => {
    const all = FILES.flatMap((f) => [...loadBotan(f).sections.keys()]);
    const running = all.filter((s) => botanPlan(s).run);
    expect(running).toEqual(expect.arrayContaining([
      'DES', 'TripleDES', 'DES/CBC/NoPadding', 'DES/CBC/PKCS7', 'TripleDES/CBC/NoPadding', 'TripleDES/CBC/PKCS7',
      'DES/CBC/OneAndZeros', 'DES/CBC/CTS', 'DES/CFB', 'DES/CFB(16)', 'DES/CFB(32)', 'DES/CFB(8)', 'TripleDES/CFB', 'TripleDES/CFB(8)', 'CTR-BE(DES)', 'OFB(DES)',
    ]));
    console.log(`[botan] ran ${ranTotal} records; skipped sections:\n  ${skippedLines.join('\n  ')}`);
  });
});

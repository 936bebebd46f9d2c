/**
 * NIST SP 800-20 Appendix A, the single-DES known-answer tables: A.1 variable plaintext, the
 * inverse-permutation set, A.2 variable key, A.3 permutation operation, A.4 substitution table.
 * Each vector runs both ways as DES and as TDES with K1 = K2 = K3 (the file states both).
 * Source: vectors/sp800-20-des-kat.json (see vectors/README.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { des, ready, tdes } from '../../src/index.js';
import { concat, differ, hex, loadJson, runAll, summarize } from '../helpers/vectors.js';

interface Table { key?: string; plaintext?: string; vectors: { index: number; key?: string; plaintext?: string; ciphertext: string }[] }
const file = loadJson<Record<string, unknown>>('sp800-20-des-kat.json');
const tables = Object.entries(file).filter((e): e is [string, Table] => Array.isArray((e[1] as Table)?.vectors));

beforeAll(async () => { await ready(); });

describe('NIST SP 800-20 Appendix A DES tables (sp800-20-des-kat.json)', () => {
  it(`finds the five tables (${tables.map(([n, t]) => `${n}: ${t.vectors.length}`).join(', ')})`, () => {
    expect(tables.map(([name]) => name)).toEqual([
      'variable_plaintext_table_A1', 'inverse_permutation_from_TECBinvperm', 'variable_key_table_A2',
      'permutation_operation_table_A3', 'substitution_table_table_A4',
    ]);
  });

  for (const [name, table] of tables) {
    it(`${name}: ${table.vectors.length} vectors, encrypt and decrypt, as DES and as TDES K‖K‖K`, () => {
      expect(table.vectors.length).toBeGreaterThan(0);
      const { ran, failures } = runAll(table.vectors, (v) => `${name}[${v.index}]`, (v) => {
        // A vector gives what its table does not: the table's key or plaintext fills in the rest.
        const key = hex(v.key ?? table.key!), pt = hex(v.plaintext ?? table.plaintext!), ct = hex(v.ciphertext);
        const problems = [
          differ('DES encrypt', ct, des.ecb(key, { padding: 'none' }).encrypt(pt)),
          differ('DES decrypt', pt, des.ecb(key, { padding: 'none' }).decrypt(ct)),
          differ('TDES encrypt', ct, tdes.ecb(concat(key, key, key), { padding: 'none' }).encrypt(pt)),
          differ('TDES decrypt', pt, tdes.ecb(concat(key, key, key), { padding: 'none' }).decrypt(ct)),
        ].filter(Boolean);
        return problems.join('; ') || undefined;
      });
      console.log(`[sp800-20] ${name}: ran ${ran} of ${table.vectors.length} vectors, ${failures.length} failed`);
      expect(summarize(failures)).toEqual([]);
      expect(ran).toBe(table.vectors.length);
    });
  }

  it('ran 235 vectors in all, as SP 800-20 Appendix A and the inverse-permutation set hold', () => {
    expect(tables.reduce((n, [, t]) => n + t.vectors.length, 0)).toBe(235);
  });
});

// `des-wasm emv` (dist/cli.js): the EMV chain of vectors/payments/emv_session_keys_cryptograms.json
// run through the command line — master key, session key, ARQC and its verification, ARPC methods
// 1 and 2 — with keys from env: and from key files; and the usage errors (exit 2, one line) and
// verification failures (exit 1). Build first: npm run build:ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hexToBytes, kcv, bytesToHex } from '../src/index.js';
import { loadJson } from './helpers/vectors.js';
import { cliRunner } from './helpers/cli.js';

let dir: string;
const { run: cli, ok, fails } = cliRunner(() => dir);
const kcv2 = (hex: string) => bytesToHex(kcv(hexToBytes(hex), { length: 2 })).toUpperCase();

interface V { case?: string; step: string; status: string; expected: string; imk?: string; pan?: string; psn?: string; r?: string; transaction_data?: string; csu?: string; prop_auth_data?: string }
const VECTORS = loadJson<{ vectors: V[] }>('payments/emv_session_keys_cryptograms.json').vectors;
const inCase = (name: string, prefix: string) => {
  const v = VECTORS.find((x) => x.case === name && x.step.startsWith(prefix) && x.status === 'match');
  if (!v) throw new Error(`no ${prefix} record in case ${name}`);
  return v;
};
const IMK = VECTORS[0].imk!;

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-emv-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('des-wasm emv: the vector chains', () => {
  it('option B with A-F decimalisation: master key, session key (ATC 001C), ARQC, verify, ARPC method 2', () => {
    const name = 'option B, SHA-1 digest needs A-F decimalisation';
    const mkRecord = inCase(name, 'ICC master key'), skRecord = inCase(name, 'common session key');
    const arqcRecord = inCase(name, 'ARQC'), arpcRecord = inCase(name, 'ARPC method 2');
    expect(skRecord.r!.slice(4)).toBe('000000000000');          // R = ATC ‖ 00 × 6: the CLI takes the ATC
    const mk = ok(['emv', 'master-key', '--key', 'env:IMK', '--pan', mkRecord.pan!, '--psn', mkRecord.psn!, '--method', 'B'], { IMK });
    expect(kcv2(mk)).toBe(mkRecord.expected);
    const sk = ok(['emv', 'session-key', '--key', 'env:MK', '--atc', skRecord.r!.slice(0, 4)], { MK: mk });
    expect(kcv2(sk)).toBe(skRecord.expected);
    writeFileSync(join(dir, 'sk.hex'), sk + '\n');
    writeFileSync(join(dir, 'sk.bin'), hexToBytes(sk));
    for (const source of ['sk.hex', 'file:sk.bin']) {
      expect(ok(['emv', 'arqc', '--key', source, '--padding', '2', '--data', arqcRecord.transaction_data!])).toBe(arqcRecord.expected);
    }
    expect(ok(['emv', 'arqc', '--key', 'sk.hex', '--padding', '2', '--data', arqcRecord.transaction_data!, '--verify', arqcRecord.expected])).toBe('OK');
    fails(['emv', 'arqc', '--key', 'sk.hex', '--padding', '1', '--data', arqcRecord.transaction_data!, '--verify', arqcRecord.expected], 1, /the ARQC does not match/);
    expect(ok(['emv', 'arpc', '--key', 'sk.hex', '--arqc', arqcRecord.expected, '--method', '2', '--csu', arpcRecord.csu!, '--proprietary', arpcRecord.prop_auth_data!]))
      .toBe(arpcRecord.expected);
  });
  it('option A, PSN 45: ARPC method 1 under the ICC master key', () => {
    const name = 'option A, PSN 45';
    const mkRecord = inCase(name, 'ICC master key'), arqcRecord = inCase(name, 'ARQC'), arpcRecord = inCase(name, 'ARPC method 1');
    const mk = ok(['emv', 'master-key', '--key', 'env:IMK', '--pan', mkRecord.pan!, '--psn', mkRecord.psn!], { IMK });
    expect(kcv2(mk)).toBe(mkRecord.expected);
    const arc = /ARC ([0-9A-F]{4})$/.exec(arpcRecord.step)![1];
    expect(ok(['emv', 'arpc', '--key', 'env:MK', '--arqc', arqcRecord.expected, '--method', '1', '--arc', arc], { MK: mk })).toBe(arpcRecord.expected);
  });
});

describe('des-wasm emv: failures', () => {
  const SK = '0123456789ABCDEFFEDCBA9876543210';
  const env = { SK };
  it('usage errors: exit 2, one line', () => {
    const missing = cli(['emv', 'arqc', '--key', 'env:SK', '--data', '00'], env);   // commander's own message and hint
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/required option '--padding <1\|2>' not specified/);
    fails(['emv', 'arqc', '--key', 'env:SK', '--data', '00', '--padding', '3'], 2, /--padding 3: expected 1 or 2/, env);
    fails(['emv', 'arqc', '--key', 'env:SK', '--data', '0', '--padding', '2'], 2, /--data must be hex digits/, env);
    fails(['emv', 'arqc', '--key', 'env:SHORT', '--data', '00', '--padding', '2'], 2, /--key env:SHORT: expected 32 hex digits in SHORT/, { SHORT: '0123456789ABCDEF' });
    fails(['emv', 'arqc', '--key', 'env:NOPE', '--data', '00', '--padding', '2'], 2, /the environment variable NOPE is not set/);
    fails(['emv', 'session-key', '--key', 'env:SK', '--atc', '000102'], 2, /--atc must be 2 bytes/, env);
    fails(['emv', 'master-key', '--key', 'env:SK', '--pan', '12345678901'], 2, /pan: expected 12 to 19 decimal digits, got 11/, env);
    fails(['emv', 'master-key', '--key', 'env:SK', '--pan', '12345678901234567', '--method', 'C'], 2, /method: expected 'A' or 'B'/, env);
    fails(['emv', 'master-key', '--key', 'env:SK', '--pan', '12345678901234567', '--psn', '1'], 2, /psn: expected 2 decimal digits, got 1/, env);
    fails(['emv', 'arpc', '--key', 'env:SK', '--arqc', '0011223344556677', '--method', '1'], 2, /--method 1 needs --arc/, env);
    fails(['emv', 'arpc', '--key', 'env:SK', '--arqc', '0011223344556677', '--method', '2', '--arc', '0000', '--csu', '00000000'], 2, /--arc belongs to the other ARPC method/, env);
    fails(['emv', 'arpc', '--key', 'env:SK', '--arqc', '0011223344556677', '--method', '1', '--arc', '0000', '--csu', '00000000'], 2, /--csu and --proprietary belong to the other ARPC method/, env);
    fails(['emv', 'arpc', '--key', 'env:SK', '--arqc', '0011223344556677', '--method', '3'], 2, /--method 3: expected 1 or 2/, env);
    fails(['emv', 'arpc', '--key', 'env:SK', '--arqc', '0011223344556677', '--method', '2', '--csu', '00000000', '--proprietary', '001122334455667788'], 2,
      /proprietary: expected 0 to 8 bytes, got 9/, env);
  });
  it('--help shows the examples built from the vectors', () => {
    const help = cli(['emv', 'arqc', '--help']).stdout;
    expect(help).toMatch(/--padding <1\|2>/);
    expect(help).toContain('8CAD6F2489C640B1');
  });
});

// `des-wasm cardvalue` (dist/cli.js): the CVV, PVV and IBM 3624 values of
// vectors/payments/card_and_pin_verification_values.json through the command line, generated and
// verified, keys from env: and key files, PINs from env: (on the command line with a warning); usage errors (exit 2, one line) and
// verification failures (exit 1). Build first: npm run build:ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJson } from './helpers/vectors.js';
import { cliRunner } from './helpers/cli.js';

let dir: string;
const { run: cli, ok, fails } = cliRunner(() => dir);

const FILE = loadJson<{
  cvv: { cvk: string; pan: string; expiry_yymm: string; service_code: string; expected: string; status: string }[];
  visa_pvv: { pvk: string; pvki: string; pin: string; pan: string; expected: string; status: string }[];
  ibm3624: { direction: string; offset?: string; pin?: string; pan: string; pan_verify_offset: number; pan_verify_length: number; pan_pad: string;
    decimalization_table: string; expected: string; status: string }[];
}>('payments/card_and_pin_verification_values.json');

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'des-wasm-cli-cardvalue-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('des-wasm cardvalue: the vectors', () => {
  it('cvv: every match value, generated and verified', () => {
    for (const v of FILE.cvv.filter((x) => x.status === 'match')) {
      const args = ['cardvalue', 'cvv', '--key', 'env:CVK', '--pan', v.pan, '--expiry', v.expiry_yymm, '--service-code', v.service_code];
      expect(ok(args, { CVK: v.cvk })).toBe(v.expected);
      expect(ok([...args, '--verify', v.expected], { CVK: v.cvk })).toBe('OK');
      const wrong = String((Number(v.expected) + 1) % 1000).padStart(3, '0');
      fails([...args, '--verify', wrong], 1, /the CVV does not match/, { CVK: v.cvk });
    }
  });
  it('pvv: every match value, the PVK from a key file, the PIN from env:', () => {
    for (const v of FILE.visa_pvv.filter((x) => x.status === 'match')) {
      writeFileSync(join(dir, 'pvk.hex'), v.pvk);
      const args = ['cardvalue', 'pvv', '--key', 'pvk.hex', '--pan', v.pan, '--pin', 'env:PIN', '--pvki', v.pvki];
      expect(ok(args, { PIN: v.pin })).toBe(v.expected);
      expect(ok([...args, '--verify', v.expected], { PIN: v.pin })).toBe('OK');
    }
  });
  it('ibm3624: every match value both ways, and verification', () => {
    const PVK = '0123456789ABCDEFFEDCBA9876543210';   // psec tests/test_pin.py: every IBM 3624 case uses this PVK
    for (const v of FILE.ibm3624.filter((x) => x.status === 'match')) {
      const validationData = v.pan.slice(v.pan_verify_offset, v.pan_verify_offset + v.pan_verify_length).padEnd(16, v.pan_pad);
      const args = ['cardvalue', 'ibm3624', '--key', 'env:PVK', '--validation-data', validationData, '--decimalization', v.decimalization_table];
      if (v.direction === 'PIN from offset') {
        expect(ok([...args, '--offset', v.offset!], { PVK })).toBe(v.expected);
        expect(ok([...args, '--offset', v.offset!, '--pin', v.expected], { PVK })).toBe('OK');
      } else {
        expect(ok([...args, '--pin', v.pin!], { PVK })).toBe(v.expected);
        const otherPin = v.pin!.slice(0, -1) + String((Number(v.pin!.slice(-1)) + 1) % 10);
        fails([...args, '--pin', 'env:PIN', '--offset', v.expected], 1, /the PIN does not match/, { PVK, PIN: otherPin });
      }
    }
  });
});

describe('des-wasm cardvalue: failures', () => {
  const K = { K: '0123456789ABCDEFFEDCBA9876543210' };
  it('usage errors: exit 2, one line', () => {
    const missing = cli(['cardvalue', 'cvv', '--key', 'env:K', '--pan', '4123456789012345', '--expiry', '8701'], K);   // commander's own message and hint
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/required option '--service-code <digits>' not specified/);
    fails(['cardvalue', 'cvv', '--key', 'env:K', '--pan', '4123456789012345', '--expiry', '870', '--service-code', '101'], 2, /expiry: expected 4 decimal digits, got 3/, K);
    fails(['cardvalue', 'cvv', '--key', 'env:K', '--pan', '4123456789012345', '--expiry', '8701', '--service-code', '101', '--verify', '56'], 2,
      /cvv: expected 3 decimal digits, got 2/, K);
    fails(['cardvalue', 'cvv', '--key', 'env:K8', '--pan', '4123456789012345', '--expiry', '8701', '--service-code', '101'], 2,
      /--key env:K8: expected 32 hex digits in K8/, { K8: '0123456789ABCDEF' });
    fails(['cardvalue', 'pvv', '--key', 'env:K', '--pan', '1122334455667788', '--pin', 'env:PIN', '--pvki', '10'], 2, /pvki: expected a PIN verification key index/, { ...K, PIN: '4524' });
    fails(['cardvalue', 'pvv', '--key', 'env:K', '--pan', '1122334455667788', '--pin', 'env:NOPIN', '--pvki', '1'], 2, /the environment variable NOPIN is not set/, K);
    fails(['cardvalue', 'ibm3624', '--key', 'env:K', '--validation-data', '1122334455667788', '--decimalization', '1234567890123456'], 2,
      /needs --pin \(to get the offset\), --offset \(to get the PIN\) or both/, K);
    fails(['cardvalue', 'ibm3624', '--key', 'env:K', '--validation-data', '1122334455667788', '--decimalization', '123456789012345X', '--pin', 'env:PIN'], 2,
      /decimalization: expected 16 decimal digits/, { ...K, PIN: '1234' });
    fails(['cardvalue', 'ibm3624', '--key', 'env:K', '--validation-data', '1122334455667788', '--decimalization', '1234567890123456', '--offset', '7710', '--pin', 'env:PIN'], 2,
      /pin: expected 4 to 12 decimal digits, got a character other than 0-9 at position 3/, { ...K, PIN: '12a4' });
  });
  it('a PIN on the command line works, with a warning that it shows in process listings', () => {
    const v = FILE.visa_pvv.find((x) => x.status === 'match')!;
    const r = cli(['cardvalue', 'pvv', '--key', 'env:K', '--pan', v.pan, '--pin', v.pin, '--pvki', v.pvki], { K: v.pvk });
    expect([r.code, r.stdout.trim()]).toEqual([0, v.expected]);
    expect(r.stderr).toMatch(/^des-wasm: warning: a PIN on the command line shows in process listings and shell history; prefer --pin env:VAR or --pin file:PATH\n$/);
  });
  it('--help shows the examples built from the vectors', () => {
    const help = cli(['cardvalue', '--help']).stdout;
    expect(help).toContain('--service-code 000 gives the CVV2, 999 the iCVV');
    expect(help).toContain('8523');
  });
});

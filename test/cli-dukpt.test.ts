// `des-wasm dukpt` (dist/cli.js; build first with npm run build:ts): keys with KCVs, PIN blocks,
// MACs and data encryption give the values of vectors/payments/dukpt_tdes_ansi_x9.24-1-2009.json
// (and the IPEK's KCV from kcv_tdes.json); the BDK and IPEK come from env: and key files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJson } from './helpers/vectors.js';
import { cliRunner } from './helpers/cli.js';

const file = loadJson('payments/dukpt_tdes_ansi_x9.24-1-2009.json');
const kcvs = loadJson('payments/kcv_tdes.json');
const first = file.vectors[0];
const moov = file.moov_io_data_and_mac_vectors[0];
const BDK = file.inputs.bdk, IPEK = file.ipek.value;
let dir: string;

const { run: cli, fails } = cliRunner(() => dir, { BDK });
const hexOf = (text: string) => Buffer.from(text, 'utf8').toString('hex').toUpperCase();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'des-wasm-dukpt-'));
  writeFileSync(join(dir, 'ipek.key'), Buffer.from(IPEK, 'hex'));        // raw bytes
  writeFileSync(join(dir, 'mac.txt'), file.inputs.mac_data_ascii);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('des-wasm dukpt', () => {
  it('keys: the IPEK with its published KCV and every published working key for the KSN', () => {
    const r = cli(['dukpt', 'keys', '--bdk', 'env:BDK', '--ksn', first.ksn]);
    expect(r.code, r.stderr).toBe(0);
    const ipekKcv = kcvs.vectors.find((v: { key: string }) => v.key === IPEK);
    expect(r.stdout).toMatch(new RegExp(`^IPEK +${IPEK}  KCV ${ipekKcv.kcv}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^KSN +${first.ksn}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^IKSN +${file.inputs.initial_ksn}$`, 'm'));
    expect(r.stdout).toMatch(/^counter +000001$/m);
    const labels: Record<string, string> = {
      transaction_key: 'transaction', pin_encryption_key: 'PIN', mac_request_key: 'MAC request', data_request_key: 'data request',
    };
    for (const [field, label] of Object.entries(labels)) {
      expect(first[field].status).toBe('match');
      expect(r.stdout).toMatch(new RegExp(`^${label} +${first[field].value}  KCV [0-9A-F]{6}$`, 'm'));
    }
    // From the IPEK (a raw key file): the same working keys, no IPEK line; --kcv-only hides the keys.
    const t = cli(['dukpt', 'keys', '--ipek', 'ipek.key', '--ksn', first.ksn]);
    expect(t.stdout).not.toMatch(/^IPEK/m);
    expect(t.stdout.split('\n').slice(3)).toEqual(r.stdout.split('\n').slice(4));
    const k = cli(['dukpt', 'keys', '--bdk', 'env:BDK', '--ksn', first.ksn, '--kcv-only']);
    expect(k.stdout).toMatch(new RegExp(`^IPEK +KCV ${ipekKcv.kcv}$`, 'm'));
    expect(k.stdout).not.toContain(first.transaction_key.value);
  });

  it('encrypt-pin / decrypt-pin: the published PIN block', () => {
    const e = cli(['dukpt', 'encrypt-pin', '--ipek', 'ipek.key', '--ksn', first.ksn, '--pin', 'env:PIN', '--pan', file.inputs.pan], { PIN: file.inputs.pin });
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toBe(`${first.encrypted_pin_block.value}\n`);
    const d = cli(['dukpt', 'decrypt-pin', '--bdk', 'env:BDK', '--ksn', first.ksn, '--block', first.encrypted_pin_block.value, '--pan', file.inputs.pan]);
    expect(d.stdout).toBe(`format: 0\npin: ${file.inputs.pin}\n`);
  });

  it('mac: the published X9.19 MACs (4 bytes from a file, 8 bytes from hex, request and response)', () => {
    expect(cli(['dukpt', 'mac', '--bdk', 'env:BDK', '--ksn', first.ksn, '--direction', 'request', '--length', '4', '-i', 'mac.txt']).stdout)
      .toBe(`${first.x919_mac_first4_of_ascii_1234567890x4.value}\n`);
    for (const direction of ['request', 'response']) {
      const r = cli(['dukpt', 'mac', '--ipek', 'ipek.key', '--ksn', moov.ksn, '--direction', direction, '--data', hexOf(file.inputs.moov_data_ascii)]);
      expect(r.stdout, direction).toBe(`${moov[`${direction}_mac_x919`].value}\n`);
    }
  });

  it('encrypt / decrypt: moov-io\'s data request and response ciphertexts', () => {
    for (const direction of ['request', 'response']) {
      const ciphertext = moov[`data_${direction}_ciphertext`].value;
      const e = cli(['dukpt', 'encrypt', '--bdk', 'env:BDK', '--ksn', moov.ksn, '--direction', direction, '--data', hexOf(file.inputs.moov_data_ascii)]);
      expect(e.stdout, direction).toBe(`${ciphertext}\n`);
      const d = cli(['dukpt', 'decrypt', '--bdk', 'env:BDK', '--ksn', moov.ksn, '--direction', direction, '-i', '-'], {}, Buffer.from(ciphertext, 'hex'));
      expect(d.stdout, direction).toBe(`${hexOf(file.inputs.moov_data_ascii)}\n`);
    }
  });

  it('failures: one line and the right exit code', () => {
    fails(['dukpt', 'decrypt-pin', '--bdk', 'env:BDK', '--ksn', file.vectors[1].ksn, '--block', first.encrypted_pin_block.value, '--pan', file.inputs.pan], 1,
      /wrong key or PAN, or not a PIN block/);
    fails(['dukpt', 'keys', '--bdk', 'env:BDK', '--ksn', 'FFFF9876543210FFFC00'], 2, /counter 1FFC00 has 11 one bits; .* not a KSN a terminal can use/);
    fails(['dukpt', 'keys', '--bdk', 'env:BDK', '--ksn', 'FFFF9876543210'], 2, /--ksn must be 10 bytes/);
    fails(['dukpt', 'keys', '--ksn', first.ksn], 2, /give --bdk or --ipek/);
    fails(['dukpt', 'keys', '--bdk', 'env:BDK', '--ipek', 'ipek.key', '--ksn', first.ksn], 2, /give --bdk or --ipek/);
    fails(['dukpt', 'keys', '--bdk', 'env:SHORT', '--ksn', first.ksn], 2, /--bdk env:SHORT: expected 32 hex digits in SHORT/, { SHORT: '0011223344556677' });
    fails(['dukpt', 'mac', '--bdk', 'env:BDK', '--ksn', first.ksn, '--direction', 'sideways', '--data', '00'], 2, /--direction sideways: expected request or response/);
    fails(['dukpt', 'mac', '--bdk', 'env:BDK', '--ksn', first.ksn, '--direction', 'request', '--length', '6', '--data', '00'], 2, /--length 6: expected 4 or 8/);
    fails(['dukpt', 'mac', '--bdk', 'env:BDK', '--ksn', first.ksn, '--direction', 'request'], 2, /give --data HEX or -i FILE/);
    fails(['dukpt', 'decrypt', '--bdk', 'env:BDK', '--ksn', first.ksn, '--direction', 'request', '--padding', 'none', '--data', '0011'], 1, /not a whole number of 8-byte blocks/);
  });

  it('--help for the command and each verb, with examples', () => {
    for (const args of [['dukpt'], ...['keys', 'encrypt-pin', 'decrypt-pin', 'mac', 'encrypt', 'decrypt'].map((v) => ['dukpt', v])]) {
      const r = cli([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/Examples?( \([^)]*\))?:\n {2}des-wasm dukpt \S/);
    }
  });
});

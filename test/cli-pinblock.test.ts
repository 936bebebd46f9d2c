// `des-wasm pinblock` (dist/cli.js; build first with npm run build:ts): encode, decode, encrypt,
// decrypt and translate give the values of vectors/payments/iso9564_pin_blocks.json; keys and
// PINs come from env: and files; failures are one line with the right exit code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createDecipheriv } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJson } from './helpers/vectors.js';
import { cliRunner } from './helpers/cli.js';

const vectors = loadJson('payments/iso9564_pin_blocks.json');
const clear0 = vectors.vectors_clear.find((v: { format: number; status: string; pan?: string }) => v.format === 0 && v.status === 'match');
const clear2 = vectors.vectors_clear.find((v: { format: number; status: string }) => v.format === 2 && v.status === 'match');
const encrypted = vectors.vectors_encrypted.find((v: { status: string }) => v.status === 'match');
let dir: string;

const { run: cli, fails } = cliRunner(() => dir);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'des-wasm-pinblock-'));
  writeFileSync(join(dir, 'zpk.key'), `${encrypted.tdes_key}\n`);
  writeFileSync(join(dir, 'pin.txt'), `${encrypted.pin}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('des-wasm pinblock', () => {
  it('encode / decode: the published clear blocks (formats 0 and 2), PIN from env: and file:', () => {
    let r = cli(['pinblock', 'encode', '--format', '0', '--pin', 'env:PIN', '--pan', clear0.pan], { PIN: clear0.pin });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${clear0.clear_pin_block}\n`);
    r = cli(['pinblock', 'encode', '--format', '2', '--pin', clear2.pin]);
    expect(r.stdout).toBe(`${clear2.clear_pin_block}\n`);
    expect(r.stderr).toMatch(/a PIN on the command line shows in process listings/);
    expect(cli(['pinblock', 'decode', '--block', clear0.clear_pin_block, '--pan', clear0.pan]).stdout).toBe(`format: 0\npin: ${clear0.pin}\n`);
    expect(cli(['pinblock', 'decode', '--block', clear2.clear_pin_block]).stdout).toBe(`format: 2\npin: ${clear2.pin}\n`);
    const fill = '0123456789ABCD'.slice(0, 14 - encrypted.pin.length);
    r = cli(['pinblock', 'encode', '--format', '1', '--pin', 'file:pin.txt', '--fill', fill]);
    expect(r.stdout).toBe(`1${encrypted.pin.length.toString(16).toUpperCase()}${encrypted.pin}${fill}\n`);
  });

  it('encrypt / decrypt: the published TDES block, key from a file and from env:', () => {
    const r = cli(['pinblock', 'encrypt', '--key', 'zpk.key', '--format', '0', '--pin', 'file:pin.txt', '--pan', encrypted.pan]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${encrypted.encrypted_pin_block}\n`);
    const d = cli(['pinblock', 'decrypt', '--key', 'env:ZPK', '--block', encrypted.encrypted_pin_block, '--pan', encrypted.pan], { ZPK: encrypted.tdes_key });
    expect(d.stdout).toBe(`format: 0\npin: ${encrypted.pin}\n`);
  });

  it('translate: to another key and format 3, read back by node:crypto', () => {
    const toKey = '00112233445566778899AABBCCDDEEFF0123456789ABCDEF';
    const r = cli(['pinblock', 'translate', '--from-key', 'zpk.key', '--to-key', 'env:TO', '--block', encrypted.encrypted_pin_block,
      '--pan', encrypted.pan, '--to-format', '3', '--fill', 'ABCDEFAB'], { TO: toKey });
    expect(r.code, r.stderr).toBe(0);
    const d = createDecipheriv('des-ede3', Buffer.from(toKey, 'hex'), null).setAutoPadding(false).update(Buffer.from(r.stdout.trim(), 'hex'));
    const panField = Buffer.from('0000' + encrypted.pan.slice(0, -1).slice(-12), 'hex');
    const field = Buffer.from(d.map((b, i) => b ^ panField[i])).toString('hex').toUpperCase();
    expect(field).toBe(`36${encrypted.pin}ABCDEFAB`);
  });

  it('failures: one line, exit 1 for a block that does not decode under the key, 2 for bad input', () => {
    fails(['pinblock', 'decrypt', '--key', 'env:ZPK', '--block', encrypted.encrypted_pin_block, '--pan', encrypted.pan], 1,
      /wrong key or PAN, or not a PIN block/, { ZPK: '0123456789ABCDEFFEDCBA9876543210' });
    fails(['pinblock', 'encode', '--format', '4', '--pin', 'env:PIN', '--pan', clear0.pan], 2, /format 4 is the 16-byte AES PIN block .* out of scope/, { PIN: '1234' });
    fails(['pinblock', 'encode', '--format', '7', '--pin', 'env:PIN'], 2, /--format 7: expected 0, 1, 2 or 3/, { PIN: '1234' });
    fails(['pinblock', 'encode', '--format', '0', '--pin', 'env:PIN'], 2, /pan: format 0 needs the PAN/, { PIN: '1234' });
    fails(['pinblock', 'encode', '--format', '2', '--pin', 'env:PIN'], 2, /pin: expected 4 to 12 decimal digits, got 3/, { PIN: '123' });
    fails(['pinblock', 'encode', '--format', '2', '--pin', 'env:NOPE'], 2, /the environment variable NOPE is not set/);
    fails(['pinblock', 'decode', '--block', '041274EDCBA9876F'], 2, /pan: format 0 needs the PAN/);
    fails(['pinblock', 'decode', '--block', '0412'], 2, /--block must be 8 bytes/);
    fails(['pinblock', 'encrypt', '--key', 'env:K', '--format', '2', '--pin', 'env:PIN'], 2, /expected 16 or 32 or 48 hex digits in K/, { K: '0011', PIN: '1234' });
    fails(['pinblock', 'encrypt', '--key', 'missing.key', '--format', '2', '--pin', 'env:PIN'], 2, /missing\.key: no such file/, { PIN: '1234' });
    const unknown = cli(['pinblock', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('--help for the command and each verb, with examples', () => {
    for (const args of [['pinblock'], ...['encode', 'decode', 'encrypt', 'decrypt', 'translate'].map((v) => ['pinblock', v])]) {
      const r = cli([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/Examples?( \([^)]*\))?:\n {2}des-wasm pinblock \S/);
    }
  });
});

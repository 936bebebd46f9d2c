// `des-wasm tr31` (dist/cli.js): unwrap of the published TR-31 blocks (header fields and KCV from
// vectors/payments/tr31_tdes_key_blocks.json, the key only with --show-key), wrap reproducing a
// published block from the padding the Python peer recovers, keys from env: and files, and the
// failures (MAC: exit 1; malformed, version D, missing key: exit 2), each one line on stderr.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPython } from './helpers/pycryptodome.js';
import { cliRunner } from './helpers/cli.js';

const PEER = join(__dirname, 'payments', 'tr31_peer.py');
const vectors = (JSON.parse(readFileSync(join(__dirname, '..', 'vectors', 'payments', 'tr31_tdes_key_blocks.json'), 'utf8')) as {
  vectors: { label: string; kbpk: string; key_block: string; expected: string; kcv_expected?: string; status: string }[];
}).vectors.filter((v) => v.status === 'match');
/** Published blocks with a published KCV and an optional block (TR-31:2018 A.7.3.x, X9.143 8.4.x). */
const withKs = vectors.filter((v) => v.kcv_expected && v.key_block.slice(16, 18) === 'KS');

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'des-wasm-tr31-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { run: cli, fails: failsWith } = cliRunner(() => dir);
const fails = (args: string[], env: Record<string, string>, code: 1 | 2, message: RegExp) => failsWith(args, code, message, env);

describe('des-wasm tr31 unwrap', () => {
  it('prints the header fields and the published KCV, and the key only with --show-key', () => {
    expect(withKs.length).toBeGreaterThan(0);
    for (const v of withKs) {
      const r = cli(['tr31', 'unwrap', '--kbpk', 'env:KBPK', v.key_block], { KBPK: v.kbpk });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`version           ${v.key_block[0]}`);
      expect(r.stdout).toContain(`key usage         ${v.key_block.slice(5, 7)}`);
      expect(r.stdout).toContain(`exportability     ${v.key_block[11]}`);
      expect(r.stdout).toMatch(/optional blocks {3}1\n {2}KS 00604B120F9292800000\n/);
      expect(r.stdout).toContain(`KCV               ${v.kcv_expected}`);
      expect(r.stdout).not.toContain(v.expected);
      const shown = cli(['tr31', 'unwrap', '--kbpk', 'env:KBPK', '--show-key', v.key_block], { KBPK: v.kbpk });
      expect(shown.stdout).toContain(`key               ${v.expected}\n`);
    }
    console.log(`[cli-tr31] unwrapped ${withKs.length} published blocks with their KCVs`);
  });

  it('reads the block from stdin and the KBPK from a key file', () => {
    const v = vectors[0];
    writeFileSync(join(dir, 'kbpk.hex'), v.kbpk + '\n');
    const r = cli(['tr31', 'unwrap', '--kbpk', 'kbpk.hex', '--show-key'], {}, v.key_block + '\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`key               ${v.expected}\n`);
  });

  it('fails with one line: MAC exit 1, malformed and version D exit 2, missing key exit 2', () => {
    const v = vectors[0];
    const altered = v.key_block.slice(0, -1) + (v.key_block.endsWith('0') ? '1' : '0');
    fails(['tr31', 'unwrap', '--kbpk', 'env:KBPK', altered], { KBPK: v.kbpk }, 1, /MAC does not verify/);
    fails(['tr31', 'unwrap', '--kbpk', 'env:KBPK', v.key_block + '00'], { KBPK: v.kbpk }, 2, /length field/);
    fails(['tr31', 'unwrap', '--kbpk', 'env:KBPK', 'D' + v.key_block.slice(1)], { KBPK: v.kbpk }, 2,
      /version D needs an AES KBPK; des-wasm is DES\/TDES only/);
    fails(['tr31', 'unwrap', '--kbpk', 'env:NOT_SET_TR31', v.key_block], {}, 2, /NOT_SET_TR31 is not set/);
    fails(['tr31', 'unwrap', '--kbpk', 'env:KBPK', v.key_block], { KBPK: '0011' }, 2, /expected 32 or 48 hex digits/);
  });
});

describe('des-wasm tr31 wrap', () => {
  it('reproduces a published block from its recovered padding; a random one unwraps', () => {
    const v = withKs[withKs.length - 1];
    const [peer] = runPython<{ padding: string; header_length: number }[]>(PEER, [{ op: 'unwrap', kbpk: v.kbpk, block: v.key_block }]);
    const env = { KBPK: v.kbpk, KEY: v.expected };
    const header = v.key_block.slice(0, peer.header_length);
    const r = cli(['tr31', 'wrap', '--kbpk', 'env:KBPK', '--key', 'env:KEY', '--header', header, '--padding', peer.padding], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(v.key_block + '\n');

    const random = cli(['tr31', 'wrap', '--kbpk', 'env:KBPK', '--key', 'env:KEY', '--header', 'A0000P0TE00N0000', '--masked-key-length', '24'], env);
    expect(random.code, random.stderr).toBe(0);
    expect(random.stdout.trim()).toMatch(/^A0088P0TE00N0000[0-9A-F]{72}$/);
    const back = cli(['tr31', 'unwrap', '--kbpk', 'env:KBPK', random.stdout.trim()], env);
    expect(back.stdout).toContain(`KCV               ${v.kcv_expected}`);
  });

  it('refuses bad input with one line, exit 2', () => {
    const env = { KBPK: vectors[0].kbpk, KEY: vectors[0].expected };
    const base = ['tr31', 'wrap', '--kbpk', 'env:KBPK', '--key', 'env:KEY'];
    fails([...base, '--header', 'D0000P0AE00N0000'], env, 2, /version D needs an AES KBPK/);
    fails([...base, '--header', 'B0000P0*E00N0000'], env, 2, /header algorithm: expected 1 letter or digit/);
    fails([...base, '--header', 'B0000P0TE00N0000', '--padding', '00'], env, 2, /padding: 1 bytes make the payload/);
    fails([...base, '--header', 'B0000P0TE00N0000', '--masked-key-length', 'x'], env, 2, /--masked-key-length x/);
    const missing = cli([...base.slice(0, 4), '--header', 'B0000P0TE00N0000'], env);   // commander's message, then its hint
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--key <source>' not specified/);
  });
});

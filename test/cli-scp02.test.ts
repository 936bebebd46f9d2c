// `des-wasm scp02` (dist/cli.js; build first): pySim's recorded card from
// vectors/payments/gp_scp02.json end to end — card cryptogram, EXTERNAL AUTHENTICATE and the four
// wrapped commands — with the keys from the environment; a mismatch exits 1; usage errors exit 2.
import { describe, expect, it } from 'vitest';
import { loadJson } from './helpers/vectors.js';
import { cliRunner } from './helpers/cli.js';

// pySim's KIC / KID / KIK (tests/unittests/test_globalplatform.py): inputs, not expected values.
const KEYS = { KIC: '100102030405060708090A0B0C0D0E0F', KID: '101102030405060708090A0B0C0D0E0F', KIK: '102102030405060708090A0B0C0D0E0F' };

const { run: cli } = cliRunner(undefined, KEYS);
/** The value on the line labelled `label`. */
const field = (stdout: string, label: string) => stdout.split('\n').find((l) => l.startsWith(label + ' '))?.slice(label.length).trim();

const vectors = loadJson<{ vectors: { source_ref: string; step: string; expected: string; host_challenge?: string; init_update_response?: string; plain_apdu?: string }[] }>('payments/gp_scp02.json').vectors;
const pysim = vectors.filter((v) => v.source_ref === 'pysim');
const init = pysim.find((v) => v.init_update_response)!;
const extAuth = pysim.find((v) => v.step.startsWith('EXTERNAL AUTHENTICATE'))!;
const wraps = pysim.filter((v) => v.plain_apdu);

describe('des-wasm scp02', () => {
  const base = ['scp02', '--enc', 'env:KIC', '--mac', 'env:KID', '--dek', 'env:KIK', '--host-challenge', init.host_challenge!, '--response', init.init_update_response!];

  it("pySim's card: cryptogram, EXTERNAL AUTHENTICATE and every wrapped command of the vectors", () => {
    const r = cli([...base, ...wraps.flatMap((w) => ['--wrap', w.plain_apdu!])]);
    expect(r.code, r.stderr).toBe(0);
    expect(field(r.stdout, 'card-cryptogram')).toBe(`${init.expected} (matches)`);
    expect(field(r.stdout, 'external-authenticate')).toBe(extAuth.expected);
    for (const w of wraps) expect(field(r.stdout, `wrap ${w.plain_apdu!.toUpperCase()}`)).toBe(w.expected);
    expect(field(r.stdout, 'session-enc')).toMatch(/^KCV [0-9A-F]{6}$/);   // keys only as check values by default
  });

  it('the same with the response in its 30-byte form (9000) and --show-session-keys', () => {
    const r = cli([...base.slice(0, -1), init.init_update_response! + '9000', '--show-session-keys']);
    expect(r.code, r.stderr).toBe(0);
    expect(field(r.stdout, 'session-enc')).toMatch(/^[0-9A-F]{32}$/);
  });

  it('a wrong key: exit 1, the computed cryptogram shown, nothing wrapped', () => {
    const r = cli(base.map((a) => (a === 'env:KIC' ? 'env:KID' : a)));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^des-wasm: card cryptogram mismatch: the card holds other keys/);
    expect(r.stdout).not.toMatch(/external-authenticate/);
  });

  it('usage errors exit 2 with one line', () => {
    for (const [args, message] of [
      [['scp02', '--key', 'env:KIC', '--enc', 'env:KIC', '--host-challenge', init.host_challenge!, '--response', init.init_update_response!], /give the keys one way/],
      [['scp02', '--master', 'env:KIC', '--host-challenge', init.host_challenge!, '--response', init.init_update_response!], /--kdf \(missing\): expected emv or visa2/],
      [[...base, '--security-level', '11'], /securityLevel: expected 0x00 or 0x01 or 0x03, got 0x11/],
      [[...base.slice(0, -1), '0000'], /response: expected 28 or 30 bytes, got 2/],
      [['scp02', '--key', 'env:NOPE', '--host-challenge', init.host_challenge!, '--response', init.init_update_response!], /environment variable NOPE is not set/],
    ] as [string[], RegExp][]) {
      const r = cli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

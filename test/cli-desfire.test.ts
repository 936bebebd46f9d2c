// `des-wasm desfire` (dist/cli.js; build first): AN10922 diversification and AuthenticateISO
// from vectors/payments/desfire_des_tdes.json, keys from the environment; usage errors exit 2.
import { describe, expect, it } from 'vitest';
import { loadJson } from './helpers/vectors.js';
import { cliRunner } from './helpers/cli.js';

const { run: cli } = cliRunner();
const field = (stdout: string, label: string) => stdout.split('\n').find((l) => l.startsWith(label + ' '))?.slice(label.length).trim();

const vectors = loadJson<{ vectors: { step: string; status: string; expected: string; key?: string; master?: string; m_hex?: string; raw_cmac_output?: string; rndA?: string; card_enc_rndB?: string; session_key_des?: string }[] }>('payments/desfire_des_tdes.json').vectors;

describe('des-wasm desfire', () => {
  it('diversify: every AN10922 vector, raw and with the master key\'s version', () => {
    const an10922 = vectors.filter((v) => v.status === 'match' && v.step.startsWith('AN10922'));
    expect(an10922.length).toBe(2);
    for (const v of an10922) {
      const master = v.master!;
      const version = Array.from(Buffer.from(master, 'hex').subarray(0, 8)).reduce((n, b) => (n << 1) | (b & 1), 0);
      const raw = cli(['desfire', 'diversify', '--master', 'env:MK', '--input', v.m_hex!], { MK: master });
      expect(raw.code, raw.stderr).toBe(0);
      expect(raw.stdout).toBe(v.raw_cmac_output!.toUpperCase() + '\n');
      const versioned = cli(['desfire', 'diversify', '--master', 'env:MK', '--input', v.m_hex!, '--key-version', version.toString(16)], { MK: master });
      expect(versioned.stdout).toBe(v.expected + '\n');
    }
  });

  it('auth: every recorded AuthenticateISO host response, and the session keys recorded with them', () => {
    const iso = vectors.filter((v) => v.status === 'match' && v.step.startsWith('AuthenticateISO'));
    expect(iso.length).toBe(6);
    for (const v of iso) {
      const r = cli(['desfire', 'auth', '--key', 'env:K', '--rnd-a', v.rndA!, '--enc-rnd-b', v.card_enc_rndB!, '--show-session-key'], { K: v.key! });
      expect(r.code, r.stderr).toBe(0);
      expect(field(r.stdout, 'host-response')).toBe(v.expected);
      if (v.session_key_des) expect(field(r.stdout, 'session-key')).toBe(v.session_key_des);
    }
  });

  it('auth without --rnd-a makes a random one and prints it; the session key only as a check value', () => {
    const r = cli(['desfire', 'auth', '--key', 'env:K', '--enc-rnd-b', '5D994CE085F24089'], { K: '00'.repeat(8) });
    expect(r.code, r.stderr).toBe(0);
    expect(field(r.stdout, 'rnd-a')).toMatch(/^[0-9A-F]{16}$/);
    expect(field(r.stdout, 'session-key')).toMatch(/^KCV [0-9A-F]{6}$/);
  });

  it('usage errors exit 2 with one line', () => {
    for (const [args, message] of [
      [['desfire', 'auth', '--key', 'env:K', '--enc-rnd-b', '00'.repeat(8), '--command', 'aes'], /--command aes: expected iso or legacy/],
      [['desfire', 'auth', '--key', 'env:K', '--enc-rnd-b', '00'.repeat(7)], /encRndB: expected 8 bytes for a DES key, got 7/],
      [['desfire', 'diversify', '--master', 'env:K', '--input', '01'], /--master env:K: expected 32 or 48 hex digits in K/],
      [['desfire', 'diversify', '--master', 'env:MK', '--input', '00'.repeat(16)], /input: expected 1 to 15 bytes, got 16/],
      [['desfire', 'diversify', '--master', 'env:MK', '--input', '01', '--key-version', '100'], /--key-version 100: expected a byte in hex/],
    ] as [string[], RegExp][]) {
      const r = cli(args, { K: '00'.repeat(8), MK: '00'.repeat(16) });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

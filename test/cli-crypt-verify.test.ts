// `des-wasm crypt-verify` (dist/cli.js: run `npm run build:ts` first) on hashes from
// vectors/payments/crypt3_des_bsdi.json: exit 0 and "match", 1 for a wrong password, 2 for a
// malformed hash or a usage error, with one line on stderr; every password source but the prompt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJson } from './helpers/vectors.js';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const CRYPT = loadJson('payments/crypt3_des_bsdi.json');
const traditional = CRYPT.descrypt.find((v: any) => v.status === 'match' && v.password === 'dragon');
const extended = CRYPT.bsdicrypt.find((v: any) => v.status === 'match' && v.password.length > 8 && /^[ -~]+$/.test(v.password));
let dir: string;

function cli(args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, ...options });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
function fails(args: string[], code: 1 | 2, message: RegExp, options: SpawnSyncOptions = {}) {
  const r = cli(args, options);
  expect(r.code, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'des-wasm-crypt-verify-'));
  writeFileSync(join(dir, 'right.pw'), `${traditional.password}\n`);
  writeFileSync(join(dir, 'long.pw'), `${extended.password}\r\n`);
  writeFileSync(join(dir, 'wrong.pw'), 'Dragon\n');
  writeFileSync(join(dir, 'hash.txt'), `${extended.hash}\n`);
  writeFileSync(join(dir, 'md5.txt'), '$1$saltsalt$2vnaRpHa6Jxjz5n83ok8Z0\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('des-wasm crypt-verify', () => {
  it('exit 0 and "match": traditional hash as an argument, password from file: and env:', () => {
    for (const [args, env] of [
      [['crypt-verify', traditional.hash, '--pass', 'file:right.pw'], process.env],
      [['crypt-verify', traditional.hash, '--pass', 'env:OLD_PASSWORD'], { ...process.env, OLD_PASSWORD: traditional.password }],
    ] as const) {
      const r = cli([...args], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('match\n');
      expect(r.stderr).toBe('');
    }
  });
  it('BSDi hash from --hash-file, a long password (CRLF line) from stdin and from fd:3', () => {
    let r = cli(['crypt-verify', '--hash-file', 'hash.txt', '--pass', 'stdin'], { input: `${extended.password}\n` });
    expect(r.code, r.stderr).toBe(0);
    const fd = openSync(join(dir, 'long.pw'), 'r');
    try {
      r = cli(['crypt-verify', '--hash-file', 'hash.txt', '--pass', 'fd:3'], { stdio: ['pipe', 'pipe', 'pipe', fd] });
    } finally { closeSync(fd); }
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('match\n');
  });
  it('pass: works, with a warning that it shows in process listings', () => {
    const r = cli(['crypt-verify', traditional.hash, '--pass', `pass:${traditional.password}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: a password on the command line shows in process listings/);
  });
  it('exit 1 for a wrong password', () => {
    fails(['crypt-verify', traditional.hash, '--pass', 'file:wrong.pw'], 1, /^des-wasm: no match: the password does not match the hash$/m);
    fails(['crypt-verify', '--hash-file', 'hash.txt', '--pass', 'file:right.pw'], 1, /no match/);
  });
  it('exit 2 for a malformed hash, with the library message', () => {
    fails(['crypt-verify', traditional.hash.slice(0, 12), '--pass', 'file:right.pw'], 2,
      /^des-wasm: hash: expected 13 characters of .\/0-9A-Za-z \(traditional DES crypt\) or '_' and 19 of them \(BSDi extended\), got 12 characters$/m);
    fails(['crypt-verify', '--hash-file', 'md5.txt', '--pass', 'file:right.pw'], 2, /hash: \$1\$ is not a DES crypt hash/);
  });
  it('exit 2 for usage errors: no hash, two hashes, no password and no terminal, a missing file', () => {
    fails(['crypt-verify', '--pass', 'file:right.pw'], 2, /give the hash as an argument or with --hash-file \(one of them\)/);
    fails(['crypt-verify', traditional.hash, '--hash-file', 'hash.txt', '--pass', 'file:right.pw'], 2, /one of them/);
    fails(['crypt-verify', traditional.hash], 2, /no password: give --pass \(env:VAR, file:PATH, fd:N or stdin\), or run it on a terminal/, { stdio: ['ignore', 'pipe', 'pipe'] });
    fails(['crypt-verify', '--hash-file', 'nope.txt', '--pass', 'file:right.pw'], 2, /nope\.txt: no such file or folder/);
    fails(['crypt-verify', traditional.hash, '--pass', 'env:NOT_SET_ANYWHERE'], 2, /the environment variable NOT_SET_ANYWHERE is not set/);
  });
  it('--help shows examples whose hashes are in the vector file', () => {
    const r = cli(['crypt-verify', '--help']);
    expect(r.code).toBe(0);
    const hashes = [...r.stdout.matchAll(/crypt-verify '?([./0-9A-Za-z_]{13,20})'? --pass/g)].map((m) => m[1]);
    expect(hashes.length).toBe(2);
    const known = new Map([...CRYPT.descrypt, ...CRYPT.bsdicrypt].map((v: any) => [v.hash, v.password]));
    for (const h of hashes) expect(known.get(h)).toBe('dragon');
  });
});

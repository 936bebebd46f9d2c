/**
 * Running the built CLI (dist/cli.js; build first: npm run build:ts) from a test: `run` gives exit
 * code, stdout and stderr; `ok` expects exit 0 and returns stdout trimmed; `fails` expects the
 * exit code (1 cryptographic failure, 2 usage), no stdout and exactly one line on stderr matching
 * `message`. `cwd` is read at each call (tests make their folder in beforeAll); `env` is added to
 * the test's environment, under what each call adds.
 */
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

type Env = Record<string, string | undefined>;

export function cliRunner(cwd: () => string | undefined = () => undefined, env: Env = {}) {
  const run = (args: string[], more: Env = {}, input?: Buffer | string) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: cwd(), input, env: { ...process.env, ...env, ...more } });
    return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
  };
  const ok = (args: string[], more: Env = {}): string => {
    const r = run(args, more);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  const fails = (args: string[], code: 1 | 2, message: RegExp, more: Env = {}): void => {
    const r = run(args, more);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  };
  return { run, ok, fails };
}

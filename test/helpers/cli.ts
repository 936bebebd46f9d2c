/**
 * Running the built CLI (dist/cli.js) from a test: `run` gives exit code, stdout and stderr;
 * `ok` expects exit 0 and returns stdout trimmed; `fails` expects the exit code, no stdout and
 * exactly one line on stderr matching `message`. `cwd` is read at each call (tests make their
 * folder in beforeAll).
 */
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export function cliRunner(cwd: () => string) {
  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: cwd(), env: { ...process.env, ...env } });
    return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
  };
  const ok = (args: string[], env: Record<string, string> = {}): string => {
    const r = run(args, env);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout.trim();
  };
  const fails = (args: string[], code: 1 | 2, message: RegExp, env: Record<string, string> = {}): void => {
    const r = run(args, env);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  };
  return { run, ok, fails };
}

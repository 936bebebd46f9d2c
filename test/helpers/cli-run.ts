/**
 * Running dist/cli.js (build first: npm run build:ts) for the command tests: `run` gives the exit
 * code and output, `fails` checks a failure is one line on stderr, nothing on stdout, and the
 * given exit code (1 cryptographic failure, 2 usage).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun { code: number | null; stdout: string; stderr: string }

export function runCli(cwd: string, args: string[], env: Record<string, string> = {}, input?: Buffer): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

export function expectFailure(r: CliRun, code: 1 | 2, message: RegExp): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

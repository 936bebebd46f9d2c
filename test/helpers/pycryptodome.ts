/**
 * Run a Python script that uses pycryptodome (an independent peer for the payments tests), with
 * JSON in on stdin and JSON out on stdout. The interpreter is $PYTHON, else the first of python3
 * and /usr/bin/python3 that imports pycryptodome (as Crypto, or as Cryptodome, the name Debian's
 * python3-pycryptodome installs). None found is a failure with the command that fixes it.
 */
import { execFileSync, spawnSync } from 'node:child_process';

let interpreter: string | undefined;

/** The interpreter that has pycryptodome (found once). */
export function findInterpreter(): string {
  if (interpreter) return interpreter;
  const probe = 'import importlib.util as u, sys; sys.exit(0 if (u.find_spec("Crypto") or u.find_spec("Cryptodome")) else 1)';
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    if (spawnSync(candidate, ['-c', probe]).status === 0) return (interpreter = candidate);
  }
  throw new Error('no Python with pycryptodome: apt-get install -y python3-pycryptodome (or pip install pycryptodome), or set PYTHON');
}

export function runPython<T>(script: string, input: unknown): T {
  const out = execFileSync(findInterpreter(), [script], { input: JSON.stringify(input), maxBuffer: 1 << 26 });
  return JSON.parse(out.toString()) as T;
}

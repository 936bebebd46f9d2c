/**
 * Run a Python peer that uses pycryptodome (an independent implementation for the payments,
 * smart-card and legacy tests), with JSON in on stdin and JSON out on stdout. The interpreter is
 * $PYTHON, else the first of python3 and /usr/bin/python3 that has pycryptodome (as Crypto, the
 * name pip installs, or as Cryptodome, the name Debian's python3-pycryptodome installs, for
 * /usr/bin/python3 only; the peers import either) and any other module the peer names. None
 * found is a failure, never a skip, with the command that fixes it (CI runs it: .ci/run).
 */
import { execFileSync, spawnSync } from 'node:child_process';

const PROBE = 'import importlib.util as u, sys; sys.exit(0 if (u.find_spec("Crypto") or u.find_spec("Cryptodome"))'
  + ' and all(u.find_spec(m) for m in sys.argv[1:]) else 1)';
const found = new Map<string, string>();

/** The interpreter with pycryptodome and `modules` (e.g. ['crypt']). */
export function python(modules: readonly string[] = []): string {
  const key = modules.join(',');
  const known = found.get(key);
  if (known) return known;
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    if (spawnSync(candidate, ['-c', PROBE, ...modules]).status === 0) {
      found.set(key, candidate);
      return candidate;
    }
  }
  const also = modules.length ? ` and ${modules.join(', ')}` : '';
  throw new Error(`no Python with pycryptodome${also}: apt-get install -y python3-pycryptodome (or pip install pycryptodome), or set PYTHON`);
}

/** Run the peer `script` (a file) on `input`; its JSON answer. */
export function runPython<T>(script: string, input: unknown, modules: readonly string[] = []): T {
  const out = execFileSync(python(modules), [script], { input: JSON.stringify(input), maxBuffer: 1 << 26 });
  return JSON.parse(out.toString()) as T;
}

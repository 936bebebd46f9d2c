/** The machine block of the results: what the figures were measured on, and when. */
import os from 'node:os';
import { execFileSync } from 'node:child_process';

function opensslCli() {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
    v8: process.versions.v8,
    openssl: process.versions.openssl,
    opensslCli: opensslCli(),
  };
}

/** `des-wasm keygen`: a random key with odd parity, never weak or degenerate, in a 0600 file. */
import type { Command } from 'commander';
import { existsSync, writeSync } from 'node:fs';
import { generateKey, getCipherInfo, kcv } from '../../node.js';
import type { KeyKind } from '../../node.js';
import { usage } from '../errors.js';
import { hexLine, upperHex } from '../hex-line.js';
import { AtomicFile } from '../streams.js';

/** The key to make for `--cipher`: des, des-ede, des-ede3, or any DES or Triple-DES cipher name. */
function keyKind(name: string): KeyKind {
  const info = getCipherInfo(name);
  const kinds: Record<number, KeyKind> = { 8: 'des', 16: 'tdes2', 24: 'tdes3' };
  // DESX (K ‖ whitening) and key wrap take 24 bytes that are not a 3-key TDES key.
  if (info && info.mode !== 'wrap' && !info.name.startsWith('desx')) return kinds[info.keyLength];
  throw usage(`--cipher ${name}: expected des, des-ede or des-ede3 (or a DES or Triple-DES cipher name such as des-ede3-cbc)`);
}

export function register(program: Command): void {
  program.command('keygen')
    .description('Make a random key with odd parity, never weak, semi-weak or degenerate; prints its KCV')
    .option('-c, --cipher <kind>', 'des (8 bytes), des-ede (16 bytes) or des-ede3 (24 bytes), or a cipher name', 'des-ede3')
    .option('--hex', 'write the key in hex (and a newline) instead of raw bytes')
    .requiredOption('-o, --out <file>', 'the key file, created with mode 0600')
    .option('--force', 'replace an existing file')
    .addHelpText('after', `
Examples:
  des-wasm keygen -o k.key                      # 24 raw bytes for des-ede3-cbc
  des-wasm keygen --cipher des --hex -o k.hex   # 16 hex digits for des-ecb / des-cbc
`)
    .action((options: { cipher: string; hex?: boolean; out: string; force?: boolean }) => {
      const kind = keyKind(options.cipher);
      if (!options.force && existsSync(options.out)) throw usage(`${options.out} exists: use --force to replace it`);
      const key = generateKey(kind);
      const content = options.hex ? hexLine(key) : Buffer.from(key);
      const file = new AtomicFile(options.out, 0o600);
      try {
        writeSync(file.descriptor, content);
        file.commit(options.force === true);       // without --force, never replaces a file that appeared meanwhile
        process.stdout.write(`KCV ${upperHex(kcv(key))}\n`);
      } catch (error) {
        file.abandon();
        throw error;
      } finally {
        key.fill(0);
        content.fill(0);
      }
    });
}

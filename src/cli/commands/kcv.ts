/** `des-wasm kcv`: a key check value, E_K(0) (ANSI X9.24) or CMAC_K(0), the first bytes in hex. */
import type { Command } from 'commander';
import { kcv } from '../../node.js';
import { warn } from '../errors.js';
import { printHex } from '../hex-line.js';
import { keyOption, warnAboutKey } from '../secrets.js';

export function register(program: Command): void {
  program.command('kcv')
    .description('Key check value: the first bytes of E_K(0) (or of CMAC_K(0) with --cmac)')
    .option('--key-file <file>', 'the key: raw or hex')
    .option('--key <hex>', 'the key in hex (shows in process listings: prefer --key-file)')
    .option('--cmac', 'the CMAC method (5 bytes)')
    .option('--length <bytes>', 'how many bytes (default 3, or 5 with --cmac)')
    .addHelpText('after', '\nExample:\n  des-wasm kcv --key-file k.key\n')
    .action((options: { key?: string; keyFile?: string; cmac?: boolean; length?: string }) => {
      const key = keyOption(options, [8, 16, 24], 'a DES or TDES key', warn);
      try {
        warnAboutKey(key, warn);
        const length = options.length === undefined ? undefined : Number(options.length);
        printHex(kcv(key, { method: options.cmac ? 'cmac' : 'legacy', length }));
      } finally {
        key.fill(0);
      }
    });
}

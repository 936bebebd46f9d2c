/** `des-wasm ciphers`: every cipher name, its canonical name, and its key and IV lengths. */
import type { Command } from 'commander';
import { getCipherInfo, getCiphers } from '../../node.js';

export function register(program: Command): void {
  program.command('ciphers')
    .description('List the cipher names (node:crypto\'s and OpenSSL\'s, and des-wasm\'s own: CTR, CBC with ciphertext stealing, CFB and OFB with n-bit segments)')
    .addHelpText('after', '\nExample:\n  des-wasm ciphers | grep ede3\n')
    .action(() => {
      for (const name of getCiphers()) {
        const info = getCipherInfo(name)!;
        process.stdout.write(`${name.padEnd(26)} ${info.name === name ? '' : `= ${info.name}  `}key ${info.keyLength}${info.ivLength ? ', IV 8' : ''}\n`);
      }
    });
}

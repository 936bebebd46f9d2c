/**
 * `des-wasm mac`: an ISO/IEC 9797-1 MAC (algorithm 1, CBC-MAC; algorithm 3, the retail MAC of
 * ANSI X9.19) or a TDES-CMAC of a file or stdin, streamed through the MAC's incremental form.
 */
import type { Command } from 'commander';
import { createReadStream, statSync } from 'node:fs';
import { cbcMac, cmac, retailMac } from '../../node.js';
import type { IsoPadding, Mac, MacLength } from '../../node.js';
import { usage, warn } from '../errors.js';
import { printHex } from '../hex-line.js';
import { keyOption } from '../secrets.js';

/** Each algorithm: its key lengths and its incremental MAC. */
type Create = (key: Uint8Array, padding: IsoPadding, length: MacLength, dataLength?: number) => Mac;
const ALGORITHMS: Record<string, { keyLengths: number[]; create: Create }> = {
  retail: { keyLengths: [16], create: (key, padding, length, dataLength) => retailMac.create(key, { padding, length, dataLength }) },
  cbc: { keyLengths: [8, 16, 24], create: (key, padding, length, dataLength) => cbcMac.create(key, { padding, length, dataLength }) },
  cmac: { keyLengths: [8, 16, 24], create: (key, _padding, length) => cmac.create(key, { length }) },
};

export function register(program: Command): void {
  program.command('mac')
    .description('ISO 9797-1 MAC (CBC-MAC, retail MAC / ANSI X9.19) or TDES-CMAC of a file, in hex')
    .requiredOption('--alg <alg>', 'retail, cbc or cmac')
    .option('--key-file <file>', 'the key: raw or hex')
    .option('--key <hex>', 'the key in hex (shows in process listings: prefer --key-file)')
    .option('-i, --in <file>', 'input file; - or absent for stdin')
    .option('--padding <method>', 'ISO 9797-1 padding method 1, 2 or 3 (retail, cbc)', '1')
    .option('--length <bytes>', 'MAC length: 4, 6 or 8', '8')
    .addHelpText('after', '\nExample:\n  des-wasm mac --alg retail --key-file kk.key -i message.bin --length 4\n')
    .action(async (options: { alg: string; key?: string; keyFile?: string; in?: string; padding: string; length: string }) => {
      if (!Object.prototype.hasOwnProperty.call(ALGORITHMS, options.alg)) throw usage(`--alg ${options.alg}: expected retail, cbc or cmac`);
      const algorithm = ALGORITHMS[options.alg];
      const key = keyOption(options, algorithm.keyLengths, `--alg ${options.alg}`, warn);
      try {
        // Padding method 3 puts the length first: a file's size is known, so it streams too (stdin is kept to the end).
        const file = options.in && options.in !== '-' ? options.in : undefined;
        const padding = Number(options.padding) as IsoPadding;
        const mac = algorithm.create(key, padding, Number(options.length) as MacLength,
          file !== undefined && padding === 3 ? statSync(file).size : undefined);
        const input = file !== undefined ? createReadStream(file) : process.stdin;
        try {
          for await (const chunk of input) mac.update(chunk as Buffer);
          printHex(mac.digest());
        } finally {
          mac.destroy();
        }
      } finally {
        key.fill(0);
      }
    });
}

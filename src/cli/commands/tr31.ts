/**
 * `des-wasm tr31 wrap` and `des-wasm tr31 unwrap`: TR-31 / ANSI X9.143 key blocks, versions A, B
 * and C, under a TDES KBPK. Keys come from files or env: (never the command line); unwrap prints
 * the header fields and the key's KCV, and the key itself only with --show-key. A block whose
 * MAC does not verify is a cryptographic failure (exit 1).
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { DesError } from '../../errors.js';
import { kcv } from '../../node.js';
import { tr31 } from '../../payments/index.js';
import { cryptoFailure, usage } from '../errors.js';
import { upperHex as HEX } from '../hex-line.js';
import { loadKey, parseHex } from '../secrets.js';

/** A MAC that does not verify is exit 1, as a bad decrypt is; other errors keep their meaning. */
function macFailureIsCryptographic(error: unknown): never {
  if (error instanceof DesError && error.code === 'ERR_TR31_MAC') {
    throw cryptoFailure('the key block\'s MAC does not verify: wrong KBPK, or the block was altered');
  }
  throw error;
}

/** The block from the argument, or from stdin when it is `-` or absent (surrounding white space dropped). */
function readBlock(argument: string | undefined): string {
  const text = argument === undefined || argument === '-' ? readFileSync(0, 'latin1') : argument;
  const block = text.trim();
  if (block === '') throw usage('no key block: give it as the argument, or on stdin');
  return block;
}

const EXAMPLES_WRAP = `
The key and the KBPK are files (raw bytes or hex) or env:VAR holding hex; the header is the
16-character TR-31 header, optional blocks after it (its length field is recomputed; a PB
block is added when the optional blocks do not end on 8 characters).

Examples (TR-31:2018 A.7.3.2's KBPK and BDK; unwrap prints KCV 9A4212 for the block):
  export KBPK=1D22BF32387C600AD97F9B97A51311AC BDK=E8BC63E5479455E26577F715D587FE68
  des-wasm tr31 wrap --kbpk env:KBPK --key env:BDK --header B0000B0TX12S0100KS1800604B120F9292800000
  des-wasm tr31 wrap --kbpk kbpk.key --key pin.key --header C0000P0TE00E0000 --masked-key-length 24
`;

const EXAMPLES_UNWRAP = `
Prints the header fields, the optional blocks and the key's KCV; the key only with --show-key.
Exit 1 when the MAC does not verify (wrong KBPK, altered block), 2 for a malformed block.

Example (TR-31:2018 A.7.3.2, key block version B; KCV 9A4212):
  export KBPK=1D22BF32387C600AD97F9B97A51311AC
  des-wasm tr31 unwrap --kbpk env:KBPK B0104B0TX12S0100KS1800604B120F9292800000BB68BE8680A400D9191AD4ECE45B6E6C0D21C4738A52190E248719E24B433627
`;

export function register(program: Command): void {
  const command = program.command('tr31')
    .description('TR-31 / ANSI X9.143 key blocks (versions A, B, C) under a TDES KBPK: wrap and unwrap')
    .addHelpText('after', `
Examples:
  des-wasm tr31 wrap --kbpk env:KBPK --key pin.key --header B0000P0TE00E0000
  des-wasm tr31 unwrap --kbpk env:KBPK B0104B0TX12S0100KS18…     # header fields and KCV
  des-wasm tr31 unwrap --help                                     # with a published block to try
`);

  command.command('wrap')
    .description('Wrap a DES or TDES key in a TR-31 key block; prints the block')
    .requiredOption('--kbpk <source>', 'key block protection key, 16 or 24 bytes: a key file (raw or hex) or env:VAR')
    .requiredOption('--key <source>', 'the key to wrap, 8, 16 or 24 bytes: a key file (raw or hex) or env:VAR')
    .requiredOption('--header <header>', 'the key block header, e.g. B0000P0TE00N0000 (length field recomputed)')
    .option('--masked-key-length <bytes>', 'size the payload for a key of this many bytes (hides the key length)')
    .option('--padding <hex>', 'the padding bytes exactly (to reproduce a block); default random')
    .addHelpText('after', EXAMPLES_WRAP)
    .action((options: { kbpk: string; key: string; header: string; maskedKeyLength?: string; padding?: string }) => {
      let maskedKeyLength: number | undefined;
      if (options.maskedKeyLength !== undefined) {
        if (!/^\d{1,4}$/.test(options.maskedKeyLength)) throw usage(`--masked-key-length ${options.maskedKeyLength}: expected a number of bytes`);
        maskedKeyLength = Number(options.maskedKeyLength);
      }
      const padding = options.padding === undefined ? undefined : parseHex(options.padding, '--padding');
      const kbpk = loadKey(options.kbpk, [16, 24], '--kbpk');
      let key: Uint8Array | undefined;
      try {
        key = loadKey(options.key, [8, 16, 24], '--key');
        process.stdout.write(tr31.wrap(kbpk, options.header, key, { maskedKeyLength, padding }) + '\n');
      } finally {
        kbpk.fill(0);
        key?.fill(0);
      }
    });

  command.command('unwrap')
    .description('Check and open a TR-31 key block: header fields and KCV (the key with --show-key)')
    .argument('[block]', 'the key block; - or absent for stdin')
    .requiredOption('--kbpk <source>', 'key block protection key, 16 or 24 bytes: a key file (raw or hex) or env:VAR')
    .option('--show-key', 'also print the clear key')
    .addHelpText('after', EXAMPLES_UNWRAP)
    .action((argument: string | undefined, options: { kbpk: string; showKey?: boolean }) => {
      const block = readBlock(argument);
      const kbpk = loadKey(options.kbpk, [16, 24], '--kbpk');
      let key: Uint8Array | undefined;
      try {
        let header;
        try {
          ({ header, key } = tr31.unwrap(kbpk, block));
        } catch (error) {
          macFailureIsCryptographic(error);
        }
        const lines = [
          `version           ${header.version}`,
          `key usage         ${header.keyUsage}`,
          `algorithm         ${header.algorithm}`,
          `mode of use       ${header.modeOfUse}`,
          `key version       ${header.keyVersionNumber}`,
          `exportability     ${header.exportability}`,
          `optional blocks   ${header.optionalBlocks.length}`,
          ...header.optionalBlocks.map(([id, data]) => `  ${id} ${data}`),
          `key length        ${key.length} bytes`,
          `KCV               ${HEX(kcv(key))}`,
        ];
        if (options.showKey) lines.push(`key               ${HEX(key)}`);
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        kbpk.fill(0);
        key?.fill(0);
      }
    });
}

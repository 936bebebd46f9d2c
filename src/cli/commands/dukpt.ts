/**
 * `des-wasm dukpt`: TDES DUKPT (ANSI X9.24-1:2009) for the people who test terminals and hosts:
 * the IPEK and working keys with their KCVs for a BDK (or IPEK) and KSN, PIN blocks, X9.19 MACs
 * and data encryption under the request / response keys. The BDK or IPEK comes from env:VAR or
 * a key file, never from the command line; KSNs, blocks and data are hex.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { kcv } from '../../node.js';
import type { Padding } from '../../node.js';
import { dukpt } from '../../payments/index.js';
import type { DukptDirection, DukptSource, DukptUsage } from '../../payments/index.js';
import { usage, warn } from '../errors.js';
import { loadKey, parseHex, readPin } from '../secrets.js';
import { printHex, upperHex as upper } from '../hex-line.js';
import { decrypting, parseFormat, printPin } from './pinblock.js';


interface SourceOptions { bdk?: string; ipek?: string; ksn: string }

/** Run `f` with { bdk } or { ipek } loaded from its source, and the KSN; the key is wiped after. */
function withSource<T>(options: SourceOptions, f: (source: DukptSource, ksn: Uint8Array) => T): T {
  if ((options.bdk === undefined) === (options.ipek === undefined)) throw usage('give --bdk or --ipek (one of them)');
  const ksn = parseHex(options.ksn, '--ksn', 10);
  const key = options.bdk !== undefined ? loadKey(options.bdk, 16, '--bdk') : loadKey(options.ipek!, 16, '--ipek');
  try {
    return f(options.bdk !== undefined ? { bdk: key } : { ipek: key }, ksn);
  } finally {
    key.fill(0);
  }
}

function parseDirection(value: string): DukptDirection {
  if (value !== 'request' && value !== 'response') throw usage(`--direction ${value}: expected request or response`);
  return value;
}

/** The data: --data hex, or -i FILE (raw bytes; - for stdin). */
function readData(options: { data?: string; in?: string }): Uint8Array {
  if ((options.data === undefined) === (options.in === undefined)) throw usage('give --data HEX or -i FILE (one of them)');
  if (options.data !== undefined) return options.data === '' ? new Uint8Array(0) : parseHex(options.data, '--data');
  return new Uint8Array(readFileSync(options.in === '-' ? 0 : options.in!));
}

const sourceOptions = (c: Command) => c
  .option('--bdk <source>', 'the 16-byte base derivation key: env:VAR or a key file (host side)')
  .option('--ipek <source>', 'the 16-byte initial key: env:VAR or a key file (terminal side)')
  .requiredOption('--ksn <hex>', 'the key serial number, 20 hex digits');

const USAGES: [DukptUsage, string][] = [
  ['transaction', 'transaction'], ['pin', 'PIN'], ['macRequest', 'MAC request'], ['macResponse', 'MAC response'],
  ['dataRequest', 'data request'], ['dataResponse', 'data response'],
];

export function register(program: Command): void {
  const command = program.command('dukpt')
    .description('TDES DUKPT (ANSI X9.24-1:2009): keys and KCVs, PIN blocks, X9.19 MACs, data encryption')
    .addHelpText('after', `
Examples (the ANSI X9.24-1:2009 A.4 test BDK 0123456789ABCDEFFEDCBA9876543210 in $BDK):
  des-wasm dukpt keys --bdk env:BDK --ksn FFFF9876543210E00001
  des-wasm dukpt decrypt-pin --bdk env:BDK --ksn FFFF9876543210E00001 --block 1B9C1845EB993A7A --pan 4012345678909
  des-wasm dukpt mac --bdk env:BDK --ksn FFFF9876543210E00001 --direction request -i message.bin
  des-wasm dukpt decrypt --bdk env:BDK --ksn FFFF9876543210E00001 --direction request --data FC0D53B7EA1FDA9EE68AAF2E70D9B9506229BE2AA993F04F

--bdk (host side) or --ipek (terminal side): env:VAR (32 hex digits in the variable) or a key file.
`);

  sourceOptions(command.command('keys'))
    .description('The IPEK (from a BDK) and the working keys for a KSN, each with its KCV')
    .option('--variant-only', 'data keys without the 2009 one-way step (older devices)')
    .option('--kcv-only', 'print the KCVs, not the keys')
    .addHelpText('after', '\nExample:\n  des-wasm dukpt keys --bdk env:BDK --ksn FFFF9876543210E00001\n')
    .action((options: SourceOptions & { variantOnly?: boolean; kcvOnly?: boolean }) => {
      withSource(options, (source, ksn) => {
        const { iksn, counter } = dukpt.parseKsn(ksn);
        const lines = [`KSN            ${upper(ksn)}`, `IKSN           ${upper(iksn)}`, `counter        ${counter.toString(16).toUpperCase().padStart(6, '0')}`];
        const show = (label: string, key: Uint8Array) => {
          lines.push(`${label.padEnd(14)} ${options.kcvOnly ? '' : `${upper(key)}  `}KCV ${upper(kcv(key))}`);
          key.fill(0);
        };
        if ('bdk' in source) show('IPEK', dukpt.ipek(source.bdk, ksn));
        for (const [name, label] of USAGES) show(label, dukpt.deriveKey(source, ksn, name, { variantOnly: options.variantOnly === true }));
        process.stdout.write(lines.join('\n') + '\n');
      });
    });

  sourceOptions(command.command('encrypt-pin'))
    .description('Encode a PIN block and encrypt it under the PIN key of the KSN (terminal side)')
    .requiredOption('--pin <source>', 'the PIN: env:VAR, file:PATH, or the digits')
    .option('--format <n>', 'ISO 9564-1 format: 0, 1, 2 or 3', '0')
    .option('--pan <digits>', 'the PAN, 13 to 19 digits (formats 0 and 3)')
    .option('--fill <hex>', 'formats 1 and 3: the fill digits (default random)')
    .addHelpText('after', '\nExample:\n  des-wasm dukpt encrypt-pin --ipek env:IPEK --ksn FFFF9876543210E00001 --pin env:PIN --pan 4012345678909\n')
    .action((options: SourceOptions & { pin: string; format: string; pan?: string; fill?: string }) => {
      const fields = { format: parseFormat(options.format), pin: readPin(options.pin, warn), pan: options.pan, fill: options.fill };
      printHex(withSource(options, (source, ksn) => dukpt.encryptPin(source, ksn, fields)));
    });

  sourceOptions(command.command('decrypt-pin'))
    .description('Decrypt a PIN block under the PIN key of the KSN and decode it')
    .requiredOption('--block <hex>', 'the encrypted block, 16 hex digits')
    .option('--pan <digits>', 'the PAN (formats 0 and 3)')
    .addHelpText('after', '\nExample:\n  des-wasm dukpt decrypt-pin --bdk env:BDK --ksn FFFF9876543210E00001 --block 1B9C1845EB993A7A --pan 4012345678909\n')
    .action((options: SourceOptions & { block: string; pan?: string }) => {
      const block = parseHex(options.block, '--block', 8);
      printPin(withSource(options, (source, ksn) => decrypting(() => dukpt.decryptPin(source, ksn, block, { pan: options.pan }))));
    });

  sourceOptions(command.command('mac'))
    .description('ANSI X9.19 MAC (ISO 9797-1 alg. 3, padding 1) under the MAC request or response key, in hex')
    .requiredOption('--direction <dir>', 'request or response')
    .option('--length <bytes>', 'MAC length: 4 or 8', '8')
    .option('--data <hex>', 'the message in hex')
    .option('-i, --in <file>', 'the message as a file (- for stdin)')
    .addHelpText('after', '\nExample:\n  des-wasm dukpt mac --bdk env:BDK --ksn FFFF9876543210E00001 --direction request --length 4 -i message.bin\n')
    .action((options: SourceOptions & { direction: string; length: string; data?: string; in?: string }) => {
      const direction = parseDirection(options.direction);
      if (options.length !== '4' && options.length !== '8') throw usage(`--length ${options.length}: expected 4 or 8`);
      const data = readData(options);
      printHex(withSource(options, (source, ksn) => dukpt.mac(source, ksn, data, { direction, length: Number(options.length) as 4 | 8 })));
    });

  for (const verb of ['encrypt', 'decrypt'] as const) {
    sourceOptions(command.command(verb))
      .description(`TDES-CBC ${verb}ion under the data request or response key (output in hex)`)
      .requiredOption('--direction <dir>', 'request or response')
      .option('--iv <hex>', 'the IV, 16 hex digits (default zeros)')
      .option('--padding <scheme>', 'zero (default), none, pkcs7, iso7816, x923 or iso10126')
      .option('--data <hex>', `the ${verb === 'encrypt' ? 'plaintext' : 'ciphertext'} in hex`)
      .option('-i, --in <file>', `the ${verb === 'encrypt' ? 'plaintext' : 'ciphertext'} as a file of raw bytes (- for stdin)`)
      .addHelpText('after', `\nExample:\n  des-wasm dukpt ${verb} --bdk env:BDK --ksn FFFF9876543210E00001 --direction request --data ${verb === 'encrypt'
        ? '3430313233343536373839303944393837' : 'FC0D53B7EA1FDA9EE68AAF2E70D9B9506229BE2AA993F04F'}\n`)
      .action((options: SourceOptions & { direction: string; iv?: string; padding?: string; data?: string; in?: string }) => {
        const direction = parseDirection(options.direction);
        const iv = options.iv === undefined ? undefined : parseHex(options.iv, '--iv', 8);
        const data = readData(options);
        const run = verb === 'encrypt' ? dukpt.encryptData : dukpt.decryptData;
        printHex(withSource(options, (source, ksn) => run(source, ksn, data, { direction, iv, padding: options.padding as Padding | undefined })));
      });
  }
}

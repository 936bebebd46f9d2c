/**
 * `des-wasm pinblock`: ISO 9564-1 PIN blocks, formats 0 to 3, for the people who test terminals
 * and hosts. encode / decode work on clear blocks; encrypt / decrypt / translate take keys
 * (DES 8 bytes, TDES 16 or 24) from env:VAR or a key file, never from the command line.
 */
import type { Command } from 'commander';
import { DesError } from '../../node.js';
import { pinBlock } from '../../payments/index.js';
import type { DecodedPinBlock, PinBlockFormat } from '../../payments/index.js';
import { cryptoFailure, usage, warn } from '../errors.js';
import { printHex } from '../hex-line.js';
import { parseHex, readPin, withKey } from '../secrets.js';

const KEY_LENGTHS = [8, 16, 24];

export function parseFormat(value: string, what = '--format'): PinBlockFormat {
  if (!/^[0-4]$/.test(value)) throw usage(`${what} ${value}: expected 0, 1, 2 or 3`);
  return Number(value) as PinBlockFormat;                 // 4 reaches the library, which says why not
}

/** The decoded block, one field a line. */
export function printPin(decoded: DecodedPinBlock): void {
  process.stdout.write(`format: ${decoded.format}\npin: ${decoded.pin}\n`);
}

/**
 * Run a decryption; a block that does not decode under the key and PAN given is a cryptographic
 * failure (exit 1: wrong key, wrong PAN or not a PIN block), not a usage error.
 */
export function decrypting<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof DesError && /^ERR_PIN_BLOCK_(FORMAT|LENGTH|DIGIT|FILL)$/.test(error.code)) {
      throw cryptoFailure(`${error.message}: wrong key or PAN, or not a PIN block`);
    }
    throw error;
  }
}

interface FieldOptions { format: string; pin: string; pan?: string; fill?: string }
const fieldsOf = (o: FieldOptions) => ({ format: parseFormat(o.format), pin: readPin(o.pin, warn), pan: o.pan, fill: o.fill });

export function register(program: Command): void {
  const command = program.command('pinblock')
    .description('ISO 9564-1 PIN blocks (formats 0, 1, 2, 3): encode, decode, encrypt, decrypt, translate')
    .addHelpText('after', `
Examples (values from vectors/payments/iso9564_pin_blocks.json):
  des-wasm pinblock encode --format 0 --pin env:PIN --pan 4012345678909        # 041274EDCBA9876F for PIN 1234
  des-wasm pinblock decode --block 041274EDCBA9876F --pan 4012345678909
  des-wasm pinblock encrypt --key env:ZPK --format 0 --pin env:PIN --pan 4451234567890129
  des-wasm pinblock decrypt --key zpk.key --block ABC5E23474210DAC --pan 4451234567890129
  des-wasm pinblock translate --from-key env:ZPK --to-key env:ZPK2 --block ABC5E23474210DAC --pan 4451234567890129 --to-format 3

Keys: env:VAR (hex in the variable) or a key file (raw or hex): 8 bytes DES, 16 or 24 bytes TDES.
PINs: --pin env:VAR or --pin file:PATH (the digits on the command line work, with a warning).
`);

  command.command('encode')
    .description('The clear PIN block, in hex')
    .requiredOption('--format <n>', 'ISO 9564-1 format: 0, 1, 2 or 3')
    .requiredOption('--pin <source>', 'the PIN: env:VAR, file:PATH, or the digits')
    .option('--pan <digits>', 'the PAN, 13 to 19 digits (formats 0 and 3)')
    .option('--fill <hex>', 'formats 1 and 3: the 14 - (PIN length) fill digits (default random)')
    .addHelpText('after', '\nExample:\n  des-wasm pinblock encode --format 0 --pin env:PIN --pan 4012345678909\n')
    .action((options: FieldOptions) => printHex(pinBlock.encode(fieldsOf(options))));

  command.command('decode')
    .description('The format and PIN of a clear PIN block')
    .requiredOption('--block <hex>', 'the clear block, 16 hex digits')
    .option('--pan <digits>', 'the PAN (formats 0 and 3)')
    .addHelpText('after', '\nExample:\n  des-wasm pinblock decode --block 041274EDCBA9876F --pan 4012345678909\n')
    .action((options: { block: string; pan?: string }) => {
      printPin(pinBlock.decode(parseHex(options.block, '--block', 8), { pan: options.pan }));
    });

  command.command('encrypt')
    .description('Encode and encrypt a PIN block (DES or TDES ECB)')
    .requiredOption('--key <source>', 'the PIN encryption key: env:VAR or a key file')
    .requiredOption('--format <n>', 'ISO 9564-1 format: 0, 1, 2 or 3')
    .requiredOption('--pin <source>', 'the PIN: env:VAR, file:PATH, or the digits')
    .option('--pan <digits>', 'the PAN, 13 to 19 digits (formats 0 and 3)')
    .option('--fill <hex>', 'formats 1 and 3: the fill digits (default random)')
    .addHelpText('after', '\nExample:\n  des-wasm pinblock encrypt --key env:ZPK --format 0 --pin env:PIN --pan 4451234567890129\n')
    .action((options: FieldOptions & { key: string }) => {
      const fields = fieldsOf(options);
      printHex(withKey(options.key, KEY_LENGTHS, '--key', (key) => pinBlock.encrypt(key, fields)));
    });

  command.command('decrypt')
    .description('Decrypt and decode a PIN block')
    .requiredOption('--key <source>', 'the PIN encryption key: env:VAR or a key file')
    .requiredOption('--block <hex>', 'the encrypted block, 16 hex digits')
    .option('--pan <digits>', 'the PAN (formats 0 and 3)')
    .addHelpText('after', '\nExample:\n  des-wasm pinblock decrypt --key zpk.key --block ABC5E23474210DAC --pan 4451234567890129\n')
    .action((options: { key: string; block: string; pan?: string }) => {
      const block = parseHex(options.block, '--block', 8);
      printPin(withKey(options.key, KEY_LENGTHS, '--key', (key) => decrypting(() => pinBlock.decrypt(key, block, { pan: options.pan }))));
    });

  command.command('translate')
    .description('Re-encrypt a PIN block under another key, optionally to another format or PAN')
    .requiredOption('--from-key <source>', 'the key the block is under: env:VAR or a key file')
    .requiredOption('--to-key <source>', 'the key to put it under: env:VAR or a key file')
    .requiredOption('--block <hex>', 'the encrypted block, 16 hex digits')
    .option('--pan <digits>', 'the PAN of the incoming block (formats 0 and 3)')
    .option('--to-format <n>', 'the outgoing format (default the incoming one)')
    .option('--to-pan <digits>', 'the outgoing PAN (default --pan)')
    .option('--fill <hex>', 'outgoing formats 1 and 3: the fill digits (default random)')
    .addHelpText('after', '\nExample:\n  des-wasm pinblock translate --from-key env:ZPK --to-key env:ZPK2 --block ABC5E23474210DAC --pan 4451234567890129 --to-format 3\n')
    .action((options: { fromKey: string; toKey: string; block: string; pan?: string; toFormat?: string; toPan?: string; fill?: string }) => {
      const block = parseHex(options.block, '--block', 8);
      const toFormat = options.toFormat === undefined ? undefined : parseFormat(options.toFormat, '--to-format');
      const out = withKey(options.fromKey, KEY_LENGTHS, '--from-key', (fromKey) => withKey(options.toKey, KEY_LENGTHS, '--to-key', (toKey) =>
        decrypting(() => pinBlock.translate(fromKey, toKey, block, { pan: options.pan, toFormat, toPan: options.toPan, fill: options.fill }))));
      printHex(out);
    });
}

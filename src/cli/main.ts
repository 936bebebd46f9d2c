/**
 * The des-wasm command line: encrypt and decrypt files (raw keys, or passwords in the `openssl
 * enc` format), make keys, compute MACs and key check values, and walk through Grabbe's
 * "The DES Algorithm Illustrated" for any key and block.
 */
import { Command, CommanderError } from 'commander';
import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';
import { generateKey, getCiphers, kcv } from '../node.js';
import { cbcMac, cmac, retailMac } from '../mac.js';
import { cipherInfo } from '../names.js';
import { describeFailure, usage } from './errors.js';
import { crypt } from './crypt.js';
import type { CryptOptions } from './crypt.js';
import { parseHex, readKeyFile, warnAboutKey } from './secrets.js';
import { AtomicFile } from './streams.js';
import { traceJson, traceText } from './trace.js';
import { demo } from './demo.js';

const warn = (line: string) => process.stderr.write(`des-wasm: ${line}\n`);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

function cryptCommand(program: Command, direction: 'encrypt' | 'decrypt'): void {
  const verb = direction === 'encrypt' ? 'Encrypt' : 'Decrypt';
  program.command(direction)
    .description(`${verb} a file (or stdin) with a raw key or a password (OpenSSL enc format)`)
    .option('-i, --in <file>', 'input file; - or absent for stdin')
    .option('-o, --out <file>', 'output file, written atomically; - or absent for stdout')
    .option('-c, --cipher <name>', 'any name of `des-wasm ciphers`', 'des-ede3-cbc')
    .option('--key-file <file>', 'raw key: the key bytes, or hex')
    .option('--key <hex>', 'raw key in hex (shows in process listings: prefer --key-file)')
    .option('--iv <hex>', 'IV in hex, with a raw key')
    .option('--padding <scheme>', 'pkcs7 (default) or none')
    .option('--pass <source>', 'password: pass:TEXT, env:VAR, file:PATH, fd:N or stdin')
    .option('--iter <n>', 'PBKDF2 iterations (default 10000)')
    .option('--md <digest>', 'sha256 (default), sha1, sha512; md5 with --legacy-kdf')
    .option('--legacy-kdf', 'EVP_BytesToKey instead of PBKDF2 (old OpenSSL, crypto-js)')
    .option('--nosalt', 'no salt and no "Salted__" header (as openssl -nosalt)')
    .option('-a, --base64', 'base64 output (encrypt) or input (decrypt), 64-character lines')
    .option('--progress', 'show a progress bar (default: on a terminal, for inputs over 4 MiB)')
    .option('--no-progress', 'never show a progress bar')
    .option('-v, --verbose', 'print cipher, key derivation and throughput at the end')
    .addHelpText('after', direction === 'encrypt' ? `
Examples:
  des-wasm encrypt -i report.pdf -o report.pdf.enc --pass env:PASSWORD
  des-wasm encrypt -a --cipher des-ede-cbc --pass file:pw.txt < in > out.b64
  des-wasm encrypt --cipher des-ecb --key-file k.key -i notes.txt -o notes.enc   # the original C program's format
` : `
Examples:
  des-wasm decrypt -i report.pdf.enc -o report.pdf --pass env:PASSWORD
  openssl enc -d -des-ede3-cbc -pbkdf2 ... is read by: des-wasm decrypt --pass ...
  des-wasm decrypt --cipher des-ecb --key-file k.key -i notes.enc -o notes.txt   # files of the original C program
`)
    .action(async (options: CryptOptions & { nosalt?: boolean }) => {
      await crypt(direction, { ...options, salt: options.nosalt ? false : undefined }, warn);
    });
}

function macKey(options: { key?: string; keyFile?: string }, lengths: number[]): Uint8Array {
  if ((options.key === undefined) === (options.keyFile === undefined)) throw usage('give --key or --key-file (one of them)');
  if (options.key !== undefined) {
    warn('warning: a key on the command line shows in process listings; prefer --key-file');
    const key = parseHex(options.key, '--key');
    if (!lengths.includes(key.length)) throw usage(`--key must be ${lengths.join(' or ')} bytes, got ${key.length}`);
    return key;
  }
  const raw = readFileSync(options.keyFile!);
  const length = lengths.find((n) => raw.length === n || raw.toString('latin1').replace(/\s+/g, '').length === 2 * n);
  raw.fill(0);
  if (length === undefined) throw usage(`${options.keyFile}: expected a key of ${lengths.join(' or ')} bytes (raw or hex)`);
  return readKeyFile(options.keyFile!, length);
}

export function buildProgram(): Command {
  const program = new Command('des-wasm')
    .description('DES and Triple-DES in WebAssembly: encrypt files, make keys, MACs and KCVs, and see DES work step by step')
    .version('0.1.0')
    .showHelpAfterError('(add --help for the options and examples)')
    .exitOverride();

  cryptCommand(program, 'encrypt');
  cryptCommand(program, 'decrypt');

  program.command('keygen')
    .description('Make a random key with odd parity, never weak or degenerate; prints its KCV')
    .option('-c, --cipher <kind>', 'des, des-ede (16 bytes) or des-ede3 (24 bytes)', 'des-ede3')
    .option('--hex', 'write the key in hex instead of raw bytes')
    .requiredOption('-o, --out <file>', 'the key file (created with mode 0600)')
    .option('--force', 'replace an existing file')
    .addHelpText('after', '\nExample:\n  des-wasm keygen --cipher des-ede3 -o k.key\n')
    .action((options: { cipher: string; hex?: boolean; out: string; force?: boolean }) => {
      const kinds: Record<string, 'des' | 'tdes2' | 'tdes3'> = { des: 'des', 'des-ede': 'tdes2', 'des-ede3': 'tdes3' };
      const kind = kinds[options.cipher];
      if (!kind) throw usage(`--cipher ${options.cipher}: expected des, des-ede or des-ede3`);
      const key = generateKey(kind);
      const content = options.hex ? Buffer.from(hex(key) + '\n') : Buffer.from(key);
      try {
        if (options.force) {
          const file = new AtomicFile(options.out, 0o600);
          writeSync(file.descriptor, content);
          file.commit();
        } else {
          let fd: number;
          try {
            fd = openSync(options.out, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw usage(`${options.out} exists: use --force to replace it`);
            throw error;
          }
          writeSync(fd, content);
          closeSync(fd);
        }
        process.stdout.write(`KCV ${hex(kcv(key))}\n`);
      } finally {
        key.fill(0);
        content.fill(0);
      }
    });

  program.command('trace')
    .description('Walk one block through DES as Grabbe\'s "The DES Algorithm Illustrated" does')
    .option('--key <hex>', '64-bit key', '133457799BBCDFF1')
    .option('--block <hex>', '64-bit block', '0123456789ABCDEF')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  des-wasm trace --key 0E329232EA6D0D73 --block 8787878787878787\n')
    .action((options: { key: string; block: string; json?: boolean }) => {
      const key = parseHex(options.key, '--key', 8), block = parseHex(options.block, '--block', 8);
      process.stdout.write((options.json ? traceJson(key, block) : traceText(key, block)) + '\n');
    });

  program.command('mac')
    .description('ISO 9797-1 MAC (CBC-MAC, retail MAC / ANSI X9.19) or TDES-CMAC of a file, in hex')
    .requiredOption('--alg <alg>', 'retail, cbc or cmac')
    .option('--key-file <file>', 'the key: raw or hex')
    .option('--key <hex>', 'the key in hex')
    .option('-i, --in <file>', 'input file; - or absent for stdin')
    .option('--padding <method>', 'ISO 9797-1 padding method 1, 2 or 3 (retail, cbc)', '1')
    .option('--length <bytes>', 'MAC length: 4, 6 or 8', '8')
    .addHelpText('after', '\nExample:\n  des-wasm mac --alg retail --key-file kk.key -i message.bin --length 4\n')
    .action((options: { alg: string; key?: string; keyFile?: string; in?: string; padding: string; length: string }) => {
      const data = options.in && options.in !== '-' ? readFileSync(options.in) : readFileSync(0);
      const length = Number(options.length) as 4 | 6 | 8;
      const padding = Number(options.padding) as 1 | 2 | 3;
      let mac: Uint8Array;
      if (options.alg === 'retail') mac = retailMac(macKey(options, [16]), data, { padding, length });
      else if (options.alg === 'cbc') mac = cbcMac(macKey(options, [8, 16, 24]), data, { padding, length });
      else if (options.alg === 'cmac') mac = cmac(macKey(options, [8, 16, 24]), data, { length });
      else throw usage(`--alg ${options.alg}: expected retail, cbc or cmac`);
      process.stdout.write(hex(mac) + '\n');
    });

  program.command('kcv')
    .description('Key check value: the first bytes of E_K(0) (or of CMAC_K(0) with --cmac)')
    .option('--key-file <file>', 'the key: raw or hex')
    .option('--key <hex>', 'the key in hex')
    .option('--cmac', 'the CMAC method (5 bytes)')
    .option('--length <bytes>', 'how many bytes (default 3, or 5 with --cmac)')
    .addHelpText('after', '\nExample:\n  des-wasm kcv --key-file k.key\n')
    .action((options: { key?: string; keyFile?: string; cmac?: boolean; length?: string }) => {
      const key = macKey(options, [8, 16, 24]);
      warnAboutKey(key, warn);
      const length = options.length === undefined ? undefined : Number(options.length);
      process.stdout.write(hex(kcv(key, { method: options.cmac ? 'cmac' : 'legacy', length })) + '\n');
      key.fill(0);
    });

  program.command('ciphers')
    .description('List the cipher names (node:crypto\'s and OpenSSL\'s, plus DES CTR)')
    .action(() => {
      for (const name of getCiphers()) {
        const info = cipherInfo(name);
        process.stdout.write(`${name.padEnd(26)} ${info.name === name ? '' : `= ${info.name}  `}key ${info.keyLength}${info.ivLength ? ', IV 8' : ''}\n`);
      }
    });

  program.command('demo')
    .description('Encrypt and decrypt the bundled sample, check the round trip, and say what happened (npm start)')
    .action(async () => demo(warn));

  program.command('bench')
    .description('Run the benchmark against node:crypto and the JavaScript libraries (from a clone of the repository)')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) => {
      const runner = new URL('../bench/run.mjs', import.meta.url);
      process.argv = [process.argv[0], runner.pathname, ...args];
      try {
        await import(runner.href);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
          throw usage('the benchmark runs from a clone of the repository: npm run bench');
        }
        throw error;
      }
    });
  return program;
}

async function main(): Promise<void> {
  const abandonAll = (signal: NodeJS.Signals, code: number) => () => {
    for (const file of AtomicFile.open) file.abandon();
    warn(`interrupted (${signal}): no output file was left behind`);
    process.exit(code);
  };
  process.on('SIGINT', abandonAll('SIGINT', 130));
  process.on('SIGTERM', abandonAll('SIGTERM', 143));
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exit(error.exitCode === 0 ? 0 : 2);
    }
    const { exitCode, message } = describeFailure(error);
    warn(message);
    process.exit(exitCode);
  }
}

void main();

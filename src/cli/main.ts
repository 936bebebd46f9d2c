/**
 * The des-wasm command line: encrypt and decrypt files (raw keys, or passwords in the `openssl
 * enc` format), make keys, compute MACs and key check values, and walk through Grabbe's
 * "The DES Algorithm Illustrated" for any key and block.
 */
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateKey, getCiphers, kcv } from '../node.js';
import type { KeyKind } from '../node.js';
import { cbcMac, cmac, retailMac } from '../mac/index.js';
import { cipherRecord } from '../registry.js';
import { describeFailure, usage } from './errors.js';
import { crypt } from './crypt.js';
import type { CryptOptions } from './crypt.js';
import { hexLine } from './hex-line.js';
import { parseHex, readKeyFile, warnAboutKey } from './secrets.js';
import { AtomicFile } from './streams.js';
import { traceJson, traceText } from './trace.js';
import { demo } from './demo.js';
import { COMMANDS } from './commands/index.js';

const warn = (line: string) => process.stderr.write(`des-wasm: ${line}\n`);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/** The key to make for `keygen --cipher`: des, des-ede, des-ede3, or any DES or Triple-DES cipher name. */
function keyKind(name: string): KeyKind {
  const byLength: Record<number, KeyKind> = { 8: 'des', 16: 'tdes2', 24: 'tdes3' };
  let info;
  try { info = cipherRecord(name); } catch { info = undefined; }
  if (info && info.kernel !== 'wrap' && (info.algorithm === 'des' || info.algorithm === 'tdes')) return byLength[info.keyLength];
  throw usage(`--cipher ${name}: expected des, des-ede or des-ede3 (or a DES or Triple-DES cipher name such as des-ede3-cbc)`);
}

function cryptCommand(program: Command, direction: 'encrypt' | 'decrypt'): void {
  const verb = direction === 'encrypt' ? 'Encrypt' : 'Decrypt';
  program.command(direction)
    .description(`${verb} a file (or stdin) with a raw key or a password (OpenSSL enc format)`)
    .option('-i, --in <file>', 'input file; - or absent for stdin')
    .option('-o, --out <file>', 'output file, written atomically; - or absent for stdout')
    .option('-c, --cipher <name>', 'any name that `des-wasm ciphers` lists', 'des-ede3-cbc')
    .option('--key-file <file>', 'raw key: a file of the key bytes, or of hex (length checked against the cipher)')
    .option('--key <hex>', 'raw key in hex (shows in process listings: prefer --key-file)')
    .option('--iv <hex>', 'IV in hex, with a raw key')
    .option('--padding <scheme>', 'ECB and CBC: pkcs7 (default), none, zero, iso7816, x923 or iso10126')
    .option('--pass <source>', 'password: env:VAR, file:PATH (first line), fd:N, stdin (first line), or pass:TEXT (shows in process listings)')
    .option('--iter <n>', 'PBKDF2 iterations (default 10000)')
    .option('--md <digest>', 'digest of the key derivation: sha256 (default, as openssl enc), sha1, sha384, sha512; md5 with --legacy-kdf')
    .option('--legacy-kdf', 'EVP_BytesToKey instead of PBKDF2 (openssl enc without -pbkdf2), SHA-256 unless --md; crypto-js and OpenSSL before 1.1.0: --legacy-kdf --md md5')
    .option('--nosalt', 'no salt and no "Salted__" header (as openssl -nosalt)')
    .option('-a, --base64', 'base64 output (encrypt) or input (decrypt), 64-character lines')
    .option('--progress', 'show a progress bar (default: on a terminal, for inputs over 4 MiB)')
    .option('--no-progress', 'never show a progress bar')
    .option('-v, --verbose', 'print cipher, key derivation and throughput at the end')
    .addHelpText('after', direction === 'encrypt' ? `
Without --key, --key-file or --pass, the password is asked for on the terminal (twice, no echo).

Examples:
  des-wasm encrypt -i report.pdf -o report.pdf.enc --pass env:PASSWORD
      = openssl enc -des-ede3-cbc -pbkdf2 -pass env:PASSWORD -in report.pdf -out report.pdf.enc
  des-wasm encrypt -a --cipher des-ede-cbc --pass file:pw.txt < in.txt > out.b64
  des-wasm encrypt --legacy-kdf --md md5 -a --pass pass:secret -i in.txt   # what crypto-js and old openssl read
  des-wasm encrypt --cipher des-ecb --key-file k.key -i notes.txt -o notes.enc   # the original C program's format
  des-wasm encrypt --cipher des-ede3-cbc --key-file k24.key --iv 0001020304050607 -i in -o out
` : `
Without --key, --key-file or --pass, the password is asked for on the terminal (no echo).

Examples:
  des-wasm decrypt -i report.pdf.enc -o report.pdf --pass env:PASSWORD
      reads what openssl enc -des-ede3-cbc -pbkdf2 -pass env:PASSWORD wrote
  des-wasm decrypt -a --legacy-kdf --md md5 --pass pass:secret -i from-crypto-js.b64 -o plain.txt
  des-wasm decrypt --cipher des-ecb --key-file k.key -i notes.enc -o notes.txt   # files of the original C program
  cat big.enc | des-wasm decrypt --pass fd:3 3<pw.txt | tar x
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
  return readKeyFile(options.keyFile!, lengths);
}

export function buildProgram(): Command {
  const program = new Command('des-wasm')
    .description('DES and Triple-DES in WebAssembly: encrypt files, make keys, MACs and KCVs, and see DES work step by step')
    .version('0.1.0')
    .addHelpText('after', `
Examples:
  des-wasm encrypt -i notes.txt -o notes.enc --pass env:PASSWORD      # openssl enc -des-ede3-cbc -pbkdf2 reads it
  des-wasm decrypt --cipher des-ecb --key-file k.key -i f.enc -o f    # files of the original C program
  des-wasm keygen --cipher des -o k.key
  des-wasm trace                                                      # Grabbe's worked example

Exit codes: 0 success; 1 cryptographic failure (bad decrypt: wrong password or key, corrupted or
truncated input); 2 usage or I/O error (unknown option or cipher, wrong key length, missing file,
unwritable output). Use \`des-wasm <command> --help\` for each command's options.
`)
    // Commander's own errors (unknown command or option, missing value) are thrown, not printed:
    // main() prints each as one line, as every other usage error. Subcommands inherit both.
    .configureOutput({ outputError: () => {} })
    .exitOverride();

  cryptCommand(program, 'encrypt');
  cryptCommand(program, 'decrypt');

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
        process.stdout.write(`KCV ${hex(kcv(key))}\n`);
      } catch (error) {
        file.abandon();
        throw error;
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
      if (!['retail', 'cbc', 'cmac'].includes(options.alg)) throw usage(`--alg ${options.alg}: expected retail, cbc or cmac`);
      const key = macKey(options, options.alg === 'retail' ? [16] : [8, 16, 24]);
      try {
        const mac = options.alg === 'retail' ? retailMac(key, data, { padding, length })
          : options.alg === 'cbc' ? cbcMac(key, data, { padding, length }) : cmac(key, data, { length });
        process.stdout.write(hex(mac) + '\n');
      } finally {
        key.fill(0);
      }
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
      try {
        warnAboutKey(key, warn);
        const length = options.length === undefined ? undefined : Number(options.length);
        process.stdout.write(hex(kcv(key, { method: options.cmac ? 'cmac' : 'legacy', length })) + '\n');
      } finally {
        key.fill(0);
      }
    });

  program.command('ciphers')
    .description('List the cipher names (node:crypto\'s and OpenSSL\'s, plus DES CTR)')
    .addHelpText('after', '\nExample:\n  des-wasm ciphers | grep ede3\n')
    .action(() => {
      for (const name of getCiphers()) {
        const info = cipherRecord(name);
        process.stdout.write(`${name.padEnd(26)} ${info.name === name ? '' : `= ${info.name}  `}key ${info.keyLength}${info.ivLength ? ', IV 8' : ''}\n`);
      }
    });

  program.command('demo')
    .description('Encrypt and decrypt the bundled sample, check the round trip, and say what happened (npm start)')
    .addHelpText('after', '\nExample:\n  npm start        # runs des-wasm demo\n')
    .action(async () => demo(warn));

  for (const register of COMMANDS) register(program);

  // The benchmark lives in bench/, which only a clone of the repository has (not the package).
  const runner = new URL('../bench/run.mjs', import.meta.url);
  if (existsSync(fileURLToPath(runner))) {
    program.command('bench')
      .description('Run the benchmark against node:crypto and the JavaScript libraries (this clone\'s bench/)')
      .allowUnknownOption()
      .helpOption(false)
      .argument('[args...]')
      .action(async (args: string[]) => {
        process.argv = [process.argv[0], fileURLToPath(runner), ...args];
        await import(runner.href);
      });
  }
  return program;
}

/**
 * What `des-wasm` alone prints (to stderr, exit 2): the commands and where to read more, in at
 * most 10 lines, the command names wrapped to fit 80 columns.
 */
function shortUsage(program: Command): string {
  const lines = ['usage: des-wasm <command> [options]'];
  let line = 'commands:';
  for (const name of program.commands.map((c) => c.name())) {
    if (line.length + name.length + 2 > 80) { lines.push(line + ','); line = '   '; }
    line += (line.endsWith(':') || line === '   ' ? ' ' : ', ') + name;
  }
  lines.push(line);
  lines.push('  des-wasm encrypt -i notes.txt -o notes.enc --pass env:PASSWORD   (openssl enc -pbkdf2 format)');
  lines.push('  des-wasm <command> --help   its options and examples;  des-wasm --help   all of it');
  return lines.join('\n') + '\n';
}

/**
 * One line from a commander error: "error: unknown command 'encrpyt'\n(Did you mean encrypt?)"
 * becomes "unknown command 'encrpyt' (did you mean encrypt?)".
 */
function commanderLine(error: CommanderError): string {
  return error.message.replace(/^error: /, '').replace(/\(Did you mean/g, '(did you mean').split('\n')
    .map((part) => part.trim()).filter(Boolean).join(' ');
}

async function main(): Promise<void> {
  const abandonAll = (signal: NodeJS.Signals, code: number) => () => {
    for (const file of AtomicFile.open) file.abandon();
    warn(`interrupted (${signal}): no output file was left behind`);
    process.exit(code);
  };
  // Exit codes 128 + the signal's number, as a shell reports them.
  process.on('SIGINT', abandonAll('SIGINT', 130));
  process.on('SIGTERM', abandonAll('SIGTERM', 143));
  process.on('SIGHUP', abandonAll('SIGHUP', 129));
  process.on('SIGQUIT', abandonAll('SIGQUIT', 131));
  const program = buildProgram();
  if (process.argv.length <= 2) {
    process.stderr.write(shortUsage(program));
    process.exit(2);
  }
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode !== 0) warn(commanderLine(error));
      process.exit(error.exitCode === 0 ? 0 : 2);
    }
    const { exitCode, message } = describeFailure(error);
    warn(message);
    process.exit(exitCode);
  }
}

void main();

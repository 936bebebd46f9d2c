/**
 * The des-wasm command line: the program (its help, exit codes and signals); each command is a
 * module of its own in commands/, registered in commands/index.ts. Exit codes: 0 success, 1 a
 * cryptographic failure, 2 a usage or I/O error, 70 an internal error (a bug).
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { describeFailure, warn } from './errors.js';
import { AtomicFile } from './streams.js';
import { COMMANDS } from './commands/index.js';

/** The package's version, from its package.json (beside dist/, in a clone and when installed). */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command('des-wasm')
    .description('DES and Triple-DES in WebAssembly: encrypt files, make keys, MACs and KCVs, and see DES work step by step')
    .version(version())
    .addHelpText('after', `
Examples:
  des-wasm encrypt -i notes.txt -o notes.enc --pass env:PASSWORD      # openssl enc -des-ede3-cbc -pbkdf2 reads it
  des-wasm decrypt --cipher des-ecb --key-file k.key -i f.enc -o f    # files of the original C program
  des-wasm keygen --cipher des -o k.key
  des-wasm trace                                                      # Grabbe's worked example

Exit codes: 0 success; 1 cryptographic failure (bad decrypt: wrong password or key, corrupted or
truncated input); 2 usage or I/O error (unknown option or cipher, wrong key length, missing file,
unwritable output); 70 an internal error (a bug in des-wasm: please report it). Use
\`des-wasm <command> --help\` for each command's options.
`)
    // Commander's own errors (unknown command or option, missing value) are thrown, not printed:
    // main() prints each as one line, as every other usage error. Subcommands inherit both.
    .configureOutput({ outputError: () => {} })
    .exitOverride();

  for (const register of COMMANDS) register(program);
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

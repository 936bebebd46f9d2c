/**
 * `des-wasm crypt-verify`: check a password against a DES crypt(3) hash (traditional, 13
 * characters, or BSDi extended, '_' and 19) from an old /etc/shadow, /etc/passwd or htpasswd
 * file, while migrating it. Exit 0 on a match, 1 on no match, 2 for a usage or format error.
 * The password never has to be on the command line: env:, file:, fd:, stdin or the terminal.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { crypt } from '../../legacy/index.js';
import { cryptoFailure, usage, warn } from '../errors.js';
import { promptPassword, readPassword } from '../secrets.js';


interface Options {
  hashFile?: string;
  pass?: string;
}

/** The hash: the argument, or the first line of --hash-file (surrounding white space dropped). */
function readHash(argument: string | undefined, options: Options): string {
  if ((argument === undefined) === (options.hashFile === undefined)) {
    throw usage('give the hash as an argument or with --hash-file (one of them)');
  }
  if (argument !== undefined) return argument.trim();
  return readFileSync(options.hashFile!, 'utf8').split('\n')[0].trim();
}

export function register(program: Command): void {
  program.command('crypt-verify')
    .description('Check a password against a DES crypt(3) hash (traditional or BSDi extended): exit 0 match, 1 no match')
    .argument('[hash]', 'the hash, e.g. CCcMgHKAHJ1SA or _/...CCCCqSuIwqhxkds (quote it: it may hold $ or /)')
    .option('--hash-file <file>', 'read the hash from the first line of a file instead')
    .option('--pass <source>', 'password: env:VAR, file:PATH (first line), fd:N, stdin (first line), or pass:TEXT (shows in process listings)')
    .addHelpText('after', `
Without --pass, the password is asked for on the terminal (no echo). Only DES-based hashes:
traditional crypt (13 characters: 2 of salt, 11 of hash) and BSDi extended crypt ('_', 4 of
iteration count, 4 of salt, 11 of hash). It never makes new hashes.

Exit codes: 0 the password matches; 1 it does not; 2 usage error or a hash of neither form.

Examples (hashes from libxcrypt's known-answer table, password "dragon"):
  des-wasm crypt-verify CCcMgHKAHJ1SA --pass env:PASSWORD
  des-wasm crypt-verify '_/...CCCCqSuIwqhxkds' --pass file:pw.txt
  des-wasm crypt-verify --hash-file old-hash.txt          # asks for the password
`)
    .action(async (argument: string | undefined, options: Options) => {
      const hash = readHash(argument, options);
      if (options.pass?.startsWith('pass:')) {
        warn('warning: a password on the command line shows in process listings and shell history; prefer env:, file: or fd:');
      }
      if (options.pass === undefined && !process.stdin.isTTY && !process.stderr.isTTY) {
        throw usage('no password: give --pass (env:VAR, file:PATH, fd:N or stdin), or run it on a terminal to be asked');
      }
      const password = options.pass !== undefined ? readPassword(options.pass) : await promptPassword('password: ', false);
      let match: boolean;
      try {
        match = crypt.verify(new Uint8Array(password.buffer, password.byteOffset, password.length), hash);
      } finally {
        password.fill(0);
      }
      if (!match) throw cryptoFailure('no match: the password does not match the hash');
      process.stdout.write('match\n');
    });
}

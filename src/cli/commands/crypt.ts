/**
 * `des-wasm encrypt` and `des-wasm decrypt`: files (or stdin) with a raw key, or with a password
 * in the `openssl enc` format. The work is in ../crypt.ts; this module is the options and help.
 */
import type { Command } from 'commander';
import { crypt } from '../crypt.js';
import type { CryptOptions } from '../crypt.js';
import { warn } from '../errors.js';

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
    .option('--threads <n>', 'threads for ECB, CBC and CFB-64 decryption and CTR (default: the available cores, at most 8); the other modes run on one')
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
  des-wasm decrypt --threads 2 --cipher des-ede3-cbc --key-file k24.key --iv 0001020304050607 -i big.enc -o big
`)
    .action(async (options: CryptOptions & { nosalt?: boolean }) => {
      await crypt(direction, { ...options, salt: options.nosalt ? false : undefined }, warn);
    });
}

export function register(program: Command): void {
  cryptCommand(program, 'encrypt');
  cryptCommand(program, 'decrypt');
}

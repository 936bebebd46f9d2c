/**
 * `des-wasm demo` (what `npm start` runs): the CLI's main job on the bundled sample. It encrypts
 * vectors/sample/sample.txt twice — under the sample key file in DES-ECB (the original C
 * program's format) and with a password in the `openssl enc` format — decrypts both, checks the
 * round trips, and says what it did: cipher, key check value, sizes and times. Its files go to
 * a temporary folder that it removes. The commands it suggests work as printed, from the folder
 * it ran in: they name the sample by a path from there, run des-wasm the way it was run (npx in a
 * project, node dist/cli.js in a clone) and write only what they name.
 */
import type { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineInfo, kcv } from '../../node.js';
import { crypt } from '../crypt.js';
import type { CryptOptions } from '../crypt.js';
import { CliError, warn } from '../errors.js';
import { readKeyFile } from '../secrets.js';

function sampleFolder(): string {
  // dist/cli.js → ../vectors/sample (and src/cli/demo.ts → ../../vectors/sample)
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'vectors', 'sample'), join(here, '..', '..', 'vectors', 'sample')]) {
    try { if (statSync(join(candidate, 'sample.txt')).isFile()) return candidate; } catch { /* try the next */ }
  }
  throw new CliError(2, 'the bundled sample (vectors/sample/sample.txt) is missing: run the demo from a clone of the repository');
}

/** A word for a POSIX shell: as it is when it is safe, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w.\-/:=@%+,]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to run this des-wasm again from the current folder: `des-wasm` when it was found on the
 * PATH (a global install), `npx des-wasm` from a project's node_modules/.bin, else `node <path to
 * the script>` (a clone: node dist/cli.js, which npm start runs).
 */
function selfCommand(): string {
  const script = process.argv[1] ?? '';
  if (basename(script) === 'des-wasm') {
    return script.includes(`${sep}node_modules${sep}.bin${sep}`) ? 'npx des-wasm' : 'des-wasm';
  }
  const fromHere = relative(process.cwd(), script);
  return `node ${shellWord(fromHere.startsWith('..') || !fromHere ? script : fromHere)}`;
}

export async function demo(log: (line: string) => void): Promise<void> {
  const folder = sampleFolder();
  const shown = (path: string) => shellWord(relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));
  const self = selfCommand();
  const sample = join(folder, 'sample.txt'), keyFile = join(folder, 'sample.key');
  const work = mkdtempSync(join(tmpdir(), 'des-wasm-demo-'));
  const say = (line: string) => process.stdout.write(line + '\n');
  const original = readFileSync(sample);

  /** Encrypt, decrypt, compare; print sizes and times. */
  async function roundTrip(name: string, options: Omit<CryptOptions, 'in' | 'out'>): Promise<boolean> {
    const encrypted = join(work, `${name}.enc`), decrypted = join(work, `${name}.txt`);
    let t = performance.now();
    await crypt('encrypt', { ...options, in: sample, out: encrypted }, log);
    const encryptMs = performance.now() - t;
    t = performance.now();
    await crypt('decrypt', { ...options, in: encrypted, out: decrypted }, log);
    const decryptMs = performance.now() - t;
    const same = readFileSync(decrypted).equals(original);
    const size = statSync(encrypted).size;
    say(`   encrypt  ${original.length} → ${size} bytes${options.base64 ? ' of base64' : ''}  ${encryptMs.toFixed(1)} ms`);
    say(`   decrypt  ${size} → ${statSync(decrypted).size} bytes  ${decryptMs.toFixed(1)} ms  round trip: ${same ? 'identical to the original' : 'DIFFERENT'}`);
    return same;
  }

  try {
    const engine = engineInfo().simd ? 'WebAssembly SIMD (bitsliced) and scalar' : 'scalar WebAssembly';
    say(`des-wasm demo: ${shown(sample)}, ${original.length} bytes; engine: ${engine}`);

    const key = readKeyFile(keyFile, 8);
    const check = Buffer.from(kcv(key)).toString('hex').toUpperCase();
    key.fill(0);
    say(`\n1. des-ecb, PKCS#5 padding, the 8-byte key in ${shown(keyFile)} (KCV ${check}): the original C program's format`);
    const ecbOk = await roundTrip('ecb', { cipher: 'des-ecb', keyFile });
    say(`   by hand: ${self} encrypt --cipher des-ecb --key-file ${shown(keyFile)} -i ${shown(sample)} -o sample.enc`);
    say(`       and: ${self} decrypt --cipher des-ecb --key-file ${shown(keyFile)} -i sample.enc -o sample.out.txt`);

    const password = 'correct horse battery staple';
    const passwordFile = join(work, 'password.txt');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    say(`\n2. des-ede3-cbc with the password "${password}", openssl enc format (Salted__, PBKDF2-HMAC-SHA256, 10000 iterations), base64`);
    const cbcOk = await roundTrip('password', { cipher: 'des-ede3-cbc', pass: `file:${passwordFile}`, base64: true });
    say(`   first line: ${readFileSync(join(work, 'password.enc'), 'latin1').split('\n')[0]}`);
    const pass = shellWord(`pass:${password}`);
    say(`   openssl reads it: ${self} encrypt -a --pass ${pass} -i ${shown(sample)} | openssl enc -d -a -des-ede3-cbc -pbkdf2 -pass ${pass}`);

    if (!ecbOk || !cbcOk) throw new Error('a round trip failed');
    say(`\nBoth round trips check out. Next: ${self} --help, ${self} trace`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function register(program: Command): void {
  program.command('demo')
    .description('Encrypt and decrypt the bundled sample, check the round trip, and say what happened (npm start)')
    .addHelpText('after', '\nExample:\n  npm start        # runs des-wasm demo\n')
    .action(async () => demo(warn));
}

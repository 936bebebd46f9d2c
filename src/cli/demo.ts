/**
 * `des-wasm demo` (what `npm start` runs): the CLI's main job on the bundled sample. It encrypts
 * vectors/sample/sample.txt twice — with the sample key file in DES-ECB (the original C
 * program's format) and with a password in the `openssl enc` format — decrypts both, checks the
 * round trips, and says what it did. Its files go to a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineInfo, kcv } from '../node.js';
import { crypt } from './crypt.js';
import { readKeyFile } from './secrets.js';

function sampleFolder(): string {
  // dist/cli.js → ../vectors/sample (and src/cli/demo.ts → ../../vectors/sample under tests)
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'vectors', 'sample'), join(here, '..', '..', 'vectors', 'sample')]) {
    try { if (statSync(join(candidate, 'sample.txt')).isFile()) return candidate; } catch { /* try the next */ }
  }
  throw new Error('the bundled sample (vectors/sample/sample.txt) is missing');
}

export async function demo(log: (line: string) => void): Promise<void> {
  const folder = sampleFolder();
  const sample = join(folder, 'sample.txt'), keyFile = join(folder, 'sample.key');
  const work = mkdtempSync(join(tmpdir(), 'des-wasm-demo-'));
  const say = (line: string) => process.stdout.write(line + '\n');
  try {
    const original = readFileSync(sample);
    say(`des-wasm demo: ${sample} (${original.length} bytes); engine: ${engineInfo().simd ? 'WebAssembly SIMD (bitsliced) + scalar' : 'scalar WebAssembly'}`);

    const key = readKeyFile(keyFile, 8);
    say(`\n1. DES-ECB with PKCS#5 padding under the raw key file ${keyFile} (KCV ${Buffer.from(kcv(key)).toString('hex').toUpperCase()}), as the original C program wrote files`);
    key.fill(0);
    const ecb = join(work, 'sample.des-ecb'), ecbBack = join(work, 'sample.des-ecb.txt');
    let t = performance.now();
    await crypt('encrypt', { in: sample, out: ecb, cipher: 'des-ecb', keyFile }, log);
    await crypt('decrypt', { in: ecb, out: ecbBack, cipher: 'des-ecb', keyFile }, log);
    const ecbOk = readFileSync(ecbBack).equals(original);
    say(`   encrypted to ${statSync(ecb).size} bytes, decrypted back: ${ecbOk ? 'identical to the original' : 'DIFFERENT'} (${(performance.now() - t).toFixed(1)} ms)`);
    say(`   the same with the CLI: des-wasm encrypt --cipher des-ecb --key-file ${keyFile} -i ${sample} -o sample.enc`);

    say('\n2. Triple-DES CBC with a password, in the openssl enc format (Salted__, PBKDF2-HMAC-SHA256, 10000 iterations)');
    const pass = 'pass:correct horse battery staple';
    const cbc = join(work, 'sample.enc'), cbcBack = join(work, 'sample.enc.txt');
    t = performance.now();
    await crypt('encrypt', { in: sample, out: cbc, cipher: 'des-ede3-cbc', pass, base64: true }, log);
    await crypt('decrypt', { in: cbc, out: cbcBack, cipher: 'des-ede3-cbc', pass, base64: true }, log);
    const cbcOk = readFileSync(cbcBack).equals(original);
    say(`   encrypted to ${statSync(cbc).size} bytes of base64, decrypted back: ${cbcOk ? 'identical to the original' : 'DIFFERENT'} (${(performance.now() - t).toFixed(1)} ms)`);
    say(`   openssl reads it: openssl enc -d -a -des-ede3-cbc -pbkdf2 -pass '${pass}' -in sample.enc`);
    say(`   first line: ${readFileSync(cbc, 'latin1').split('\n')[0]}`);

    if (!ecbOk || !cbcOk) throw new Error('a round trip failed');
    say('\nBoth round trips check out.');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

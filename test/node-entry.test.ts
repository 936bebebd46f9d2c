/**
 * The Node entry (src/node.ts) loads node:stream only when the first stream cipher is made, and
 * its Cipheriv is still a stream.Transform in every way a caller can see: instanceof, the stream
 * methods, piping, and subclassing (Decipheriv). The load order is checked in a fresh node on the
 * built package (dist/, `npm run build`), through process.moduleLoadList, Node's list of the
 * built-in modules it has loaded; the stream behaviour on the source, against node:crypto.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Cipheriv, Decipheriv, createCipheriv, createDecipheriv } from '../src/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = existsSync(join(root, 'dist/node.js'));

describe('the Node entry', () => {
  it.runIf(built)('loads node:stream only when the first stream cipher is made (ESM and CommonJS)', () => {
    const probe = (load: string) => `
      const streamLoaded = () => process.moduleLoadList.includes('NativeModule stream');
      ${load}
      const key = new Uint8Array(24).fill(1);
      const before = streamLoaded();
      lib.tdes.cbc(key, new Uint8Array(8)).encrypt(new Uint8Array(8));
      const afterOneShot = streamLoaded();
      const stream = lib.createCipheriv('des-ede3-cbc', key, new Uint8Array(8));
      console.log(JSON.stringify([before, afterOneShot, streamLoaded(), stream.pipe === require('node:stream').Transform.prototype.pipe]));`;
    const esm = probe(`const { createRequire } = await import('node:module'); const require = createRequire(import.meta.url);
      const lib = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/node.js')).href)});`);
    const cjs = probe(`const lib = require(${JSON.stringify(join(root, 'dist/node.cjs'))});`);
    const run = (args: string[]) => JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
    expect(run(['--input-type=module', '-e', esm]), 'ESM').toEqual([false, false, true, true]);
    expect(run(['-e', cjs]), 'CommonJS').toEqual([false, false, true, true]);
  });

  it('Cipheriv and Decipheriv are Transforms: instanceof, update/final, piping, equal node:crypto', async () => {
    const key = crypto.randomBytes(24), iv = crypto.randomBytes(8), data = crypto.randomBytes(1000);
    const cipher = createCipheriv('des-ede3-cbc', key, iv);
    expect(cipher).toBeInstanceOf(Transform);
    expect(cipher).toBeInstanceOf(Cipheriv);
    expect(Object.getPrototypeOf(Cipheriv)).toBe(Transform);
    const decipher = createDecipheriv('des-ede3-cbc', key, iv);
    expect(decipher).toBeInstanceOf(Decipheriv);
    expect(decipher).toBeInstanceOf(Transform);

    const reference = crypto.createCipheriv('des-ede3-cbc', key, iv);
    const whole = Buffer.concat([reference.update(data), reference.final()]);
    expect(Buffer.concat([cipher.update(data), cipher.final()]).toString('hex')).toBe(whole.toString('hex'));

    const chunks: Buffer[] = [];
    await pipeline(Readable.from([data.subarray(0, 333), data.subarray(333)]), createCipheriv('des-ede3-cbc', key, iv),
      async function* (source) { for await (const chunk of source) chunks.push(chunk as Buffer); });
    expect(Buffer.concat(chunks).toString('hex')).toBe(whole.toString('hex'));
  });
});

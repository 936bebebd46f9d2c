/**
 * The Node entry (src/node.ts) loads node:stream only when the first stream cipher is made, and
 * its Cipheriv is still a stream.Transform in every way a caller can see: instanceof, the stream
 * methods, piping, and subclassing (Decipheriv). The load order is checked in a fresh node on the
 * built package (dist/, `npm run build`), through process.moduleLoadList, Node's list of the
 * built-in modules it has loaded; the stream behaviour on the source, against node:crypto. Its
 * hashes are node:crypto's: no file it loads holds @noble/hashes, which the portable entry's do.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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

  it.runIf(built)('loads no JavaScript hash code: @noble/hashes is in the portable entry\'s files, not the Node entry\'s (ESM and CommonJS)', () => {
    // The files an entry loads: itself and, transitively, the chunks it imports (esbuild's output:
    // `from"./chunk-….js"`, `import"./chunk-….js"`, `require("./chunk-….cjs")`).
    const graph = (entry: string): string[] => {
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const text = readFileSync(join(root, 'dist', file), 'utf8');
        for (const [, next] of text.matchAll(/(?:from|import|require\()\s*"\.\/([\w.-]+\.c?js)"/g)) visit(next);
      };
      visit(entry);
      return [...seen];
    };
    // A message of @noble/hashes' own (its createHasher), which no code of ours has.
    const noble = (files: string[]) => files.filter((f) => readFileSync(join(root, 'dist', f), 'utf8').includes('hash blockLen / outputLen must be >= 1'));
    expect(noble(graph('index.js')).length, 'the portable ESM entry').toBeGreaterThan(0);
    expect(noble(graph('index.cjs')).length, 'the portable CommonJS entry').toBeGreaterThan(0);
    expect(noble(graph('node.js')), 'the Node ESM entry').toEqual([]);
    expect(noble(graph('node.cjs')), 'the Node CommonJS entry').toEqual([]);
  });

  it.runIf(built)('dist/node.js is one file, the core every other ES module file loads (one DesError, one engine)', () => {
    // Static imports of other files: none (the scalar build is imported only where SIMD is missing).
    const text = readFileSync(join(root, 'dist/node.js'), 'utf8');
    expect(text.match(/(?:from|import)\s*"\.\/[^"]+"/g)).toBeNull();
    expect(text.match(/import\("\.\/[^"]+"\)/g)).toEqual(['import("./wasm-scalar.js")']);
    // The portable entry and a subpath, loaded beside it in one process, are built on that same core.
    const url = (f: string) => JSON.stringify(pathToFileURL(join(root, 'dist', f)).href);
    const script = `
      const node = await import(${url('node.js')});
      const portable = await import(${url('index.js')});
      const payments = await import(${url('payments.js')});
      let caught;
      try { payments.pinBlock.encode({ format: 0, pin: '12', pan: '4111111111111111' }); } catch (error) { caught = error; }
      console.log(JSON.stringify([portable.DesError === node.DesError, caught instanceof node.DesError, portable.ready === node.ready, portable.engineInfo === node.engineInfo]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, true, true, true]);
  });

  it.runIf(built)('needs process.getBuiltinModule (Node 20.16+) for what is Node\'s own, and says so; the rest works without it', () => {
    const script = `
      delete process.getBuiltinModule;
      const lib = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/node.js')).href)});
      const block = Buffer.from(lib.tdes.cbc(new Uint8Array(24).fill(1), new Uint8Array(8), { padding: 'none' }).encrypt(new Uint8Array(8))).toString('hex');
      let stream;
      try { lib.createCipheriv('des-ede3-cbc', new Uint8Array(24).fill(1), new Uint8Array(8)); } catch (error) { stream = [error.code, error.message]; }
      console.log(JSON.stringify([block, stream]));`;
    const [block, stream] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
    const node = crypto.createCipheriv('des-ede3-cbc', Buffer.alloc(24, 1), Buffer.alloc(8)).setAutoPadding(false);
    expect(block).toBe(node.update(Buffer.alloc(8)).toString('hex'));
    expect(stream).toEqual(['ERR_DES_UNSUPPORTED', "node:stream is not available here: des-wasm's Node entry needs Node 20.16 or later"]);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node).toBe('>=20.16');
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

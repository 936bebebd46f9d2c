/**
 * The independent implementations the differential tests compare against, behind one small
 * interface each, so no test file computes an expected value with des-wasm itself:
 *
 *   nodeCipher    node:crypto createCipheriv / createDecipheriv (OpenSSL 3's default provider:
 *                 the des-ede* and des-ede3* names, des3-wrap)
 *   opensslEnc    the `openssl enc` command line with the legacy provider (single DES, DESX)
 *   legacyNode    a child `node --openssl-legacy-provider` running many cases in one process
 *   desEcbBlock   one single-DES block from node:crypto, as des-ede3 with K1 = K2 = K3
 *
 * Plus a seeded generator, so that a failure can be replayed: every test prints its seed, and
 * DES_TEST_SEED overrides it.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';

// ---------------------------------------------------------------------------------------------
// Seeds and seeded random bytes

/** The seed for a test file: DES_TEST_SEED if set, else the file's fixed default. Printed either way. */
export function testSeed(file: string, fallback: number): number {
  const fromEnv = process.env.DES_TEST_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : fallback;
  if (!Number.isSafeInteger(seed)) throw new Error(`DES_TEST_SEED must be an integer, got ${JSON.stringify(fromEnv)}`);
  console.log(`[${file}] seed ${seed} (replay with DES_TEST_SEED=${seed})`);
  return seed;
}

/** A small seeded generator (mulberry32): for test data only, never for keys in use. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A 32-bit unsigned integer. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo + 1));
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Outcomes: what a call returned, or which error code it threw

export type Outcome = { ok: string } | { error: string };

/** Run `f`; its bytes as hex, or the error's code (or message when it has none). */
export function outcome(f: () => Uint8Array): Outcome {
  try {
    return { ok: Buffer.from(f()).toString('hex') };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { error: e.code ?? String(e.message) };
  }
}

// ---------------------------------------------------------------------------------------------
// node:crypto

export interface NodeRun {
  /** What each update() returned, then what final() returned. */
  chunks: Buffer[];
  /** All of it. */
  all: Buffer;
}

/**
 * Feed `pieces` through node:crypto's `name` in `direction`, one update() each, then final().
 * `iv` null for ECB and des3-wrap.
 */
export function nodeCipher(name: string, direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array | null,
  pieces: Uint8Array[], autoPadding = true): NodeRun {
  const c = direction === 'encrypt' ? crypto.createCipheriv(name, key, iv) : crypto.createDecipheriv(name, key, iv);
  c.setAutoPadding(autoPadding);
  const chunks = pieces.map((p) => c.update(p));
  chunks.push(c.final());
  return { chunks, all: Buffer.concat(chunks) };
}

/** One whole message through node:crypto. */
export function nodeWhole(name: string, direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array | null,
  data: Uint8Array, autoPadding = true): Uint8Array {
  return new Uint8Array(nodeCipher(name, direction, key, iv, [data], autoPadding).all);
}

/** Single-DES ECB of whole blocks by node:crypto: des-ede3 with K1 = K2 = K3 is E_K(D_K(E_K(x))) = E_K(x). */
export function desEcbNode(key8: Uint8Array, blocks: Uint8Array, direction: 'encrypt' | 'decrypt' = 'encrypt'): Uint8Array {
  if (key8.length !== 8) throw new Error(`desEcbNode: 8-byte key, got ${key8.length}`);
  return nodeWhole('des-ede3', direction, Buffer.concat([key8, key8, key8]), null, blocks, false);
}

/** Triple-DES ECB of whole blocks by node:crypto: 16-byte keys as des-ede, 24-byte as des-ede3. */
export function tdesEcbNode(key: Uint8Array, blocks: Uint8Array, direction: 'encrypt' | 'decrypt' = 'encrypt'): Uint8Array {
  return nodeWhole(key.length === 16 ? 'des-ede' : 'des-ede3', direction, key, null, blocks, false);
}

// ---------------------------------------------------------------------------------------------
// The openssl command line

export interface OpensslOptions {
  /** Default true; false adds -nopad. */
  padding?: boolean;
}

/**
 * `openssl enc -<name> [-d] -K <hex> [-iv <hex>] [-nopad] -provider legacy -provider default`
 * with `data` on stdin. Returns the output, or throws an Error whose message holds openssl's stderr.
 */
export function opensslEnc(name: string, direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array | null,
  data: Uint8Array, options: OpensslOptions = {}): Uint8Array {
  const args = ['enc', `-${name}`, ...(direction === 'decrypt' ? ['-d'] : []), '-K', Buffer.from(key).toString('hex')];
  if (iv) args.push('-iv', Buffer.from(iv).toString('hex'));
  if (options.padding === false) args.push('-nopad');
  args.push('-provider', 'legacy', '-provider', 'default');
  try {
    return new Uint8Array(execFileSync('openssl', args, { input: data, stdio: ['pipe', 'pipe', 'pipe'] }));
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(`openssl ${args.slice(0, 3).join(' ')} failed: ${stderr.trim()}`);
  }
}

/** opensslEnc as an Outcome: a failed decryption ("bad decrypt", "wrong final block length") is an error. */
export function opensslOutcome(name: string, direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array | null,
  data: Uint8Array, options: OpensslOptions = {}): Outcome {
  try {
    return { ok: Buffer.from(opensslEnc(name, direction, key, iv, data, options)).toString('hex') };
  } catch (error) {
    const message = (error as Error).message;
    // `openssl enc` prints "bad decrypt" for every failed final step, then the reason.
    if (/wrong final block length/.test(message)) return { error: 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH' };
    if (/bad decrypt/.test(message)) return { error: 'ERR_OSSL_BAD_DECRYPT' };
    return { error: message };
  }
}

// ---------------------------------------------------------------------------------------------
// node:crypto with the legacy provider, in a child process

export interface LegacyCase {
  name: string;
  direction: 'encrypt' | 'decrypt';
  key: Uint8Array;
  iv: Uint8Array | null;
  data: Uint8Array;
  padding?: boolean;
}

const LEGACY_SCRIPT = `
const crypto = require('node:crypto');
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const out = JSON.parse(input).map((c) => {
    try {
      const iv = c.iv === null ? null : Buffer.from(c.iv, 'hex');
      const x = c.direction === 'encrypt' ? crypto.createCipheriv(c.name, Buffer.from(c.key, 'hex'), iv)
        : crypto.createDecipheriv(c.name, Buffer.from(c.key, 'hex'), iv);
      x.setAutoPadding(c.padding !== false);
      return { ok: Buffer.concat([x.update(Buffer.from(c.data, 'hex')), x.final()]).toString('hex') };
    } catch (e) {
      return { error: e.code || e.message };
    }
  });
  process.stdout.write(JSON.stringify(out));
});`;

/** Run many cases through `node --openssl-legacy-provider` in one child process. */
export function legacyNode(cases: LegacyCase[]): Outcome[] {
  const hex = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('hex'));
  const input = JSON.stringify(cases.map((c) => ({ ...c, key: hex(c.key), iv: hex(c.iv), data: hex(c.data) })));
  const stdout = execFileSync(process.execPath, ['--openssl-legacy-provider', '-e', LEGACY_SCRIPT],
    { input, maxBuffer: 1 << 28, encoding: 'utf8' });
  return JSON.parse(stdout) as Outcome[];
}

// ---------------------------------------------------------------------------------------------
// Small byte helpers

export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Split `data` at the given cut points (any order, clamped, duplicates give empty pieces). */
export function splitAt(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = cuts.map((c) => Math.min(Math.max(c, 0), data.length)).sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const p of points) { pieces.push(data.subarray(from, p)); from = p; }
  pieces.push(data.subarray(from));
  return pieces;
}

export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(a.length, b.length));
  for (let i = 0; i < out.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** The big-endian 64-bit counter blocks c, c+1, … (mod 2^64), `count` of them, concatenated. */
export function counterBlocks(start: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(count * 8);
  let value = Buffer.from(start).readBigUInt64BE(0);
  const view = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    view.setBigUint64(i * 8, value, false);
    value = (value + 1n) & 0xffffffffffffffffn;
  }
  return out;
}

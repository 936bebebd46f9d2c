/**
 * The Node entry: everything the portable entry has, with createCipheriv / createDecipheriv
 * returning stream.Transform objects that give Buffers, as node:crypto's do. Pipe files through
 * them, or call update() / final() directly.
 *
 * node:stream is loaded when the first Cipheriv is made, not when this entry is imported: loading
 * it costs about a third of the entry's start-up, and a program that encrypts with the one-shot
 * API never needs it.
 */
import type { Transform, TransformCallback, TransformOptions } from 'node:stream';
import type { KeyObject } from 'node:crypto';
import type { Direction } from './engine/index.js';
import { bytesOrNull } from './bytes.js';
import { CipherCore } from './cipheriv.js';
import type { BinaryLike, CipherivOptions, KeyLike } from './cipheriv.js';
import type { Codec } from './encoding.js';
import { DIGEST_NAMES, useHashes } from './hashes.js';
import type { Hashes } from './hashes.js';
import { fail } from './errors.js';

export * from './api.js';

function toBuffer(out: Uint8Array | string): Buffer | string {
  return typeof out === 'string' ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

interface BuiltinLoader { getBuiltinModule(id: string): unknown }
const maybeProcess = (globalThis as { process?: Partial<BuiltinLoader> }).process;
/** Node's process, where it has getBuiltinModule (Node 20.16 and later); null outside Node. */
const nodeProcess = typeof maybeProcess?.getBuiltinModule === 'function' ? maybeProcess as BuiltinLoader : null;

/**
 * A Node built-in, loaded when first needed rather than imported up front (each costs start-up
 * time that a program using the one-shot API never needs back). No import of a Node built-in
 * is written in this module: the ES module build of it is the one file the portable entry and
 * the subpaths load their core from, in browsers too, where none of this runs.
 */
function builtin<T>(id: string): T {
  if (!nodeProcess) throw fail('ERR_DES_UNSUPPORTED', `${id} is not available here: des-wasm's Node entry needs Node 20.16 or later`);
  return nodeProcess.getBuiltinModule(id) as T;
}

/**
 * Is this a node:crypto KeyObject? Bytes never are (checked by internal slots, as everywhere);
 * for any other object node:util decides, a Proxy first (isKeyObject reads a property, and a
 * Proxy's traps are never run: it is refused as not bytes).
 */
function isKeyObject(key: unknown): key is KeyObject {
  if (key === null || typeof key !== 'object' || bytesOrNull(key, 'key') !== null) return false;
  const { types } = builtin<typeof import('node:util')>('node:util');
  return !types.isProxy(key) && types.isKeyObject(key);
}

/**
 * The hash provider (./hashes.ts) through node:crypto: every digest `openssl enc -md` takes here
 * (SHA-384 and SHA-512 too), and PBKDF2 natively. Each result is copied out and node's wiped.
 */
const nodeHashes: Hashes = {
  digests: DIGEST_NAMES,
  hash(md, parts) {
    const h = builtin<typeof import('node:crypto')>('node:crypto').createHash(md);
    for (const part of parts) h.update(part);
    return owned(h.digest());
  },
  pbkdf2: (md, password, salt, iterations, length) =>
    owned(builtin<typeof import('node:crypto')>('node:crypto').pbkdf2Sync(password, salt, iterations, length, md)),
};
// In Node; elsewhere (the portable entry's core, in a browser) the portable entry installs its own.
if (nodeProcess) useHashes(nodeHashes);

function owned(buffer: Buffer): Uint8Array {
  const copy = new Uint8Array(buffer);
  buffer.fill(0);
  return copy;
}

/** Strings in and out exactly as node:crypto: through Buffer and StringDecoder themselves. */
const nodeCodec: Codec = {
  decode: (s, encoding) => {
    const b = Buffer.from(s, encoding);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  decoder: (encoding) => {
    const { StringDecoder } = builtin<typeof import('node:string_decoder')>('node:string_decoder');
    const decoder = new StringDecoder(encoding);
    const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { write: (bytes) => decoder.write(buffer(bytes)), end: (bytes) => decoder.end(buffer(bytes)) };
  },
};

/**
 * node:crypto also takes a secret KeyObject as the key: its bytes are exported for the key
 * schedule (which copies what it keeps) and the exported copy is wiped at once.
 */
function withKeyBytes<T>(key: KeyLike | KeyObject, use: (bytes: KeyLike) => T): T {
  if (!isKeyObject(key)) return use(key as KeyLike);
  if (key.type !== 'secret') throw fail('ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
  const bytes = key.export();
  try {
    return use(bytes);
  } finally {
    bytes.fill(0);
  }
}

let transformConstructor: ((this: unknown, options?: TransformOptions) => void) | undefined;

/**
 * node:stream's Transform, loaded on first use (process.getBuiltinModule). Cipheriv's prototype
 * and constructor are linked to Transform's then, as `extends Transform` would have linked them,
 * and each Cipheriv runs Transform's constructor on itself (it is a plain function: `Transform.call(this, options)` is how Node's own
 * stream classes build on each other).
 */
function initTransform(self: unknown, options?: TransformOptions): void {
  if (!transformConstructor) {
    const { Transform: transform } = builtin<typeof import('node:stream')>('node:stream');
    Object.setPrototypeOf(Cipheriv.prototype, transform.prototype);
    Object.setPrototypeOf(Cipheriv, transform);
    transformConstructor = transform as unknown as typeof transformConstructor;
  }
  try {
    transformConstructor!.call(self, options);                     // the stream options, checked by Node
  } catch (error) {
    throw fail('ERR_INVALID_ARG_VALUE', `options: ${(error as Error).message}`);
  }
}

/** The Transform members of every Cipheriv (its prototype is linked to Transform's on first use). */
export interface Cipheriv extends Transform {}

/** A node:crypto-compatible Cipher: a Transform stream with update(), final() and setAutoPadding(). */
export class Cipheriv {
  private readonly core: CipherCore;

  constructor(name: string, key: KeyLike | KeyObject, iv: KeyLike | null,
    options?: CipherivOptions & TransformOptions, direction: Direction = 'encrypt') {
    const core = withKeyBytes(key, (bytes) => new CipherCore(name, bytes, iv, options, direction, nodeCodec));
    try {
      initTransform(this, options);
    } catch (error) {
      core.destroy();
      throw error;
    }
    this.core = core;
  }

  // As node:crypto's declarations: without an output encoding (or with 'buffer') a Buffer, with one a string.
  update(data: BinaryLike, inputEncoding?: string): Buffer;
  update(data: BinaryLike, inputEncoding: string | undefined, outputEncoding: 'buffer'): Buffer;
  update(data: BinaryLike, inputEncoding: string | undefined, outputEncoding: string): string;
  update(data: BinaryLike, inputEncoding?: string, outputEncoding?: string): Buffer | string;
  update(data: BinaryLike, inputEncoding?: string, outputEncoding?: string): Buffer | string {
    return toBuffer(this.core.update(data, inputEncoding, outputEncoding));
  }

  final(): Buffer;
  final(outputEncoding: 'buffer'): Buffer;
  final(outputEncoding: string): string;
  final(outputEncoding?: string): Buffer | string;
  final(outputEncoding?: string): Buffer | string {
    return toBuffer(this.core.final(outputEncoding));
  }

  setAutoPadding(autoPadding = true): this {
    this.core.setAutoPadding(autoPadding);
    return this;
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      callback(null, toBuffer(this.core.updateBytes(chunk)));
    } catch (error) {
      callback(error as Error);
    }
  }

  _flush(callback: TransformCallback): void {
    try {
      callback(null, toBuffer(this.core.finalBytes()));
    } catch (error) {
      callback(error as Error);
    }
  }

  _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.core.destroy();
    callback(error);
  }
}

export class Decipheriv extends Cipheriv {
  constructor(name: string, key: KeyLike | KeyObject, iv: KeyLike | null, options?: CipherivOptions & TransformOptions) {
    super(name, key, iv, options, 'decrypt');
  }
}

export function createCipheriv(name: string, key: KeyLike | KeyObject, iv: KeyLike | null,
  options?: CipherivOptions & TransformOptions): Cipheriv {
  return new Cipheriv(name, key, iv, options, 'encrypt');
}

export function createDecipheriv(name: string, key: KeyLike | KeyObject, iv: KeyLike | null,
  options?: CipherivOptions & TransformOptions): Decipheriv {
  return new Decipheriv(name, key, iv, options);
}

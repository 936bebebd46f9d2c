/**
 * The Node entry: everything the portable entry has, with createCipheriv / createDecipheriv
 * returning stream.Transform objects that give Buffers, as node:crypto's do. Pipe files through
 * them, or call update() / final() directly.
 *
 * node:stream is loaded when the first Cipheriv is made, not when this entry is imported: loading
 * it costs about a third of the entry's start-up, and a program that encrypts with the one-shot
 * API never needs it.
 */
import { createRequire } from 'node:module';
import type { Transform, TransformCallback, TransformOptions } from 'node:stream';
import type { KeyObject } from 'node:crypto';
import type { Direction } from './engine/index.js';
import { CipherCore } from './cipheriv.js';
import type { BinaryLike, CipherivOptions, KeyLike } from './cipheriv.js';
import { fail } from './errors.js';

export * from './index.js';

function toBuffer(out: Uint8Array | string): Buffer | string {
  return typeof out === 'string' ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Is this a node:crypto KeyObject? node:crypto is loaded only when a key could be one (an object
 * that is not bytes), through process.getBuiltinModule: importing it up front would cost more start-up
 * time than the rest of this entry. Node 20 before 20.16 lacks getBuiltinModule: there the shape
 * of a KeyObject (type, symmetricKeySize, export) decides.
 */
function isKeyObject(key: unknown): key is KeyObject {
  if (key === null || typeof key !== 'object' || ArrayBuffer.isView(key) || key instanceof ArrayBuffer) return false;
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  if (getBuiltin) return key instanceof (getBuiltin('node:crypto') as typeof import('node:crypto')).KeyObject;
  const candidate = key as { type?: unknown; export?: unknown; symmetricKeySize?: unknown };
  return typeof candidate.type === 'string' && typeof candidate.export === 'function' && 'symmetricKeySize' in candidate;
}

/**
 * node:crypto also takes a secret KeyObject as the key: its bytes are exported for the key
 * schedule (which copies what it keeps) and the exported copy is wiped at once.
 */
function withKeyBytes<T>(key: KeyLike | KeyObject, use: (bytes: KeyLike) => T): T {
  if (!isKeyObject(key)) return use(key);
  if (key.type !== 'secret') throw fail('ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
  const bytes = key.export();
  try {
    return use(bytes);
  } finally {
    bytes.fill(0);
  }
}

type BuiltinLoader = (id: 'node:stream') => typeof import('node:stream');
let transformConstructor: ((this: unknown, options?: TransformOptions) => void) | undefined;

/**
 * node:stream's Transform, loaded on first use (process.getBuiltinModule; before Node 20.16, a
 * require made by createRequire). Cipheriv's prototype and constructor are linked to Transform's
 * then, as `extends Transform` would have linked them, and each Cipheriv runs Transform's
 * constructor on itself (it is a plain function: `Transform.call(this, options)` is how Node's own
 * stream classes build on each other).
 */
function initTransform(self: unknown, options?: TransformOptions): void {
  if (!transformConstructor) {
    const getBuiltin = (process as { getBuiltinModule?: BuiltinLoader }).getBuiltinModule;
    const { Transform: transform } = getBuiltin ? getBuiltin('node:stream') : (createRequire(`${process.cwd()}/`) as BuiltinLoader)('node:stream');
    Object.setPrototypeOf(Cipheriv.prototype, transform.prototype);
    Object.setPrototypeOf(Cipheriv, transform);
    transformConstructor = transform as unknown as typeof transformConstructor;
  }
  transformConstructor!.call(self, options);
}

/** The Transform members of every Cipheriv (its prototype is linked to Transform's on first use). */
export interface Cipheriv extends Transform {}

/** A node:crypto-compatible Cipher: a Transform stream with update(), final() and setAutoPadding(). */
export class Cipheriv {
  private readonly core: CipherCore;

  constructor(name: string, key: KeyLike | KeyObject, iv: KeyLike | null,
    options?: CipherivOptions & TransformOptions, direction: Direction = 'encrypt') {
    const core = withKeyBytes(key, (bytes) => new CipherCore(name, bytes, iv, options, direction));
    initTransform(this, options);
    this.core = core;
  }

  update(data: BinaryLike): Buffer;
  update(data: BinaryLike, inputEncoding: string | undefined, outputEncoding: string): string;
  update(data: BinaryLike, inputEncoding?: string, outputEncoding?: string): Buffer | string;
  update(data: BinaryLike, inputEncoding?: string, outputEncoding?: string): Buffer | string {
    return toBuffer(this.core.update(data, inputEncoding, outputEncoding));
  }

  final(): Buffer;
  final(outputEncoding: string): string;
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

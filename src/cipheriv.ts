/**
 * The node:crypto drop-in: createCipheriv / createDecipheriv / getCiphers with Node's names, its
 * update(data, inputEncoding, outputEncoding) / final(outputEncoding) / setAutoPadding() calls and
 * its error codes. This module is the portable core (no Node built-ins; update() returns
 * Uint8Array); the Node entry (node.ts) wraps it in a stream.Transform that returns Buffers.
 */
import type { Direction } from './engine/index.js';
import { bytesOrNull, copyBytes, describe, wipe } from './bytes.js';
import { fail } from './errors.js';
import { blockDirection, CipherStream, keySchedule } from './cipher.js';
import { checkPadding } from './padding.js';
import type { Padding } from './padding.js';
import { ALGORITHMS, cipherRecord } from './registry.js';
import type { CipherRecord } from './registry.js';
import { decodeInput, normalizeEncoding, portableCodec } from './encoding.js';
import type { Codec, NormalEncoding, OutputDecoder } from './encoding.js';
import { readOptions } from './options.js';
import type { OptionSpec } from './options.js';
import { refuseWeakKey } from './keys.js';
import { unwrapKey, wrapKey } from './keywrap.js';

export { getCiphers, getCipherInfo } from './registry.js';

export type BinaryLike = string | ArrayBufferView;
/** What a key or an IV may be: as BinaryLike, or an ArrayBuffer (as node:crypto). */
export type KeyLike = BinaryLike | ArrayBuffer;

export interface CipherivOptions {
  /** Refuse weak, semi-weak, possibly weak and degenerate keys with ERR_DES_WEAK_KEY (default false). */
  rejectWeakKeys?: boolean;
  /** Run every block through the bitsliced, constant-time engine (needs WebAssembly SIMD). */
  constantTime?: boolean;
  /**
   * ECB and CBC: the padding that auto padding adds and removes (default 'pkcs7', node:crypto's),
   * one of pkcs7, none, zero, iso7816, x923, iso10126. Ours, not node:crypto's; setAutoPadding(false)
   * still turns padding off. Stream modes take none.
   */
  padding?: Padding;
  /** node:crypto's stream options and authTagLength are taken (DES has no tag); any other key is refused. */
  authTagLength?: number;
}

/**
 * The options createCipheriv takes: ours, node:crypto's authTagLength, and the stream.Transform
 * options node:crypto passes on to its stream (the Node entry uses them; the portable one ignores them).
 */
const OPTIONS: OptionSpec = {
  padding: 'any', rejectWeakKeys: 'boolean', constantTime: 'boolean', authTagLength: 'any',
  highWaterMark: 'any', readableHighWaterMark: 'any', writableHighWaterMark: 'any', encoding: 'any',
  defaultEncoding: 'any', objectMode: 'any', readableObjectMode: 'any', writableObjectMode: 'any',
  allowHalfOpen: 'any', decodeStrings: 'any', emitClose: 'any', autoDestroy: 'any', signal: 'any',
};

/** A key or IV as node:crypto takes it: a string (utf8), an ArrayBuffer, or a view of bytes. */
function keyMaterial(value: unknown, name: 'key' | 'iv'): Uint8Array {
  const bytes = typeof value === 'string' ? portableCodec.decode(value, 'utf8') : bytesOrNull(value, name);
  if (bytes === null) {
    throw fail('ERR_INVALID_ARG_TYPE',
      `The "${name}" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView. Received ${describe(value)}`);
  }
  return bytes;
}

function checkKey(info: CipherRecord, keyIn: unknown): Uint8Array {
  const key = keyMaterial(keyIn, 'key');
  if (key.length !== info.keyLength) {
    throw fail('ERR_CRYPTO_INVALID_KEYLEN',
      `Invalid key length: ${info.name} takes a ${info.keyLength}-byte key, got ${key.length} bytes`);
  }
  return key;
}

/** As node:crypto: null means "no IV" (right for ECB, an invalid IV elsewhere); undefined is not an IV at all. */
function checkIv(info: CipherRecord, ivIn: unknown): Uint8Array | null {
  if (ivIn === null) {
    if (info.ivLength === 0) return null;
    throw fail('ERR_CRYPTO_INVALID_IV', `Invalid initialization vector: ${info.name} needs an 8-byte IV, got null`);
  }
  const iv = keyMaterial(ivIn, 'iv');
  if (info.ivLength === 0) {
    // ECB and key wrap take no IV: like Node, accept an empty one, refuse any other.
    if (iv.length === 0) return null;
    throw fail('ERR_CRYPTO_INVALID_IV', `Invalid initialization vector: ${info.name} takes no IV, got ${iv.length} bytes`);
  }
  if (iv.length !== info.ivLength) {
    throw fail('ERR_CRYPTO_INVALID_IV', `Invalid initialization vector: ${info.name} needs an 8-byte IV, got ${iv.length} bytes`);
  }
  return iv;
}

/** What update() and final() do for one cipher object, in bytes and in strings. */
export class CipherCore {
  readonly info: CipherRecord;
  private readonly direction: Direction;
  private readonly stream: CipherStream | null;     // null for des3-wrap
  private readonly wrapKeyBytes: Uint8Array | null;
  private schedule: { wipe(): void } | null = null;
  private decoder: OutputDecoder | null = null;
  private decoderEncoding: NormalEncoding | null = null;
  private done = false;
  /** The padding auto padding means (options.padding, else pkcs7). */
  private readonly autoPadding: Padding;

  constructor(name: unknown, key: unknown, iv: unknown, optionsIn: unknown, direction: Direction,
    private readonly codec: Codec = portableCodec) {
    this.info = cipherRecord(name);
    this.direction = direction;
    const options = readOptions(optionsIn, OPTIONS);
    const keyBytes = checkKey(this.info, key);
    const ivBytes = checkIv(this.info, iv);
    const padding = options.padding;
    const { finalBlock, kernel, algorithm } = this.info;
    if (padding !== undefined && finalBlock !== 'padded') {
      throw fail('ERR_INVALID_ARG_VALUE', `padding: ${this.info.name} takes no padding`);
    }
    this.autoPadding = padding === undefined ? 'pkcs7' : checkPadding(padding);
    if (options.rejectWeakKeys) refuseWeakKey(ALGORITHMS[algorithm].weakChecked(keyBytes));
    if (kernel === 'wrap' || finalBlock === 'wrap') {            // (the two go together; both checked so each narrows)
      this.stream = null;
      this.wrapKeyBytes = copyBytes(keyBytes);
    } else {
      const schedule = keySchedule(algorithm, blockDirection(finalBlock, direction), keyBytes,
        { constantTime: options.constantTime === true });
      this.stream = new CipherStream({ kernel, finalBlock, padding: this.autoPadding, direction, schedule }, ivBytes);
      this.wrapKeyBytes = null;
      this.schedule = schedule;
    }
  }

  updateBytes(data: Uint8Array): Uint8Array {
    if (this.done) throw fail('ERR_CRYPTO_INVALID_STATE', 'Trying to add data in unsupported state: final() was already called');
    if (this.stream) return this.stream.update(data);
    // des3-wrap: as in OpenSSL, each update() wraps or unwraps its whole input.
    try {
      return this.direction === 'encrypt' ? wrapKey(this.wrapKeyBytes!, data) : unwrapKey(this.wrapKeyBytes!, data);
    } catch (error) {
      this.destroy();
      throw error;
    }
  }

  finalBytes(): Uint8Array {
    if (this.done) throw fail('ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation final: final() was already called');
    try {
      return this.stream ? this.stream.final() : new Uint8Array(0);
    } finally {
      this.destroy();
    }
  }

  update(data: unknown, inputEncoding?: unknown, outputEncoding?: unknown): Uint8Array | string {
    const decoder = this.outputDecoder(outputEncoding);
    const out = this.updateBytes(decodeInput(data, inputEncoding, this.codec));
    return decoder ? decoder.write(out) : out;
  }

  final(outputEncoding?: unknown): Uint8Array | string {
    const decoder = this.outputDecoder(outputEncoding);
    const out = this.finalBytes();
    return decoder ? decoder.end(out) : out;
  }

  setAutoPadding(autoPadding: unknown = true): void {
    if (this.done) throw fail('ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAutoPadding: final() was already called');
    // As node:crypto: any value, read for its truth.
    this.stream?.setPadding(autoPadding ? this.autoPadding : 'none');
  }

  /** Wipe key schedule and chaining state; further calls fail with ERR_CRYPTO_INVALID_STATE. */
  destroy(): void {
    this.done = true;
    this.stream?.destroy();
    this.schedule?.wipe();
    wipe(this.wrapKeyBytes ?? undefined);
  }

  /**
   * Node keeps one StringDecoder per object, so that a character split across update() calls
   * comes out whole in the next; like node:crypto, the encoding cannot change midway.
   */
  private outputDecoder(encoding: unknown): OutputDecoder | null {
    if (encoding === undefined || encoding === null || encoding === 'buffer') return null;
    const normal = normalizeEncoding(encoding, 'outputEncoding');
    if (this.decoder === null) {
      this.decoder = this.codec.decoder(normal);
      this.decoderEncoding = normal;
    } else if (this.decoderEncoding !== normal) {
      throw fail('ERR_INVALID_ARG_VALUE', `outputEncoding: this object already gives ${this.decoderEncoding}; the output encoding cannot change midway (node:crypto refuses too)`);
    }
    return this.decoder;
  }
}

/** A node:crypto-style Cipher (portable: update() and final() return Uint8Array or a string). */
export class Cipheriv {
  protected readonly core: CipherCore;
  constructor(name: string, key: KeyLike, iv: KeyLike | null, options?: CipherivOptions, direction: Direction = 'encrypt') {
    this.core = new CipherCore(name, key, iv, options, direction);
  }
  // As node:crypto's declarations: without an output encoding (or with 'buffer') bytes, with one a string.
  update(data: BinaryLike, inputEncoding?: string): Uint8Array;
  update(data: BinaryLike, inputEncoding: string | undefined, outputEncoding: 'buffer'): Uint8Array;
  update(data: BinaryLike, inputEncoding: string | undefined, outputEncoding: string): string;
  update(data: BinaryLike, inputEncoding?: string, outputEncoding?: string): Uint8Array | string;
  update(data: BinaryLike, inputEncoding?: string, outputEncoding?: string): Uint8Array | string {
    return this.core.update(data, inputEncoding, outputEncoding);
  }
  final(): Uint8Array;
  final(outputEncoding: 'buffer'): Uint8Array;
  final(outputEncoding: string): string;
  final(outputEncoding?: string): Uint8Array | string;
  final(outputEncoding?: string): Uint8Array | string {
    return this.core.final(outputEncoding);
  }
  setAutoPadding(autoPadding = true): this {
    this.core.setAutoPadding(autoPadding);
    return this;
  }
}

export class Decipheriv extends Cipheriv {
  constructor(name: string, key: KeyLike, iv: KeyLike | null, options?: CipherivOptions) {
    super(name, key, iv, options, 'decrypt');
  }
}

export function createCipheriv(name: string, key: KeyLike, iv: KeyLike | null, options?: CipherivOptions): Cipheriv {
  return new Cipheriv(name, key, iv, options, 'encrypt');
}

export function createDecipheriv(name: string, key: KeyLike, iv: KeyLike | null, options?: CipherivOptions): Decipheriv {
  return new Decipheriv(name, key, iv, options);
}

/**
 * The benchmark's keys, IVs and messages: pseudo-random but the same in every process, so that a
 * child process (the legacy-provider run, the start-up runs) rebuilds exactly the parent's inputs
 * from their names instead of receiving megabytes over a pipe. The bytes are an AES-128-CTR key
 * stream keyed by a hash of the input's name.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { byId, CIPHERS } from './matrix.mjs';

/** `length` bytes that depend only on `name`. */
export function bytesFor(name, length) {
  const key = createHash('sha256').update(`des-wasm bench: ${name}`).digest().subarray(0, 16);
  const stream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const out = stream.update(Buffer.alloc(length));
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export function keyFor(cipherId) {
  return bytesFor(`key ${cipherId}`, byId(CIPHERS, cipherId).keyLength);
}

/**
 * The IV, or for CTR the initial counter. crypto-js and node-forge carry only into the low 32 bits
 * of the counter, so its low word starts below 2^31: no 16 MiB message (2^21 blocks) wraps it.
 */
export function ivFor(mode) {
  const iv = bytesFor(`iv ${mode}`, 8);
  if (mode === 'ctr') iv[4] &= 0x7f;
  return iv;
}

const messages = new Map();
/** The message of `size` bytes (cached: the 16 MiB one is built once per process). */
export function messageFor(size) {
  if (!messages.has(size)) messages.set(size, bytesFor(`message ${size}`, size));
  return messages.get(size);
}

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sameBytes(a, b) {
  return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0;
}

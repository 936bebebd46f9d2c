/** Byte helpers the peer adapters share: key forms and zero-copy views. */

/**
 * A 2-key TDEA key K1‖K2 as the 24-byte K1‖K2‖K1 (SP 800-67 keying option 2), for libraries
 * that only take 24-byte keys (node-forge, des.js).
 */
export function threeKeyForm(key) {
  if (key.length !== 16) return key;
  const full = new Uint8Array(24);
  full.set(key);
  full.set(key.subarray(0, 8), 16);
  return full;
}

/** A Uint8Array view of a Buffer (or of any ArrayBufferView), without copying. */
export function asUint8Array(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** A Buffer view of a Uint8Array, without copying. */
export function asBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

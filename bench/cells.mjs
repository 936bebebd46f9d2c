/**
 * One cell of the matrix (a library × cipher × operation × size): check the library's output
 * against des-wasm's, and only if it agrees, time it. Used by the parent and by child processes.
 */
import { byId, LARGE, ROWS } from './matrix.mjs';
import { ivFor, keyFor, messageFor, sameBytes, sha256 } from './inputs.mjs';
import { timeCall } from './measure.mjs';

/** Where two outputs part, in words: "differs from des-wasm's at byte 8" or "is 1032 bytes, des-wasm's 1024". */
export function describeDifference(output, reference, referenceName = 'des-wasm') {
  if (!(output instanceof Uint8Array)) return `returned ${output === null ? 'null' : typeof output}, not bytes`;
  if (reference.length !== output.length) return `is ${output.length} bytes, ${referenceName}'s ${reference.length}`;
  let i = 0;
  while (i < output.length && output[i] === reference[i]) i++;
  return `differs from ${referenceName}'s at byte ${i}`;
}

function agrees(output, expected) {
  if (expected.bytes) return sameBytes(output, expected.bytes);
  return output instanceof Uint8Array && sha256(output) === expected.sha256;
}

function differenceFrom(output, expected) {
  if (expected.bytes) return describeDifference(output, expected.bytes);
  return output instanceof Uint8Array && output.length !== expected.length
    ? `is ${output.length} bytes, des-wasm's ${expected.length}`
    : "differs from des-wasm's (SHA-256 of the output)";
}

/**
 * Check, then time. `expected` is null for the subject (its output becomes the reference), else
 * { bytes } or { sha256, length }. Returns a result with status 'timed', 'unsupported', 'mismatch'
 * or 'error'; the subject's result also carries `output`.
 */
export function checkAndTime(adapter, { cipher, row: rowId, size }, expected, { timeMs }) {
  const row = byId(ROWS, rowId);
  const supported = adapter.supports(cipher, row.mode);
  if (supported !== true) return { status: 'unsupported', reason: supported };
  let fn;
  let first;
  let callMs;
  try {
    const prepared = adapter.prepare(cipher, row.mode, keyFor(cipher), ivFor(row.mode));
    const data = messageFor(size);
    fn = () => prepared[row.direction](data);
    // Two checked calls: the first against the reference, the second against the first, which
    // catches a library that carries state from one message into the next.
    let start = performance.now();
    first = fn();
    callMs = performance.now() - start;
    if (expected && !agrees(first, expected)) return { status: 'mismatch', reason: `output ${differenceFrom(first, expected)}` };
    if (size < LARGE) {
      // (Large messages skip this second call: the smaller sizes of the same cell already made it.)
      start = performance.now();
      const second = fn();
      callMs = performance.now() - start;
      if (!sameBytes(second, first)) return { status: 'mismatch', reason: `a second call on the same object ${describeDifference(second, first, 'first call')}` };
    }
  } catch (error) {
    return { status: 'error', reason: String(error?.message ?? error).split('\n')[0] };
  }
  // A call of a millisecond or more needs no batching, so the checked call's time sizes the batches.
  const timing = timeCall(fn, { timeMs, large: size >= LARGE, callMs: callMs >= 1 ? callMs : undefined });
  return {
    status: 'timed',
    mbps: size / timing.medianMs / 1000,
    ...timing,
    ...(expected ? {} : { output: first }),
  };
}

/**
 * Many independent messages under one key (payment and token workloads: thousands of 8–64-byte
 * records). Instead of running each message through the cipher on its own, the blocks of all the
 * messages are laid side by side so that the engine sees long runs of independent blocks, which
 * its bitsliced engine takes 128 at a time:
 *   - ECB, CBC decryption and CTR: every block of every message is independent: one run.
 *   - CBC encryption is serial within a message but not across messages: step j encrypts block j
 *     of every message that has one, chained with that message's block j-1 ("lockstep"), all the
 *     steps in one call to the engine (cbcEncryptMany), as many messages per call as it holds.
 * The caller's arrays are read first (checkMessages, checkItems), all of them, before the key is
 * expanded: the functions that run the engine (ecbMany, cbcMany, ctrMany) run none of the caller's code.
 */
import type { Direction, Schedule } from './engine/index.js';
import { cbcEncryptMany, cbcManyEnd, newState, runMode } from './engine/index.js';
import { asBytes, bytesOrNull, describe, expectLength, lengthOf, uint8ArrayLength, wipe } from './bytes.js';

const isArray = Array.isArray;
import { DesError, fail } from './errors.js';
import { BLOCK, paddedLength, padInto, padsAlignedData, unpaddedLength, wrongLength } from './padding.js';
import type { Padding } from './padding.js';


export interface BatchItem {
  /** The IV (CBC) or initial counter block (CTR): 8 bytes. */
  iv: Uint8Array;
  data: Uint8Array;
}

/** Run whole blocks through the block cipher (ECB) in place. */
function ecbInPlace(schedule: Schedule, direction: Direction, buffer: Uint8Array): void {
  runMode('ecb', direction, schedule, null, buffer, buffer);
}

/**
 * Checked messages: each as bytes (the caller's Uint8Array as it is, read from here on by element
 * only, see uint8ArrayLength; or a view of ours) and its length, read once when it was checked.
 */
export interface CheckedMessages { data: Uint8Array[]; lengths: number[] }
/** Checked batch items: as CheckedMessages, and each message's IV (or initial counter block). */
export interface CheckedItems extends CheckedMessages { ivs: Uint8Array[] }

/**
 * The caller's array read once, element by element by index (a hole is undefined, refused like
 * any other non-bytes), each message and its length once: nothing of the caller's runs later.
 */
export function checkMessages(messages: unknown, name: string): CheckedMessages {
  if (!isArray(messages)) throw fail('ERR_INVALID_ARG_TYPE', `${name}: expected an array, got ${describe(messages)}`);
  const list = messages as unknown[];
  const count = list.length;
  const data: Uint8Array[] = new Array(count), lengths: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const m = list[i];
    let n = uint8ArrayLength(m);
    if (n > 0) data[i] = m as Uint8Array;
    else {
      // The name for an error message is built only when there is an error: this runs per message.
      const bytes = bytesOrNull(m, name) ?? asBytes(m, `${name}[${i}]`);
      data[i] = bytes;
      n = bytes.length;
    }
    lengths[i] = n;
  }
  confirmLengths(name, data, lengths);
  return { data, lengths };
}

/** The caller's items read once, as checkMessages reads messages: each item's IV (or counter) and data property once. */
export function checkItems(items: unknown, ivName: 'iv' | 'counter'): CheckedItems {
  if (!isArray(items)) throw fail('ERR_INVALID_ARG_TYPE', `items: expected an array of { ${ivName}, data }, got ${describe(items)}`);
  const list = items as unknown[];
  const count = list.length;
  const ivs: Uint8Array[] = new Array(count), data: Uint8Array[] = new Array(count), lengths: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const item = list[i] as { iv?: unknown; counter?: unknown; data?: unknown };
    if (item === null || typeof item !== 'object') throw fail('ERR_INVALID_ARG_TYPE', `items[${i}]: expected { ${ivName}, data }, got ${describe(item)}`);
    // Each property read once (a getter runs once); names for error messages are built only
    // when there is an error: this runs per message.
    const ivIn = ivName === 'iv' ? item.iv : item.counter;
    if (uint8ArrayLength(ivIn) === 8) ivs[i] = ivIn as Uint8Array;
    else ivs[i] = expectLength(bytesOrNull(ivIn, ivName) ?? asBytes(ivIn, `items[${i}].${ivName}`), [8], `items[${i}].${ivName}`, 'ERR_CRYPTO_INVALID_IV');
    const dataIn = item.data;
    let n = uint8ArrayLength(dataIn);
    if (n > 0) data[i] = dataIn as Uint8Array;
    else {
      const bytes = bytesOrNull(dataIn, 'data') ?? asBytes(dataIn, `items[${i}].data`);
      data[i] = bytes;
      n = bytes.length;
    }
    lengths[i] = n;
  }
  confirmLengths('items', data, lengths, ivs);
  return { ivs, data, lengths };
}

/**
 * Once the caller's array has been read: every message (and IV) is as long as when it was read.
 * A getter that ran meanwhile (an element's, an item's) may have resized or detached the buffer
 * of one read before it; from here on none of the caller's code runs, so what is checked here
 * holds until the call returns.
 */
function confirmLengths(name: string, data: Uint8Array[], lengths: number[], ivs?: Uint8Array[]): void {
  for (let i = 0; i < data.length; i++) {
    if (lengthOf(data[i]) !== lengths[i] || (ivs !== undefined && lengthOf(ivs[i]) !== BLOCK)) {
      throw fail('ERR_INVALID_ARG_VALUE', `${name}[${i}]: its buffer was resized or detached while the input was read`);
    }
  }
}

/**
 * Copy the `n` bytes of a checked message (read by element only) into `target` at `at`. Short
 * records, the batch calls' business, by an unrolled loop: a few times faster than TypedArray.set,
 * whose call costs more than copying 16 bytes (Node 20); long ones by set.
 */
function copyInto(target: Uint8Array, at: number, source: Uint8Array, n: number): void {
  if (n > 64) { target.set(source, at); return; }
  let k = 0;
  for (; k + 8 <= n; k += 8, at += 8) {
    target[at] = source[k]; target[at + 1] = source[k + 1]; target[at + 2] = source[k + 2]; target[at + 3] = source[k + 3];
    target[at + 4] = source[k + 4]; target[at + 5] = source[k + 5]; target[at + 6] = source[k + 6]; target[at + 7] = source[k + 7];
  }
  for (; k < n; k++) target[at++] = source[k];
}

/** Lay the padded messages end to end; returns the buffer and each message's offset (and the end). */
function layPadded({ data, lengths }: CheckedMessages, padding: Padding): { buffer: Uint8Array; offsets: number[] } {
  const count = data.length;
  const offsets: number[] = new Array(count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) { offsets[i] = total; total += paddedLength(lengths[i], padding); }
  offsets[count] = total;
  const buffer = new Uint8Array(total);
  for (let i = 0; i < count; i++) {
    const at = offsets[i], n = lengths[i];
    copyInto(buffer, at, data[i], n);
    // Whole blocks unpadded (the usual case for records) need no padding written.
    if (padding !== 'none' || n !== offsets[i + 1] - at) padInto(buffer, at, n, padding);
  }
  return { buffer, offsets };
}

/** Lay ciphertexts end to end, checking each is whole blocks (and not empty when padded). */
function layCiphertexts({ data, lengths }: CheckedMessages, padding: Padding): { buffer: Uint8Array; offsets: number[] } {
  const offsets: number[] = [];
  let total = 0;
  lengths.forEach((n, i) => {
    if (n % BLOCK !== 0 || (n === 0 && padsAlignedData(padding))) {
      throw new DesError(wrongLength().code, `message ${i}: ${wrongLength().message}`);
    }
    offsets.push(total);
    total += n;
  });
  offsets.push(total);
  const buffer = new Uint8Array(total);
  data.forEach((m, i) => copyInto(buffer, offsets[i], m, lengths[i]));
  return { buffer, offsets };
}

/** Strip each message's padding; on a bad one, wipe everything and say which message it was. */
function unpadAll(buffer: Uint8Array, offsets: number[], padding: Padding): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) {
    const start = offsets[i], end = offsets[i + 1];
    if (end === start) { out.push(buffer.subarray(start, end)); continue; }
    try {
      out.push(buffer.subarray(start, end - BLOCK + unpaddedLength(buffer.subarray(end - BLOCK, end), padding)));
    } catch (error) {
      wipe(buffer);
      const e = error as DesError;
      throw new DesError(e.code, `message ${i}: ${e.message}`);
    }
  }
  return out;
}

/**
 * Each message's bytes as a view of the one output buffer. A view made by the Uint8Array
 * constructor costs about half what subarray() does (no species look-up), which counts at one per message.
 */
function views(buffer: Uint8Array, offsets: number[]): Uint8Array[] {
  const count = offsets.length - 1;
  const out: Uint8Array[] = new Array(count);
  const { buffer: memory, byteOffset } = buffer;
  for (let i = 0; i < count; i++) out[i] = new Uint8Array(memory, byteOffset + offsets[i], offsets[i + 1] - offsets[i]);
  return out;
}

export function ecbMany(schedule: Schedule, direction: Direction, messages: CheckedMessages, padding: Padding): Uint8Array[] {
  if (direction === 'encrypt') {
    const { buffer, offsets } = layPadded(messages, padding);
    ecbInPlace(schedule, 'encrypt', buffer);
    return views(buffer, offsets);
  }
  const { buffer, offsets } = layCiphertexts(messages, padding);
  ecbInPlace(schedule, 'decrypt', buffer);
  return unpadAll(buffer, offsets, padding);
}

function xorBlock(target: Uint8Array, at: number, source: Uint8Array, from: number): void {
  for (let k = 0; k < BLOCK; k++) target[at + k] ^= source[from + k];
}

export function cbcMany(schedule: Schedule, direction: Direction, items: CheckedItems, padding: Padding): Uint8Array[] {
  const { ivs } = items;
  if (direction === 'decrypt') {
    const { buffer, offsets } = layCiphertexts(items, padding);
    const saved = buffer.slice();
    ecbInPlace(schedule, 'decrypt', buffer);
    for (let i = 0; i < ivs.length; i++) {
      for (let at = offsets[i]; at < offsets[i + 1]; at += BLOCK) {
        if (at === offsets[i]) xorBlock(buffer, at, ivs[i], 0); else xorBlock(buffer, at, saved, at - BLOCK);
      }
    }
    return unpadAll(buffer, offsets, padding);
  }
  const { buffer, offsets } = layPadded(items, padding);
  // Lockstep in the engine, as many messages per call as its data region holds; a message that
  // alone does not fit runs through CBC on its own.
  for (let first = 0, count = ivs.length; first < count;) {
    const last = cbcManyEnd(offsets, first, count);
    if (last === first) {
      const message = buffer.subarray(offsets[first], offsets[first + 1]);
      runMode('cbc', 'encrypt', schedule, newState(ivs[first]), message, message);
      first++;
    } else {
      cbcEncryptMany(schedule, ivs, offsets, buffer, first, last);
      first = last;
    }
  }
  return views(buffer, offsets);
}

/** CTR for many messages: all keystream blocks (each message's counter, counter + 1, …) in one run. */
export function ctrMany(schedule: Schedule, { ivs, data, lengths }: CheckedItems, counterBits = 64): Uint8Array[] {
  const offsets: number[] = [];
  let total = 0;
  for (const n of lengths) { offsets.push(total); total += Math.ceil(n / BLOCK) * BLOCK; }
  const stream = new Uint8Array(total);
  const view = new DataView(stream.buffer);
  const first = new Uint8Array(BLOCK), firstView = new DataView(first.buffer);
  const field = (1n << BigInt(counterBits)) - 1n;          // the low bits that count (SP 800-38A)
  lengths.forEach((n, i) => {
    copyInto(first, 0, ivs[i], BLOCK);                    // the caller's counter, read by element
    let counter = firstView.getBigUint64(0);
    for (let at = offsets[i]; at < offsets[i] + Math.ceil(n / BLOCK) * BLOCK; at += BLOCK) {
      view.setBigUint64(at, counter);
      counter = (counter & ~field) | ((counter + 1n) & field);
    }
  });
  first.fill(0);
  ecbInPlace(schedule, 'encrypt', stream);
  const out = lengths.map((n, i) => {
    const o = stream.subarray(offsets[i], offsets[i] + n), d = data[i];
    for (let k = 0; k < n; k++) o[k] ^= d[k];
    stream.fill(0, offsets[i] + n, offsets[i] + Math.ceil(n / BLOCK) * BLOCK);   // unused keystream
    return o;
  });
  return out;
}


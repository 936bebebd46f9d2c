/**
 * Many independent messages under one key (payment and token workloads: thousands of 8–64-byte
 * records). Instead of running each message through the cipher on its own, the blocks of all the
 * messages are laid side by side so that the engine sees long runs of independent blocks, which
 * its bitsliced engine takes 128 at a time:
 *   - ECB, CBC decryption and CTR: every block of every message is independent: one run.
 *   - CBC encryption is serial within a message but not across messages: step j encrypts block j
 *     of every message that has one, chained with that message's block j-1 ("lockstep"), all the
 *     steps in one call to the engine (cbcEncryptMany), as many messages per call as it holds.
 */
import type { Direction, Schedule } from './engine/index.js';
import { cbcEncryptMany, cbcManyFits, newState, runMode } from './engine/index.js';
import { asBytes, describe, expectLength, plainBytesOrNull, wipe } from './bytes.js';

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
  runMode('ecb', direction, schedule, newState(), buffer, buffer);
}

/**
 * The caller's array read once, element by element by index (a hole is undefined, refused like
 * any other non-bytes), into an array of our own views: nothing of the caller's runs later.
 */
function checkMessages(messages: unknown, name: string): Uint8Array[] {
  if (!isArray(messages)) throw fail('ERR_INVALID_ARG_TYPE', `${name}: expected an array, got ${describe(messages)}`);
  const list = messages as unknown[];
  const out: Uint8Array[] = new Array(list.length);
  for (let i = 0; i < out.length; i++) {
    const m = list[i];
    // The name for an error message is built only when there is an error: this runs per message.
    out[i] = plainBytesOrNull(m, name) ?? asBytes(m, `${name}[${i}]`);
  }
  return out;
}

function checkItems(items: unknown, ivName: string): { ivs: Uint8Array[]; data: Uint8Array[] } {
  if (!isArray(items)) throw fail('ERR_INVALID_ARG_TYPE', `items: expected an array of { ${ivName}, data }, got ${describe(items)}`);
  const list = items as unknown[];
  const ivs: Uint8Array[] = new Array(list.length), data: Uint8Array[] = new Array(list.length);
  for (let i = 0; i < ivs.length; i++) {
    const item = list[i] as Record<string, unknown>;
    if (item === null || typeof item !== 'object') throw fail('ERR_INVALID_ARG_TYPE', `items[${i}]: expected { ${ivName}, data }, got ${describe(item)}`);
    // Names for error messages are built only when there is an error: this runs per message.
    const iv = plainBytesOrNull(item[ivName], ivName) ?? asBytes(item[ivName], `items[${i}].${ivName}`);
    if (iv.length !== 8) expectLength(iv, [8], `items[${i}].${ivName}`, 'ERR_CRYPTO_INVALID_IV');
    ivs[i] = iv;
    data[i] = plainBytesOrNull(item.data, 'data') ?? asBytes(item.data, `items[${i}].data`);
  }
  return { ivs, data };
}

/** Lay the padded messages end to end; returns the buffer and each message's offset (and the end). */
function layPadded(messages: Uint8Array[], padding: Padding): { buffer: Uint8Array; offsets: number[] } {
  const offsets: number[] = new Array(messages.length + 1);
  let total = 0;
  for (let i = 0; i < messages.length; i++) { offsets[i] = total; total += paddedLength(messages[i].length, padding); }
  offsets[messages.length] = total;
  const buffer = new Uint8Array(total);
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i], at = offsets[i];
    // TypedArray.set, even for 16 bytes: measured faster than a byte loop (Node 20), which
    // was the largest JS cost of encryptMany on short records.
    buffer.set(m, at);
    padInto(buffer, at, m.length, padding);
  }
  return { buffer, offsets };
}

/** Lay ciphertexts end to end, checking each is whole blocks (and not empty when padded). */
function layCiphertexts(messages: Uint8Array[], padding: Padding): { buffer: Uint8Array; offsets: number[] } {
  const offsets: number[] = [];
  let total = 0;
  messages.forEach((m, i) => {
    if (m.length % BLOCK !== 0 || (m.length === 0 && padsAlignedData(padding))) {
      throw new DesError(wrongLength().code, `message ${i}: ${wrongLength().message}`);
    }
    offsets.push(total);
    total += m.length;
  });
  offsets.push(total);
  const buffer = new Uint8Array(total);
  messages.forEach((m, i) => buffer.set(m, offsets[i]));
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

export function ecbMany(schedule: Schedule, direction: Direction, messagesIn: unknown, padding: Padding): Uint8Array[] {
  const messages = checkMessages(messagesIn, 'messages');
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

export function cbcMany(schedule: Schedule, direction: Direction, itemsIn: unknown, padding: Padding): Uint8Array[] {
  const { ivs, data } = checkItems(itemsIn, 'iv');
  if (direction === 'decrypt') {
    const { buffer, offsets } = layCiphertexts(data, padding);
    const saved = buffer.slice();
    ecbInPlace(schedule, 'decrypt', buffer);
    for (let i = 0; i < ivs.length; i++) {
      for (let at = offsets[i]; at < offsets[i + 1]; at += BLOCK) {
        if (at === offsets[i]) xorBlock(buffer, at, ivs[i], 0); else xorBlock(buffer, at, saved, at - BLOCK);
      }
    }
    return unpadAll(buffer, offsets, padding);
  }
  const { buffer, offsets } = layPadded(data, padding);
  // Lockstep in the engine, as many messages per call as its data region holds; a message that
  // alone does not fit runs through CBC on its own.
  for (let first = 0, count = ivs.length; first < count;) {
    let last = first;
    while (last < count && cbcManyFits(last + 1 - first, offsets[last + 1] - offsets[first])) last++;
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
export function ctrMany(schedule: Schedule, itemsIn: unknown, counterBits = 64): Uint8Array[] {
  const { ivs, data } = checkItems(itemsIn, 'counter');
  const offsets: number[] = [];
  let total = 0;
  for (const d of data) { offsets.push(total); total += Math.ceil(d.length / BLOCK) * BLOCK; }
  const stream = new Uint8Array(total);
  const view = new DataView(stream.buffer);
  const field = (1n << BigInt(counterBits)) - 1n;          // the low bits that count (SP 800-38A)
  data.forEach((d, i) => {
    let counter = new DataView(ivs[i].buffer, ivs[i].byteOffset, BLOCK).getBigUint64(0);
    for (let at = offsets[i]; at < offsets[i] + Math.ceil(d.length / BLOCK) * BLOCK; at += BLOCK) {
      view.setBigUint64(at, counter);
      counter = (counter & ~field) | ((counter + 1n) & field);
    }
  });
  ecbInPlace(schedule, 'encrypt', stream);
  const out = data.map((d, i) => {
    const o = stream.subarray(offsets[i], offsets[i] + d.length);
    for (let k = 0; k < d.length; k++) o[k] ^= d[k];
    stream.fill(0, offsets[i] + d.length, offsets[i] + Math.ceil(d.length / BLOCK) * BLOCK);   // unused keystream
    return o;
  });
  return out;
}


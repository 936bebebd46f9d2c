/**
 * encrypt/decrypt without a stream pipeline: a few buffers of CHUNK bytes, reused from the first
 * chunk to the last, each read into, transformed in place (./threads.ts: on this thread or on
 * worker threads) and written out, so that memory stays the same whatever the size, and no
 * chunk waits in a stage's queue or for the garbage collector. The modes' ends are the
 * library's: the bytes that must wait for the end (a partial block; in padded decryption the last
 * block) go, at the end, through the library's own cipher carrying on from the chaining value, so
 * padding, unpadding and their errors are exactly those of the streaming API.
 *
 *   source → [header] → chunks, in place → [tail: update() + final()] → output
 */
import { read as readFd } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { BLOCK } from '../padding.js';
import type { Runner } from './threads.js';
import type { Stepper } from './streams.js';

/** Bytes per chunk: large enough that per-chunk costs vanish, small enough that a few of them are little memory. */
export const CHUNK = 1 << 20;

/** Where the bytes come from: a file descriptor (files, stdin from a file) or a stream (a pipe). */
export interface Source {
  /** Up to `length` bytes into `target` at `offset`; 0 at the end. */
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
}

export function fdSource(fd: number): Source {
  return {
    read: (target, offset, length) => new Promise((resolve, reject) => {
      readFd(fd, target, offset, length, null, (error, n) => (error ? reject(error) : resolve(n)));
    }),
  };
}

export function streamSource(stream: Readable): Source {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let left: Buffer | null = null;
  return {
    async read(target, offset, length) {
      if (!left || left.length === 0) {
        const next = await chunks.next();
        if (next.done) return 0;
        left = next.value;
      }
      const n = Math.min(length, left.length);
      target.set(left.subarray(0, n), offset);
      left = left.subarray(n);
      return n;
    },
  };
}

/** Read until `length` bytes or the end; how many were read. */
export async function fill(source: Source, target: Uint8Array, offset: number, length: number): Promise<number> {
  let have = 0;
  while (have < length) {
    const n = await source.read(target, offset + have, length - have);
    if (n === 0) break;
    have += n;
  }
  return have;
}

/** Where the bytes go: each write resolves once the bytes' buffer may be reused; writes come one after another. */
export interface ByteSink {
  write(bytes: Uint8Array): Promise<void>;
  /** After the last write: flush and end. */
  end(): Promise<void>;
}

/** Writes to a stream, each resolved once the stream is done with the bytes (so their buffer can be reused). */
export class Sink implements ByteSink {
  private failure: Error | null = null;
  constructor(private readonly stream: Writable) {
    stream.on('error', (error: Error) => { this.failure ??= error; });
  }
  write(bytes: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (bytes.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.stream.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }
  /** Flush and end the stream (stdout and stderr stay open, as in a pipeline). */
  end(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.stream === process.stdout || this.stream === process.stderr) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => (this.failure ? reject(this.failure) : resolve()));
    });
  }
}

/** How the bytes at the end of what was read must wait, by the mode's final-block policy. */
export type Ending =
  /** Padded decryption: the last block (and any partial one) waits for the tail cipher. */
  | 'unpad'
  /** Padded encryption: a partial block waits for the tail cipher, which pads it. */
  | 'pad'
  /** Stream modes: chunks of whole blocks, and the last chunk as it is; no tail. */
  | 'stream';

/** Of `have` bytes read, how many must wait (for more input, or for the tail at the end). */
function waiting(ending: Ending, have: number, end: boolean): number {
  if (ending === 'unpad') return have === 0 ? 0 : ((have - 1) % BLOCK) + 1;
  if (ending === 'pad') return have % BLOCK;
  return end ? 0 : have % BLOCK;
}

export interface ChunkedRun {
  source: Source;
  sink: ByteSink;
  runner: Runner;
  ending: Ending;
  /** The cipher for the bytes that waited, carrying on from the chaining value (padded modes). */
  tail: ((register: Uint8Array) => Stepper) | null;
  /** Bytes read so far (for the progress bar). */
  onRead(n: number): void;
}

/** Run the whole input through: chunks in flight at most runner.depth; output in order. */
export async function runChunked({ source, sink, runner, ending, tail, onRead }: ChunkedRun): Promise<void> {
  const free: SharedArrayBuffer[] = [];
  for (let i = 0; i < runner.depth; i++) free.push(new SharedArrayBuffer(CHUNK + BLOCK));
  const held = new Uint8Array(BLOCK);                 // the bytes carried from one chunk to the next
  let heldLength = 0;
  const inFlight: Promise<void>[] = [];
  let register: Uint8Array | null = null;
  try {
    for (let end = false; !end;) {
      while (free.length === 0) await inFlight.shift();
      const buffer = free.pop()!;
      const bytes = new Uint8Array(buffer);
      bytes.set(held.subarray(0, heldLength));
      const n = await fill(source, bytes, heldLength, CHUNK);
      onRead(n);
      end = n === 0 || n < CHUNK;
      const have = heldLength + n;
      const wait = waiting(ending, have, end);
      const ready = have - wait;
      held.set(bytes.subarray(ready, have));
      heldLength = wait;
      if (ready === 0) { free.push(buffer); continue; }
      const ran = runner.run(buffer, ready);
      const before = inFlight.at(-1);
      const written = Promise.all([ran, before]).then(async ([back]) => {
        await sink.write(new Uint8Array(back, 0, ready));
        free.push(back);
      });
      written.catch(() => {});                         // awaited in turn below; a failure is thrown from there
      inFlight.push(written);
    }
    while (inFlight.length > 0) await inFlight.shift();
    if (tail) {
      register = runner.register();
      const cipher = tail(register);
      await sink.write(cipher.update(Buffer.from(held.buffer, 0, heldLength)));
      await sink.write(cipher.final());
    }
    await sink.end();
  } finally {
    held.fill(0);
    register?.fill(0);
    for (const buffer of free) new Uint8Array(buffer).fill(0);
  }
}

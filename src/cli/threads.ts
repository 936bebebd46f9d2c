/**
 * What transforms the chunks of encrypt/decrypt in place: on this thread (every mode), or on
 * worker threads for the modes whose blocks do not depend on each other's output — ECB both
 * ways, CBC and CFB-64 decryption (each block needs only the ciphertext before it, which is in
 * the input) and CTR (the counter of each block is known). Each thread has its own engine
 * instance, made from the module this thread compiled; the chunks go out in turn, each with the
 * chaining value it starts from, and come back in order.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { compiledModule, newState, runMode, wipeState } from '../engine/index.js';
import type { EngineMode } from '../engine/index.js';
import { blockDirection, keySchedule } from '../cipher.js';
import type { CipherRecord } from '../registry.js';
import type { Job, ThreadSetup } from './worker.js';

/** At most this many threads by default, whatever the number of cores. */
export const DEFAULT_THREADS_LIMIT = 8;

/** --threads without a value: the cores this process may use, at most DEFAULT_THREADS_LIMIT. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(DEFAULT_THREADS_LIMIT, availableParallelism()));
}

/** Transforms chunks in place, in order. */
export interface Runner {
  /** Threads doing the work (1: this one). */
  readonly threads: number;
  /** Chunks that may be in flight at once. */
  readonly depth: number;
  /**
   * Transform the first `length` bytes of `buffer` in place: whole blocks, except in the last
   * chunk of a stream mode. Resolves with the buffer once done (shared with the threads: nothing is copied).
   */
  run(buffer: SharedArrayBuffer, length: number): Promise<SharedArrayBuffer>;
  /** The chaining value after all the data given so far: the IV of a cipher that carries on from there (a copy). */
  register(): Uint8Array;
  /** Wipe the key schedules and chaining state, and end the threads. */
  close(): Promise<void>;
}

/** Whether the mode's blocks can be split among threads in this direction. */
export function parallelMode(info: CipherRecord, direction: 'encrypt' | 'decrypt'): boolean {
  if (info.kernel === 'ecb' || info.kernel === 'ctr') return true;
  return direction === 'decrypt' && (info.kernel === 'cbc' || info.kernel === 'cfb64');
}

/** Every mode on this thread: one key schedule and the chaining state carried from chunk to chunk. */
export function inlineRunner(info: CipherRecord, direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array | null): Runner {
  const schedule = keySchedule(info.algorithm, blockDirection(info.finalBlock, direction), key);
  const state = newState(iv ?? undefined);
  const kernel = info.kernel as EngineMode;
  return {
    threads: 1,
    depth: 2,
    run(buffer, length) {
      const data = new Uint8Array(buffer, 0, length);
      runMode(kernel, direction, schedule, state, data, data);
      return Promise.resolve(buffer);
    },
    register: () => state.register.slice(),
    close() {
      schedule.wipe();
      wipeState(state);
      return Promise.resolve();
    },
  };
}

/**
 * `threads` threads for a parallelMode(), started only when a second chunk comes (a short input
 * never waits for them): the first chunk runs on this thread, the rest on the worker threads,
 * which carry on from its chaining value.
 */
export function parallelRunner(info: CipherRecord, direction: 'encrypt' | 'decrypt', key: Uint8Array,
  iv: Uint8Array | null, threads: number): Runner {
  const first = inlineRunner(info, direction, key, iv);
  let chunks = 0;
  let firstOpen = true;
  let workers: Runner | null = null;
  let starting: Promise<Runner> | null = null;
  const closeFirst = async () => {
    if (firstOpen) { firstOpen = false; await first.close(); }
  };
  const start = async (): Promise<Runner> => {
    const register = first.register();            // the first chunk ran synchronously: final
    try {
      workers = await threadRunner(info, direction, key, register, threads);
      return workers;
    } finally {
      register.fill(0);
      await closeFirst();
    }
  };
  return {
    get threads() { return workers ? workers.threads : 1; },
    depth: 2 * threads,
    run(buffer, length) {
      if (chunks++ === 0) return first.run(buffer, length);
      starting ??= start();
      return starting.then((runner) => runner.run(buffer, length));     // in the order of the calls
    },
    register: () => (workers ?? first).register(),
    async close() {
      await closeFirst();
      if (starting) await starting.then((runner) => runner.close(), () => {});
    },
  };
}

/**
 * `threads` worker threads for a parallelMode(): the key is sent to each (and wiped there once
 * expanded); each chunk goes to the next thread in turn with its chaining value — for CBC and
 * CFB-64 decryption the last ciphertext block before it, for CTR the initial counter plus the
 * blocks before it (mod 2^64), for ECB nothing.
 */
async function threadRunner(info: CipherRecord, direction: 'encrypt' | 'decrypt', key: Uint8Array,
  iv: Uint8Array | null, threads: number): Promise<Runner> {
  const { WORKER_ENTRY, CIPHER_THREAD } = await import('./worker-entry.js');
  const kernel = info.kernel as EngineMode;
  const chain = new Uint8Array(8);
  if (iv) chain.set(iv);
  const counter = new DataView(chain.buffer);
  const waiting = new Map<number, { resolve(buffer: SharedArrayBuffer): void; reject(error: Error): void }>();
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const job of waiting.values()) job.reject(failure);
    waiting.clear();
  };
  const workers: Worker[] = [];
  const exited: Promise<void>[] = [];
  for (let i = 0; i < threads; i++) {
    // A copy of exactly the key's bytes: a view would send its whole buffer (a pooled Buffer's
    // other bytes too). The thread gets a clone of it, and wipes that; this one is wiped here.
    const setup: ThreadSetup = {
      role: CIPHER_THREAD, module: compiledModule(), algorithm: info.algorithm, kernel, direction,
      blockDirection: blockDirection(info.finalBlock, direction), key: new Uint8Array(key),
    };
    let worker: Worker;
    try {
      worker = new Worker(new URL(WORKER_ENTRY), { workerData: setup });
    } finally {
      setup.key.fill(0);
    }
    worker.on('message', (done: number) => {
      const job = waiting.get(done);
      waiting.delete(done);
      job?.resolve(buffers.get(done)!);
      buffers.delete(done);
    });
    worker.on('error', fail);
    exited.push(new Promise((resolve) => worker.once('exit', (code) => {
      if (code !== 0) fail(new Error(`a cipher thread ended with exit code ${code}`));
      resolve();
    })));
    workers.push(worker);
  }
  let jobs = 0;
  const buffers = new Map<number, SharedArrayBuffer>();
  return {
    threads,
    depth: 2 * threads,
    run(buffer, length) {
      if (failure) return Promise.reject(failure);
      const register = chain.slice();
      if (kernel === 'ctr') {
        counter.setBigUint64(0, BigInt.asUintN(64, counter.getBigUint64(0) + BigInt(Math.floor(length / 8))));
      } else if (kernel !== 'ecb' && length >= 8) {
        chain.set(new Uint8Array(buffer, length - 8, 8));       // the last ciphertext block
      }
      const id = jobs++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        buffers.set(id, buffer);
        const job: Job = { id, buffer, length, register };
        workers[id % workers.length].postMessage(job);
        register.fill(0);                                      // the thread has its own copy
      });
    },
    register: () => chain.slice(),
    async close() {
      chain.fill(0);
      for (const worker of workers) worker.postMessage('close');
      await Promise.all(exited);
    },
  };
}

/**
 * One cipher thread of the CLI: its own engine instance (from the module the main thread
 * compiled), the key schedule made from the key it was sent (the sent copy wiped at once), and
 * chunks transformed in place: each job is a buffer shared with the main thread, its length and
 * the chaining value it starts from (./threads.ts computes them); the answer is the job's id. On `close` the key
 * schedule is wiped and the thread ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { newState, runMode, wipeState } from '../engine/index.js';
import type { Algorithm, Direction, EngineMode } from '../engine/index.js';
import { keySchedule } from '../cipher.js';

/** What a cipher thread is started with. */
export interface ThreadSetup {
  role: string;
  module: WebAssembly.Module;
  algorithm: Algorithm;
  kernel: EngineMode;
  /** The mode's direction (CFB decryption feeds back the ciphertext). */
  direction: Direction;
  /** The block cipher's direction (the stream modes run it forwards both ways). */
  blockDirection: Direction;
  key: Uint8Array;
}

/** One chunk: `length` bytes of `buffer`, starting from the chaining value `register` (8 bytes). */
export interface Job {
  id: number;
  buffer: SharedArrayBuffer;
  length: number;
  register: Uint8Array;
}

export function serve(): void {
  const port = parentPort as MessagePort;
  const setup = workerData as ThreadSetup;
  let schedule;
  try {
    schedule = keySchedule(setup.algorithm, setup.blockDirection, setup.key);
  } finally {
    setup.key.fill(0);
  }
  port.on('message', (job: Job | 'close') => {
    if (job === 'close') {
      schedule.wipe();
      port.close();
      return;
    }
    const data = new Uint8Array(job.buffer, 0, job.length);
    const state = newState(job.register);
    try {
      runMode(setup.kernel, setup.direction, schedule, state, data, data);
    } finally {
      wipeState(state);
      job.register.fill(0);
    }
    port.postMessage(job.id);
  });
}

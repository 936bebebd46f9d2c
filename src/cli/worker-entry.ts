/**
 * The entry of the CLI's cipher threads (./threads.ts starts them on this file). It hands the
 * engine the WebAssembly module that the main thread compiled (posted in workerData) before the
 * engine is loaded, so that no thread compiles it again, and then serves (./worker.ts). Imported
 * on the main thread, it only tells where it is.
 */
import { isMainThread, workerData } from 'node:worker_threads';

/** This module's URL, for `new Worker()`. */
export const WORKER_ENTRY = import.meta.url;

/** The workerData marker of a cipher thread. */
export const CIPHER_THREAD = 'des-wasm cipher thread';

const data = workerData as { role?: string; module?: WebAssembly.Module } | null;
if (!isMainThread && data?.role === CIPHER_THREAD) {
  (globalThis as Record<symbol, unknown>)[Symbol.for('des-wasm.engine.compiled-module')] = data.module;
  void import('./worker.js').then(({ serve }) => serve());
}

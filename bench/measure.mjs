/**
 * The timing harness, the same in the parent and in child processes: tinybench, sample medians.
 *
 * Calls shorter than ~0.2 ms are timed in batches (tinybench's overriddenDuration gives the mean per
 * call of each batch as one sample), so the timer's own cost (~50 ns a read) does not swamp a 16-byte
 * message. Large messages run a fixed minimum of runs (MIN_RUNS) and no extra warm-up: the checking
 * runs before them already warmed the code.
 */
import { Bench } from 'tinybench';
import { MIN_RUNS } from './matrix.mjs';

const BATCH_TARGET_MS = 0.2;
let sink = 0;

/** A rough time per call (ms) from a short loop, to size batches. */
function estimateCallMs(fn) {
  const start = performance.now();
  let calls = 0;
  do {
    sink ^= fn().length;
    calls++;
  } while (performance.now() - start < 2 && calls < 10_000);
  return (performance.now() - start) / calls;
}

/**
 * Time fn() (which returns a Uint8Array). Returns the median and mean ms per call, the relative
 * margin of error (%), and how many samples (callsPerSample calls each) went into them.
 */
export function timeCall(fn, { timeMs, large = false, callMs }) {
  const perCall = callMs ?? estimateCallMs(fn);
  const batch = perCall >= BATCH_TARGET_MS ? 1 : Math.min(10_000, Math.ceil(BATCH_TARGET_MS / Math.max(perCall, 1e-6)));
  const bench = new Bench({
    time: large ? 0 : timeMs,
    iterations: MIN_RUNS,
    warmup: !large,
    warmupTime: Math.min(50, timeMs / 4),
    warmupIterations: 2,
    throws: true,
  });
  const task = batch === 1
    ? () => { sink ^= fn().length; }
    : () => {
      const start = performance.now();
      for (let i = 0; i < batch; i++) sink ^= fn().length;
      const elapsed = performance.now() - start;
      return { overriddenDuration: elapsed / batch, overriddenIterationCost: elapsed };
    };
  bench.add('cell', task, { async: false });
  bench.runSync();
  const { result } = bench.tasks[0];
  if (result.state !== 'completed') throw result.error ?? new Error(`tinybench: task ${result.state}`);
  return {
    medianMs: result.latency.p50,
    meanMs: result.latency.mean,
    rme: result.latency.rme,
    samples: result.latency.samplesCount,
    callsPerSample: batch,
  };
}

/** Keeps results observable so the engine cannot drop the work; read it once at the end. */
export function sinkValue() {
  return sink;
}

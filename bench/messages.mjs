/**
 * Short messages under one key (PIN blocks, tokens): messages per second for 16-byte messages,
 * node:crypto's createCipheriv + update + final per message against des-wasm's calls. ECB reuses one
 * keyed object where the library allows it; CBC takes a new IV, so a new cipher object, per message,
 * unless the library has a batch call (des-wasm's encryptMany, once the build has it).
 */
import { fileURLToPath } from 'node:url';
import { bytesFor, keyFor, sameBytes } from './inputs.mjs';
import { MESSAGE_BYTES, MESSAGES_PER_BATCH } from './matrix.mjs';
import { timeCall } from './measure.mjs';
import { describeDifference } from './cells.mjs';
import { runNodeJson } from './child.mjs';
import { peerUrl, PEER_MODULES } from './peers/index.mjs';

const CHILD_MESSAGES = fileURLToPath(new URL('./child-messages.mjs', import.meta.url));

function messageItems() {
  return Array.from({ length: MESSAGES_PER_BATCH }, (_, i) => ({
    iv: bytesFor(`message iv ${i}`, 8),
    data: bytesFor(`short message ${i}`, MESSAGE_BYTES),
  }));
}

function concat(outputs) {
  if (outputs instanceof Uint8Array) return outputs;
  return new Uint8Array(Buffer.concat(outputs));
}

/** The ways a library can encrypt the batch: [{ library, call, run() → outputs }]. */
export function variants(name, adapter, { cipher, mode }, items) {
  const key = keyFor(cipher);
  const found = [];
  if (adapter.supports(cipher, mode) !== true) return found;
  const label = CALLS[name]?.[mode] ?? (mode === 'ecb' ? 'one keyed object, a call per message' : 'a new cipher object per message');
  if (mode === 'ecb') {
    const keyed = adapter.prepare(cipher, mode, key, null);
    found.push({ library: name, call: label, run: () => items.map((item) => keyed.encrypt(item.data)) });
  } else {
    found.push({ library: name, call: label, run: () => items.map((item) => adapter.prepare(cipher, mode, key, item.iv).encrypt(item.data)) });
  }
  const batch = adapter.many?.(cipher, mode);
  if (batch) found.push({ library: name, call: batch.call, batch: true, run: () => batch.run(key, items) });
  return found;
}

const CALLS = {
  'node:crypto': {
    ecb: "createCipheriv('des-ede3', key, null) + update + final per message",
    cbc: "createCipheriv('des-ede3-cbc', key, iv) + update + final per message",
  },
  'des-wasm': {
    ecb: 'tdes.ecb(key) once, encrypt() per message',
    cbc: 'tdes.cbc(key, iv).encrypt() per message (one-shot)',
  },
};

/** Each variant is timed in this many rounds, round-robin across the libraries. */
export const MESSAGE_ROUNDS = 5;

/**
 * A full collection where node runs with --expose-gc (the child does): each round starts from a
 * collected heap, so that no library's round pays for the garbage the one before it left (node:crypto's
 * cipher objects, des-wasm's arrays).
 */
function collectGarbage() {
  globalThis.gc?.();
}

/** Run fn for about `ms` milliseconds, untimed. */
function warm(fn, ms) {
  const end = performance.now() + ms;
  do fn(); while (performance.now() < end);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Run the message rows for the given libraries (subject first), in this process. Every variant's
 * outputs are checked against the subject's first variant before it is timed. The variants of a
 * row are then timed in MESSAGE_ROUNDS rounds of timeMs / MESSAGE_ROUNDS each, round-robin (the
 * first variant of each round rotating), so that drift in the machine, the heap or the JIT hits
 * every library alike, each round from a collected heap (collectGarbage); a variant's figure is
 * the median of its rounds' medians.
 */
export function measureMessageRows(rows, libraries, { timeMs, log = () => {} }) {
  const items = messageItems();
  const results = [];
  for (const row of rows) {
    let reference = null;
    const timed = [];
    for (const { name, adapter } of libraries) {
      let found;
      try {
        found = variants(name, adapter, row, items);
      } catch (error) {
        results.push({ row: row.id, library: name, status: 'error', reason: error.message });
        continue;
      }
      if (name === 'des-wasm' && !found.some((v) => v.batch)) {
        const family = row.cipher === 'des' ? 'des' : 'tdes';
        results.push({ row: row.id, library: name, call: `${family}.${row.mode}.encryptMany`, batch: true, status: 'absent', reason: 'not in this build of des-wasm' });
      }
      for (const variant of found) {
        const entry = { row: row.id, library: variant.library, call: variant.call, batch: Boolean(variant.batch) };
        try {
          const output = concat(variant.run());
          if (reference === null) reference = output;
          else if (!sameBytes(output, reference)) {
            results.push({ ...entry, status: 'mismatch', reason: `output ${describeDifference(output, reference)}` });
            continue;
          }
          const result = { ...entry, status: 'timed' };
          results.push(result);
          timed.push({ variant, result, rounds: [] });
        } catch (error) {
          results.push({ ...entry, status: 'error', reason: String(error?.message ?? error).split('\n')[0] });
        }
      }
    }
    // Warm every variant alike before the first round: a round's own warm-up (tinybench's, a
    // quarter of its time) is shorter than one timing of the whole budget had.
    for (const { variant } of timed) { collectGarbage(); warm(variant.run, Math.min(50, timeMs / 4)); }
    for (let round = 0; round < MESSAGE_ROUNDS; round++) {
      for (let k = 0; k < timed.length; k++) {
        const one = timed[(round + k) % timed.length];
        if (one.result.status !== 'timed') continue;
        try {
          collectGarbage();
          one.rounds.push(timeCall(one.variant.run, { timeMs: timeMs / MESSAGE_ROUNDS }));
        } catch (error) {
          Object.assign(one.result, { status: 'error', reason: String(error?.message ?? error).split('\n')[0] });
        }
      }
    }
    for (const { variant, result, rounds } of timed) {
      if (result.status !== 'timed') continue;
      const medianMs = median(rounds.map((r) => r.medianMs));
      Object.assign(result, {
        messagesPerSecond: MESSAGES_PER_BATCH / (medianMs / 1000),
        medianMs,
        meanMs: rounds.reduce((sum, r) => sum + r.meanMs, 0) / rounds.length,
        rme: Math.max(...rounds.map((r) => r.rme)),
        samples: rounds.reduce((sum, r) => sum + r.samples, 0),
        callsPerSample: median(rounds.map((r) => r.callsPerSample)),
        rounds: rounds.length,
        roundMedianMs: rounds.map((r) => r.medianMs),
      });
      log(`  ${row.label}: ${variant.library} (${variant.call}) ${Math.round(result.messagesPerSecond).toLocaleString('en')} msg/s`);
    }
  }
  return results;
}

/**
 * The message rows, measured in a fresh child process (child-messages.mjs) that loads the same
 * adapters: the table is not measured in a heap and JIT shaped by the throughput matrix (16 MiB
 * buffers, every mode's code paths) that ran before it in this process, which had cost the
 * subject up to a tenth of its rate against a run of the table alone. Libraries without an
 * adapter module (a test's in-process adapter) are measured here instead.
 */
export async function measureMessages(rows, libraries, { timeMs, log = () => {} }) {
  const byUrl = libraries.map((lib) => ({ ...lib, url: PEER_MODULES[lib.name] ? peerUrl(lib.name) : null }));
  if (byUrl.some((lib) => lib.url === null)) return measureMessageRows(rows, libraries, { timeMs, log });
  const reply = await runNodeJson(['--expose-gc', CHILD_MESSAGES], {
    rows: rows.map((row) => row.id),
    libraries: byUrl.map(({ name, url }) => ({ name, url })),
    timeMs,
  }, 'message-table child node');
  for (const line of reply.log) log(line);
  return reply.results;
}

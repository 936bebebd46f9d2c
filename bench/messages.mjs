/**
 * Short messages under one key (PIN blocks, tokens): messages per second for 16-byte messages,
 * node:crypto's createCipheriv + update + final per message against des-wasm's calls. ECB reuses one
 * keyed object where the library allows it; CBC takes a new IV, so a new cipher object, per message,
 * unless the library has a batch call (des-wasm's encryptMany, once the build has it).
 */
import { bytesFor, keyFor, sameBytes } from './inputs.mjs';
import { MESSAGE_BYTES, MESSAGES_PER_BATCH } from './matrix.mjs';
import { timeCall } from './measure.mjs';
import { describeDifference } from './cells.mjs';

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

/**
 * Run the message rows for the given libraries (subject first). Every variant's outputs are checked
 * against the subject's first variant before it is timed.
 */
export function measureMessages(rows, libraries, { timeMs, log = () => {} }) {
  const items = messageItems();
  const results = [];
  for (const row of rows) {
    let reference = null;
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
          const timing = timeCall(variant.run, { timeMs });
          results.push({ ...entry, status: 'timed', messagesPerSecond: MESSAGES_PER_BATCH / (timing.medianMs / 1000), ...timing });
          log(`  ${row.label}: ${variant.library} (${variant.call}) ${Math.round(MESSAGES_PER_BATCH / (timing.medianMs / 1000)).toLocaleString('en')} msg/s`);
        } catch (error) {
          results.push({ ...entry, status: 'error', reason: String(error?.message ?? error).split('\n')[0] });
        }
      }
    }
  }
  return results;
}

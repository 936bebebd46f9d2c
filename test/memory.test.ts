/**
 * Memory stays flat on long streams: 256 MiB through one createCipheriv('des-ecb') object in
 * 1 MiB update() calls (single DES, the fastest path). The WebAssembly memory must not grow at
 * all (the engine has a fixed-size memory and streams each call through its data region), and the
 * JS heap and ArrayBuffer memory must stay within a generous bound: output is returned, not kept.
 * ECB is stateless, so every chunk of the same input gives the same output; the first is checked
 * against node:crypto (des-ede3 with K1 = K2 = K3) and the rest against the first.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, engineInfo, ready } from '../src/node.js';
import { desEcbNode, Rng, testSeed } from './helpers/peers.js';

const SEED = testSeed('memory', 0x0de5_3e30);
const MiB = 1 << 20;
const TOTAL_MIB = 256;

beforeAll(async () => { await ready(); });

function sample() {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, wasm: engineInfo().memoryBytes };
}
const mib = (n: number) => (n / MiB).toFixed(1);

describe(`${TOTAL_MIB} MiB through createCipheriv('des-ecb') in 1 MiB updates`, () => {
  it('WebAssembly memory does not grow; heap and ArrayBuffers stay bounded; output is right', () => {
    const rng = new Rng(SEED);
    const key = rng.bytes(8);
    const chunk = Buffer.from(rng.bytes(MiB));
    const expected = Buffer.from(desEcbNode(key, chunk));
    const before = sample();
    const cipher = createCipheriv('des-ecb', key, null);
    cipher.setAutoPadding(false);
    const samples: ReturnType<typeof sample>[] = [];
    const started = performance.now();
    for (let i = 0; i < TOTAL_MIB; i++) {
      const out = cipher.update(chunk);
      if (!out.equals(expected)) throw new Error(`chunk ${i}: output differs from node:crypto's`);
      if (i % 16 === 15) samples.push(sample());
    }
    expect(cipher.final().length).toBe(0);
    const seconds = (performance.now() - started) / 1000;
    const after = sample();
    const peak = {
      heapUsed: Math.max(...samples.map((s) => s.heapUsed)),
      arrayBuffers: Math.max(...samples.map((s) => s.arrayBuffers)),
    };
    console.log(`[memory] ${TOTAL_MIB} MiB in ${seconds.toFixed(2)} s (${(TOTAL_MIB / seconds).toFixed(0)} MiB/s); `
      + `wasm ${before.wasm} → ${after.wasm} bytes; heapUsed ${mib(before.heapUsed)} → peak ${mib(peak.heapUsed)} MiB; `
      + `arrayBuffers ${mib(before.arrayBuffers)} → peak ${mib(peak.arrayBuffers)} MiB`);

    // The engine's memory is fixed: not one page more at any point.
    for (const s of samples) expect(s.wasm).toBe(before.wasm);
    expect(after.wasm).toBe(before.wasm);
    // Bounded: had every output been kept, arrayBuffers would have grown by 256 MiB.
    expect(peak.arrayBuffers - before.arrayBuffers).toBeLessThan(96 * MiB);
    expect(peak.heapUsed - before.heapUsed).toBeLessThan(64 * MiB);
    // And not growing: the last quarter's peak is no higher than the first quarter's plus slack.
    const quarter = samples.length / 4;
    const firstPeak = Math.max(...samples.slice(0, quarter).map((s) => s.arrayBuffers));
    const lastPeak = Math.max(...samples.slice(-quarter).map((s) => s.arrayBuffers));
    expect(lastPeak - firstPeak).toBeLessThan(48 * MiB);
  });

  it('the same through the Transform stream, encrypt piped into decrypt (64 MiB): flat, and the data comes back', async () => {
    const rng = new Rng(SEED + 1);
    const key = rng.bytes(8);
    const chunk = Buffer.from(rng.bytes(MiB));
    const before = sample();
    let received = 0;
    let intact = true;
    const peaks = { arrayBuffers: 0 };
    async function* source() {
      for (let i = 0; i < 64; i++) {
        peaks.arrayBuffers = Math.max(peaks.arrayBuffers, process.memoryUsage().arrayBuffers);
        yield chunk;
      }
    }
    const sink = new Writable({
      write(data: Buffer, _encoding, callback) {
        // Compare against the source chunk at the right offset (output arrives in any sizes).
        const at = received % MiB;
        const n = Math.min(data.length, MiB - at);
        if (!data.subarray(0, n).equals(chunk.subarray(at, at + n))) intact = false;
        if (n < data.length && !data.subarray(n).equals(chunk.subarray(0, data.length - n))) intact = false;
        received += data.length;
        callback();
      },
    });
    await pipeline(Readable.from(source()), createCipheriv('des-ecb', key, null), createDecipheriv('des-ecb', key, null), sink);
    const after = sample();
    console.log(`[memory] stream: 64 MiB round trip; wasm ${before.wasm} → ${after.wasm}; arrayBuffers peak +${mib(peaks.arrayBuffers - before.arrayBuffers)} MiB`);
    expect(received).toBe(64 * MiB);
    expect(intact).toBe(true);
    expect(after.wasm).toBe(before.wasm);
    expect(peaks.arrayBuffers - before.arrayBuffers).toBeLessThan(96 * MiB);
  });
});

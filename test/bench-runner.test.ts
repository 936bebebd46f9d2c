/**
 * The benchmark runner (bench/runner.mjs), run in-process on tiny sizes: it must refuse to time a
 * library whose output differs from des-wasm's, and say so; and a quick run must write a JSON with
 * the machine block. Needs the built package (dist/), as the benchmark does. No timing assertions.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmarks } from '../bench/runner.mjs';
import type { BenchResult, PeerAdapter } from '../bench/runner.mjs';

/** des-ede3-cbc through node:crypto, with one bit of every output flipped. */
function wrongPeer(calls: { count: number }): PeerAdapter {
  const run = (c: ReturnType<typeof createCipheriv>, data: Uint8Array) => {
    calls.count++;
    c.setAutoPadding(false);
    const out = Buffer.concat([c.update(data), c.final()]);
    out[3] ^= 0x10;
    return new Uint8Array(out);
  };
  return {
    name: 'wrong-peer',
    supports: (cipher, mode) => (cipher === 'tdes3' && mode === 'cbc') || 'wrong-peer has des-ede3-cbc only',
    prepare: (_cipher, _mode, key, iv) => ({
      encrypt: (data) => run(createCipheriv('des-ede3-cbc', key, iv), data),
      decrypt: (data) => run(createDecipheriv('des-ede3-cbc', key, iv), data),
    }),
  };
}

describe('bench runner', () => {
  it('reports a peer whose output differs from des-wasm and does not time it', async () => {
    const calls = { count: 0 };
    const { result, markdown } = await runBenchmarks({
      sizes: [64],
      filter: 'des-ede3-cbc',
      libraries: ['des-wasm', 'node:crypto'],
      adapters: [{ name: 'wrong-peer', adapter: wrongPeer(calls) }],
      timeMs: 5,
      startup: false,
      messages: false,
      json: false,
      svg: false,
    });
    const wrong = result.cells.filter((c) => c.library === 'wrong-peer');
    expect(wrong.map((c) => c.operation)).toEqual(['CBC encrypt', 'CBC decrypt']);
    for (const cell of wrong) {
      expect(cell.status).toBe('mismatch');
      expect(cell.reason).toContain('at byte 3');
      expect(cell.mbps).toBeUndefined();
    }
    // One checking call per cell, then nothing: a peer that disagrees is never timed.
    expect(calls.count).toBe(2);
    // The honest peer in the same run is checked and timed.
    expect(result.cells.filter((c) => c.library === 'node:crypto').map((c) => c.status)).toEqual(['timed', 'timed']);
    expect(result.mismatches).toHaveLength(2);
    expect(markdown).toContain('disagreed with des-wasm');
    expect(markdown).toMatch(/wrong-peer, des-ede3-cbc CBC encrypt \(64 B\): output differs from des-wasm's at byte 3/);
  });

  it('writes a JSON with the machine block and an SVG on a quick run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'des-wasm-bench-'));
    const jsonPath = join(dir, 'latest.json');
    const { markdown, svgPath } = await runBenchmarks({
      quick: true,
      sizes: [16],
      // A default-provider cipher, a legacy-provider one (timed in the child node), the messages, start-up.
      filter: 'des-ede3-cbc|des-cbc|msgs|startup',
      timeMs: 5,
      startupRuns: 1,
      json: jsonPath,
    });
    const result = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResult;
    expect(result.machine).toMatchObject({ node: process.version, v8: process.versions.v8, openssl: process.versions.openssl });
    expect(result.machine.cpu).toEqual(expect.any(String));
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(result.date))).toBe(false);
    expect(result.options.quick).toBe(true);
    expect(result.cells.filter((c) => c.library === 'des-wasm').every((c) => c.status === 'timed')).toBe(true);
    const legacy = result.cells.find((c) => c.library === 'node:crypto' && c.name === 'des-cbc');
    expect(legacy?.via).toContain('--openssl-legacy-provider');
    expect(result.startup.map((s) => s.library)).toContain('des-wasm');
    // Start-up: des-wasm by import and by require, node:crypto by import(), each measured; the
    // target rows compare them (a verdict is printed, never asserted).
    const loaded = result.startup.filter((s) => !s.error).map((s) => `${s.library} ${s.loader}`);
    expect(loaded).toEqual(expect.arrayContaining(['des-wasm import', 'des-wasm require', 'node:crypto import()']));
    for (const id of ['startup-import', 'startup-require']) {
      const row = result.headline.rows.find((h) => h.id === id);
      expect(row, id).toMatchObject({ unit: 'ms', target: 2.5, atMost: true, ratio: expect.any(Number), meets: expect.any(Boolean) });
    }
    expect(markdown).toMatch(/Target: des-wasm's load \+ first block within 2\.5× node:crypto's import\(\) \+ first block.*This run: import [\d.]+× \((met|not met)\), require [\d.]+× \((met|not met)\)/);
    // node:crypto per message, and des-wasm per message (plus encryptMany when the build has it).
    const timedMessages = result.messages.filter((m) => m.status === 'timed');
    expect(timedMessages.map((m) => m.library)).toEqual(expect.arrayContaining(['des-wasm', 'node:crypto']));
    expect(timedMessages.some((m) => m.library === 'des-wasm' && m.batch === false)).toBe(true);
    expect(result.headline.rows.length).toBeGreaterThan(0);
    expect(svgPath).toBe(join(dir, 'latest.svg'));
    expect(readFileSync(svgPath!, 'utf8')).toMatch(/^<svg /);
    expect(markdown).toContain('| des-wasm |');
  });
});

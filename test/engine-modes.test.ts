/**
 * The engine's CFB with an s-byte segment and OFB with n-bit feedback (assembly/index.ts cfb()
 * and ofb(), src/engine/index.ts runMode() with 'cfb8' … 'cfb64', 'ofb8' … 'ofb56' and 'ofb'),
 * below the public API.
 *
 * Where the truth comes from:
 *   - Botan's DES/CFB(n) and TripleDES/CFB(n) records, every segment the file has (8, 16, 32 and
 *     64 bits): vectors/botan/modes_cfb.vec, mapped by helpers/vectors.ts botanPlan();
 *   - FIPS 81's OFB example with 8-bit feedback: vectors/fips81-des-modes.json;
 *   - pycryptodome (helpers/feedback-peer.ts) on random keys, IVs, messages, segments and ways of
 *     cutting a message into calls: its own MODE_CFB for DES and Triple-DES, FIPS 81's n-bit OFB
 *     written over its ECB, and DESX's block written over its DES.
 * Every case runs on the scalar build, and where the runtime has SIMD also on the SIMD build
 * (whose CFB decryption takes whole segments in bitsliced batches) and under its constant-time
 * policy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as engine from '../src/engine/index.js';
import type { Algorithm, Direction, EngineMode, ModeState, Schedule } from '../src/engine/index.js';
import { DesError } from '../src/errors.js';
import { testSeed, Rng } from './helpers/peers.js';
import { pycryptodome } from './helpers/feedback-peer.js';
import type { PyCase } from './helpers/feedback-peer.js';
import { botanPlan, countMatches, hex, loadBotan, loadJson, toHex } from './helpers/vectors.js';

// ---------------------------------------------------------------------------------------------
// Builds and running

interface Build { name: string; kind: 'simd' | 'scalar'; constantTime: boolean }
const builds: Build[] = [{ name: 'scalar build', kind: 'scalar', constantTime: false }];
if (engine.runtimeHasSimd()) {
  builds.push({ name: 'SIMD build', kind: 'simd', constantTime: false });
  builds.push({ name: 'SIMD build, constant-time', kind: 'simd', constantTime: true });
}

const SEGMENTS = [8, 16, 24, 32, 40, 48, 56, 64];

/** The engine mode, failing the test if feedbackMode() has none. */
function modeOf(family: 'cfb' | 'ofb', bits: number): EngineMode {
  const mode = engine.feedbackMode(family, bits);
  if (!mode) throw new Error(`feedbackMode('${family}', ${bits}) has no mode`);
  return mode;
}

/** A 16-byte Triple-DES key is K1‖K2‖K1 (SP 800-67 keying option 2), as the API layer expands it. */
function expand(build: Build, algorithm: Algorithm, key: Uint8Array): Schedule {
  const full = algorithm === 'tdes' && key.length === 16 ? new Uint8Array([...key, ...key.subarray(0, 8)]) : key;
  // CFB and OFB run the block cipher forwards both ways.
  return engine.expandKey(algorithm, full, 'encrypt', { constantTime: build.constantTime });
}

/**
 * Run a message through the engine in pieces ending at `cuts` (one runMode() call each, every
 * third in place); returns the output and the state after the last call.
 */
function run(build: Build, mode: EngineMode, direction: Direction, algorithm: Algorithm, key: Uint8Array,
  iv: Uint8Array, input: Uint8Array, cuts: number[] = [input.length]): { out: Uint8Array; state: ModeState } {
  const schedule = expand(build, algorithm, key);
  const state = engine.newState(iv);
  const out = new Uint8Array(input.length);
  let from = 0;
  for (const [i, to] of cuts.entries()) {
    if (i % 3 === 2) {
      const piece = input.slice(from, to);
      engine.runMode(mode, direction, schedule, state, piece, piece);
      out.set(piece, from);
    } else {
      engine.runMode(mode, direction, schedule, state, input.subarray(from, to), out.subarray(from, to));
    }
    from = to;
  }
  schedule.wipe();
  return { out, state };
}

const everyByte = (length: number) => Array.from({ length }, (_, i) => i + 1);

// ---------------------------------------------------------------------------------------------
// The mode names

describe('feedbackMode() names the engine mode of each segment', () => {
  it('CFB: 1 and 8 … 64 bits in steps of 8; OFB: 8 … 64, 64 being SP 800-38A\'s OFB', () => {
    expect(engine.feedbackMode('cfb', 1)).toBe('cfb1');
    for (const bits of SEGMENTS) {
      expect(engine.feedbackMode('cfb', bits)).toBe(`cfb${bits}`);
      expect(engine.feedbackMode('ofb', bits)).toBe(bits === 64 ? 'ofb' : `ofb${bits}`);
    }
  });
  it('and no mode for any other size', () => {
    for (const bits of [0, 2, 4, 7, 9, 12, 63, 65, 72, 128, -8, 8.5, NaN, Infinity]) {
      expect(engine.feedbackMode('cfb', bits), `cfb ${bits}`).toBeUndefined();
      expect(engine.feedbackMode('ofb', bits), `ofb ${bits}`).toBeUndefined();
    }
    expect(engine.feedbackMode('ofb', 1)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Published vectors

const botan = loadBotan('modes_cfb.vec');
const botanSections = [...botan.sections].flatMap(([section, records]) => {
  const plan = botanPlan(section);
  return plan.run && plan.mode === 'cfb' ? [{ section, records, algorithm: plan.cipher, mode: modeOf('cfb', plan.segment) }] : [];
});
const botanRecords = botanSections.reduce((n, s) => n + s.records.length, 0);

const fips81 = loadJson('fips81-des-modes.json');
const ofb8Key = Object.keys(fips81).find((k) => k.startsWith('OFB-8'));

for (const build of builds) describe(`published vectors, ${build.name}`, () => {
  beforeAll(() => engine.selectEngine(build.kind));

  it(`Botan modes_cfb.vec: every DES-family CFB record (${botanRecords} in ${botanSections.length} sections), both ways, whole and a byte at a time`, () => {
    let ran = 0;
    const failures: string[] = [];
    for (const { section, records, algorithm, mode } of botanSections) {
      for (const r of records) {
        const label = `[${section}] line ${r.line}`;
        const checks: [string, Direction, Uint8Array, Uint8Array, number[]][] = [
          ['encrypt', 'encrypt', r.input, r.output, [r.input.length]],
          ['decrypt', 'decrypt', r.output, r.input, [r.output.length]],
          ['encrypt a byte at a time', 'encrypt', r.input, r.output, everyByte(r.input.length)],
          ['decrypt a byte at a time', 'decrypt', r.output, r.input, everyByte(r.output.length)],
        ];
        for (const [what, direction, input, expected, cuts] of checks) {
          const { out } = run(build, mode, direction, algorithm, r.key, r.nonce!, input, cuts);
          if (toHex(out) !== toHex(expected)) failures.push(`${label} ${what}: expected ${toHex(expected)}, got ${toHex(out)}`);
        }
        ran++;
      }
    }
    console.log(`[engine-modes] ${build.name}: Botan CFB ran ${ran} records (${botanSections.map((s) => `${s.section} ${s.records.length}`).join(', ')})`);
    expect(failures).toEqual([]);
    expect(ran).toBe(botanRecords);
    // The records the file holds for DES and Triple-DES, counted from the text on its own.
    const inFile = [...botan.text.matchAll(/^\[(?:DES|TripleDES)\/CFB[^\]]*\]$/gm)].length;
    expect(botanSections.length).toBe(inFile);
    expect(botanSections.map((s) => s.section)).toEqual(expect.arrayContaining(['DES/CFB(16)', 'DES/CFB(32)']));
  });

  it('FIPS 81 OFB with 8-bit feedback: "Now is the", both ways, whole and a byte at a time', () => {
    expect(ofb8Key, 'the OFB-8 example in fips81-des-modes.json').toBeDefined();
    const example = fips81[ofb8Key!];
    const key = hex(fips81.key), iv = hex(fips81.iv), plaintext = hex(example.plaintext_hex), ciphertext = hex(example.ciphertext);
    for (const cuts of [[plaintext.length], everyByte(plaintext.length)]) {
      expect(toHex(run(build, 'ofb8', 'encrypt', 'des', key, iv, plaintext, cuts).out)).toBe(toHex(ciphertext));
      expect(toHex(run(build, 'ofb8', 'decrypt', 'des', key, iv, ciphertext, cuts).out)).toBe(toHex(plaintext));
    }
    console.log(`[engine-modes] ${build.name}: FIPS 81 ran the OFB-8 example both ways`);
  });
});

describe('Botan sections the plan runs', () => {
  it('include every DES-family CFB section of modes_cfb.vec, and its record count matches the Out lines', () => {
    const all = [...botan.sections.values()].reduce((n, rs) => n + rs.length, 0);
    expect(all).toBe(countMatches(botan.text, /^Out\s*=/m));
    const desFamily = [...botan.sections.keys()].filter((s) => /^(DES|TripleDES)\//.test(s));
    expect(desFamily.filter((s) => !botanPlan(s).run)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Random messages against pycryptodome

const KEY_BYTES: Record<Algorithm, number> = { des: 8, tdes: 24, desx: 24 };

interface Case extends PyCase {
  mode: EngineMode;
  input: Uint8Array;
  cuts: number[];
  how: string;
  expected?: Uint8Array;
}

function makeCases(): Case[] {
  const rng = new Rng(testSeed('engine-modes', 8115));
  const cases: Case[] = [];
  const add = (algorithm: Algorithm, family: 'cfb' | 'ofb', bits: number, decrypt: boolean, length: number, style: number) => {
    const s = bits / 8, input = rng.bytes(length), key = rng.bytes(KEY_BYTES[algorithm]), iv = rng.bytes(8);
    let cuts: number[], how: string;
    if (style === 0) { cuts = [length]; how = 'in one call'; }
    else if (style === 1 && length <= 400) { cuts = everyByte(length); how = 'a byte at a time'; }
    else {
      // Pieces of 1 … 2s + 1 bytes (splitting segments every which way), or of up to 1200.
      const small = style === 2;
      cuts = [];
      for (let at = 0; at < length;) { at = Math.min(length, at + rng.int(1, small ? 2 * s + 1 : 1200)); cuts.push(at); }
      how = `in ${cuts.length} pieces`;
    }
    cases.push({ algorithm, family, bits, decrypt, key: toHex(key), iv: toHex(iv), data: toHex(input),
      mode: modeOf(family, bits), input, cuts, how });
  };
  for (const algorithm of ['des', 'tdes', 'desx'] as Algorithm[]) {
    for (const family of ['cfb', 'ofb'] as const) {
      for (const bits of SEGMENTS) {
        const s = bits / 8;
        for (const decrypt of [false, true]) {
          // The edges around a segment and a block, then random lengths: up to 3000 bytes gives
          // CFB decryption more than one full bitsliced batch (128 segments) for every segment.
          const lengths = [0, 1, s - 1, s, s + 1, 7, 8, 9, 2 * s + 3, 32 * s - 1, 32 * s + 5, 255];
          for (let i = 0; i < 3; i++) lengths.push(rng.int(0, 3000));
          lengths.forEach((length, i) => add(algorithm, family, bits, decrypt, Math.max(0, length), i % 4));
        }
      }
    }
  }
  // Longer than the engine's data region, which each call then goes through in chunks.
  const region = engine.engineInfo().dataRegionBytes;
  add('tdes', 'cfb', 24, false, 2 * region + 13, 3);
  add('tdes', 'cfb', 40, true, 2 * region + 13, 3);
  add('des', 'ofb', 56, false, region + 301, 3);
  return cases;
}

const cases = makeCases();
const peer = pycryptodome(cases);
cases.forEach((c, i) => { c.expected = hex(peer.answers[i]); });

describe('pycryptodome', () => {
  it('its textbook CFB (the one DESX uses) agrees with its MODE_CFB on DES, every segment, both ways', () => {
    expect(peer.selfCheck).toBe('ok');
  });
  it(`answered all ${cases.length} cases`, () => {
    expect(peer.answers.length).toBe(cases.length);
    expect(cases.every((c) => c.expected!.length === c.input.length)).toBe(true);
  });
});

/** The last 8 bytes of a ‖ b. */
const last8 = (a: Uint8Array, b: Uint8Array) => new Uint8Array([...a, ...b]).slice(-8);

for (const build of builds) describe(`CFB-s and OFB-n against pycryptodome, ${build.name}`, () => {
  beforeAll(() => engine.selectEngine(build.kind));
  for (const algorithm of ['des', 'tdes', 'desx'] as Algorithm[]) {
    for (const family of ['cfb', 'ofb'] as const) {
      const mine = cases.filter((c) => c.algorithm === algorithm && c.family === family);
      it(`${algorithm} ${family}, segments of 8 … 64 bits, both ways: ${mine.length} messages of 0 … ${Math.max(...mine.map((c) => c.input.length))} bytes, cut every which way`, () => {
        for (const c of mine) {
          const direction = c.decrypt ? 'decrypt' : 'encrypt';
          const { out, state } = run(build, c.mode, direction, algorithm, hex(c.key), hex(c.iv), c.input, c.cuts);
          const label = `${c.mode} ${direction} ${c.input.length} bytes ${c.how}`;
          expect(toHex(out), label).toBe(toHex(c.expected!));
          // After whole segments the register is the last 8 bytes of IV ‖ ciphertext (CFB) or of
          // IV ‖ keystream (OFB), and nothing of a segment is pending.
          const s = c.bits / 8;
          if (c.input.length % s === 0) {
            const ciphertext = c.decrypt ? c.input : c.expected!;
            const fed = family === 'cfb' ? ciphertext : c.input.map((v, i) => v ^ c.expected![i]);
            expect(toHex(state.register), `${label}: register`).toBe(toHex(last8(hex(c.iv), fed)));
            expect(state.used, `${label}: used`).toBe(0);
          } else {
            expect(state.used, `${label}: used`).toBe(c.input.length % s);
          }
        }
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Streaming, errors, memory

for (const build of builds) describe(`streaming and memory, ${build.name}`, () => {
  beforeAll(() => engine.selectEngine(build.kind));

  it('CFB-16 and OFB-16 fed a byte at a time give pycryptodome\'s one-call bytes, `used` counting within the segment', () => {
    const stream = cases.filter((c) => c.bits === 16 && c.how === 'a byte at a time' && c.input.length >= 5);
    expect(stream.length).toBeGreaterThan(0);
    for (const c of stream) {
      const schedule = expand(build, c.algorithm, hex(c.key));
      const state = engine.newState(hex(c.iv));
      const out = new Uint8Array(c.input.length);
      for (let i = 0; i < c.input.length; i++) {
        engine.runMode(c.mode, c.decrypt ? 'decrypt' : 'encrypt', schedule, state, c.input.subarray(i, i + 1), out.subarray(i, i + 1));
        expect(state.used).toBe((i + 1) % 2);
      }
      expect(toHex(out), `${c.algorithm} ${c.mode} ${c.input.length} bytes`).toBe(toHex(c.expected!));
    }
  });

  it('leaves nothing but the tables in the module\'s memory after each call', () => {
    const rng = new Rng(15);
    for (const family of ['cfb', 'ofb'] as const) {
      for (const bits of SEGMENTS) {
        for (const direction of ['encrypt', 'decrypt'] as Direction[]) {
          run(build, modeOf(family, bits), direction, 'tdes', rng.bytes(24), rng.bytes(8), rng.bytes(4099), [1001, 4099]);
          expect(engine.leftovers(), `${family}${bits} ${direction}`).toEqual([]);
        }
      }
    }
  });
});

describe('the SIMD check', () => {
  it('constantTime on the scalar build is ERR_DES_UNSUPPORTED, a DesError', async () => {
    await engine.selectEngine('scalar');
    let thrown: unknown;
    try {
      engine.expandKey('des', new Uint8Array(8), 'encrypt', { constantTime: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DesError);
    expect((thrown as DesError).code).toBe('ERR_DES_UNSUPPORTED');
    expect((thrown as DesError).message).toBe('constantTime needs WebAssembly SIMD, which this runtime does not have');
    expect(engine.leftovers()).toEqual([]);
  });
});

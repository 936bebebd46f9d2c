/**
 * The engine's TypeScript side: it instantiates the embedded WebAssembly module, owns its linear
 * memory, and is the only code that copies into and out of it. The module is stateless between
 * calls: for each call this side copies in the expanded key, the chaining state and a chunk of
 * data, runs the mode, copies the results out, and zeroes what it copied in.
 *
 * Start-up does as little as it can: only the build that will run is decoded and compiled, with
 * the runtime's own base64 decoder where it has one, and the tables (derived from FIPS 46-3 at
 * build time, see derive.ts) arrive in the module's data segment, so nothing is derived or copied
 * in. The SIMD build is part of this module and loads synchronously; the scalar build, for the
 * rare runtime without WebAssembly SIMD, is a module of its own (./wasm-scalar.ts), imported
 * only there, and so only behind ready().
 *
 * No Node built-ins here: this runs in browsers too.
 */
import { WASM_SIMD_BASE64 } from './wasm-simd.js';
import { KEY_DES, KEY_DESX, KEY_TDES } from './key-kinds.js';
import { DesError, fail } from '../errors.js';

export type Algorithm = 'des' | 'tdes' | 'desx';
export type Direction = 'encrypt' | 'decrypt';

/** The segments of CFB and the feedback of OFB, in bits: 8 … 64 in steps of 8. */
export type SegmentBits = 8 | 16 | 24 | 32 | 40 | 48 | 56 | 64;

/**
 * The modes the engine runs. CFB is `cfb1` (FIPS 81's 1-bit CFB) or `cfb8` … `cfb64` (an s-bit
 * segment); OFB is `ofb` (64-bit feedback, SP 800-38A's OFB) or `ofb8` … `ofb56` (FIPS 81's
 * n-bit feedback). feedbackMode() names them from a segment size.
 */
export type EngineMode = 'ecb' | 'cbc' | 'ctr' | 'cfb1' | `cfb${SegmentBits}` | 'ofb' | `ofb${Exclude<SegmentBits, 64>}`;

/**
 * The engine mode of CFB or OFB with a `bits`-bit segment: 1 (CFB only) or 8 … 64 in steps of 8.
 * Undefined for any other size, so a caller checks user input with it and names the field itself.
 */
export function feedbackMode(family: 'cfb' | 'ofb', bits: number): EngineMode | undefined {
  if (family === 'cfb' && bits === 1) return 'cfb1';
  if (!Number.isInteger(bits) || bits < 8 || bits > 64 || bits % 8 !== 0) return undefined;
  return family === 'ofb' && bits === 64 ? 'ofb' : `${family}${bits as SegmentBits}` as EngineMode;
}

interface Exports {
  memory: WebAssembly.Memory;
  tablesOffset(): number; pc1Offset(): number; pc2Offset(): number; shiftsOffset(): number;
  pc1BytesOffset(): number; pc2PiecesOffset(): number;
  keyOffset(): number; keyBytes(): number; scheduleOffset(): number; scheduleBytes(): number;
  stateOffset(): number; stateBytes(): number; keystreamOffset(): number; usedOffset(): number;
  dataOffset(): number; dataBytes(): number;
  expandKey(kind: number, decrypt: boolean): void;
  ecb(len: number): void;
  cbcEncrypt(len: number): void;
  cbcDecrypt(len: number): void;
  cfb(len: number, decrypt: boolean, segmentBytes: number): void;
  ofb(len: number, segmentBytes: number): void;
  ctr(len: number): void;
  cbcEncryptMany(count: number): void;
  cfb1(bits: number, decrypt: boolean): void;
  initialPermutation(block: bigint): bigint;
  finalPermutation(block: bigint): bigint;
  hasBitslice(): boolean;
  setConstantTime(on: boolean): void;
  bitsliceIndexOffset?(): number;
}

/** The instance and its layout, read from the module's own exports. */
interface Engine {
  x: Exports;
  simd: boolean;
  heap: Uint8Array;
  view: DataView;
  key: number; keyBytes: number; schedule: number; scheduleBytes: number;
  state: number; stateBytes: number; keystream: number; used: number;
  data: number; dataBytes: number;
  /** The compiled module, from which leftovers() makes a fresh instance to compare with. */
  module: WebAssembly.Module;
}

let engine: Engine | null = null;
let loading: Promise<void> | null = null;
/** Why the engine is not ready yet, for the error message if it is used too early. */
let notReady = '';
/** Counts load() calls, so that a load overtaken by a later one does not install itself. */
let loads = 0;

/** The base64 decoders a runtime may have built in: the proposal's Uint8Array.fromBase64, Node's Buffer. */
interface NativeBase64 {
  Uint8Array: { fromBase64?(text: string): Uint8Array<ArrayBuffer> };
  Buffer?: { from(text: string, encoding: 'base64'): Uint8Array<ArrayBuffer> };
}

/** Decode base64 with the runtime's own decoder where it has one (a few times faster than atob and a loop). */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const native = globalThis as unknown as NativeBase64;
  if (native.Uint8Array.fromBase64) return native.Uint8Array.fromBase64(text);
  if (native.Buffer) return native.Buffer.from(text, 'base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function install(module: WebAssembly.Module, instance: WebAssembly.Instance): void {
  const x = instance.exports as unknown as Exports;
  // The module's memory has a fixed size (initial = maximum), so this view stays valid.
  const heap = new Uint8Array(x.memory.buffer);
  engine = {
    x, simd: Boolean(x.hasBitslice()), heap, module, view: new DataView(heap.buffer),
    key: x.keyOffset(), keyBytes: x.keyBytes(), schedule: x.scheduleOffset(), scheduleBytes: x.scheduleBytes(),
    state: x.stateOffset(), stateBytes: x.stateBytes(), keystream: x.keystreamOffset(), used: x.usedOffset(),
    data: x.dataOffset(), dataBytes: x.dataBytes(),
  };
}

/**
 * Does this runtime have WebAssembly SIMD? Validate the smallest module that uses it: one
 * function returning v128.const 0 (type section, function section, code section).
 */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,                  // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,                        // type: () -> v128
  0x03, 0x02, 0x01, 0x00,                                          // one function of that type
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0x0b, // body: v128.const 0
]);

export function runtimeHasSimd(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * Compile and instantiate a build: synchronously where the runtime allows (null), else the
 * promise of it. `current` says whether this load is still the latest when it completes.
 */
function instantiate(bytes: Uint8Array<ArrayBuffer>, current: () => boolean): Promise<void> | null {
  try {
    const module = new WebAssembly.Module(bytes);
    install(module, new WebAssembly.Instance(module, {}));
    return null;
  } catch (error) {
    // Browsers refuse synchronous compilation of larger modules on the main thread.
    notReady = `synchronous instantiation failed: ${String(error)}`;
    return WebAssembly.instantiate(bytes, {}).then(({ module, instance }) => {
      if (current()) install(module, instance);
    });
  }
}

/** Load one of the two builds: the SIMD one synchronously where the runtime allows, else behind ready(). */
function load(kind: 'simd' | 'scalar'): void {
  const ticket = ++loads;
  const current = () => ticket === loads;
  engine = null;
  if (kind === 'simd') {
    loading = instantiate(decodeBase64(WASM_SIMD_BASE64), current);
    return;
  }
  notReady = 'the scalar build (for runtimes without WebAssembly SIMD) loads asynchronously';
  loading = import('./wasm-scalar.js').then(({ WASM_SCALAR_BASE64 }) => {
    if (current()) return instantiate(decodeBase64(WASM_SCALAR_BASE64), current) ?? undefined;
  });
}

/**
 * A module compiled by another thread and posted to this one (the CLI's worker threads), set under
 * this global symbol before this module is first imported: it is instantiated as it is, instead
 * of decoding and compiling the embedded build again. Nothing sets it in a browser.
 */
const COMPILED = Symbol.for('des-wasm.engine.compiled-module');
const compiled = (globalThis as Record<symbol, unknown>)[COMPILED];
if (compiled instanceof WebAssembly.Module) install(compiled, new WebAssembly.Instance(compiled, {}));
else load(runtimeHasSimd() ? 'simd' : 'scalar');

/** The compiled module of the build in use, for a worker thread to make its own instance of (see COMPILED). */
export function compiledModule(): WebAssembly.Module {
  return get().module;
}

/**
 * For tests and benchmarks: switch to the SIMD build (bitsliced engine) or the scalar build.
 * Schedules made before the switch stay valid: both builds use the same schedule layout.
 */
export function selectEngine(kind: 'simd' | 'scalar'): Promise<void> {
  if (kind === 'simd' && !runtimeHasSimd()) throw needsSimd('the SIMD build');
  load(kind);
  return ready();
}

/** The one error for asking the engine for SIMD where the runtime has none. */
function needsSimd(what: string): DesError {
  return fail('ERR_DES_UNSUPPORTED', `${what} needs WebAssembly SIMD, which this runtime does not have`);
}

/** Resolves once the engine can be used (at once in Node). */
export function ready(): Promise<void> {
  return engine ? Promise.resolve() : loading!;
}

function get(): Engine {
  if (!engine) {
    throw new Error(`des-wasm: the WebAssembly engine is still loading; await ready() first (${notReady})`);
  }
  return engine;
}

export function engineInfo(): { simd: boolean; memoryBytes: number; dataRegionBytes: number } {
  const e = get();
  return { simd: e.simd, memoryBytes: e.x.memory.buffer.byteLength, dataRegionBytes: e.dataBytes };
}

/** The engine's swap-move IP and IP⁻¹ on a big-endian 64-bit block, for tests against FIPS 46-3's tables. */
export function permutations(): { ip(block: bigint): bigint; fp(block: bigint): bigint } {
  const { x } = get();
  const u64 = (v: bigint) => BigInt.asUintN(64, v);
  return { ip: (b) => u64(x.initialPermutation(b)), fp: (b) => u64(x.finalPermutation(b)) };
}

/**
 * For tests: where the module's memory differs from a fresh instance's (which holds only the
 * tables of its data segment), the first 16 offsets. Empty after every call: nothing of a key or
 * a message stays behind.
 */
export function leftovers(): number[] {
  const { heap, module } = get();
  const fresh = new Uint8Array((new WebAssembly.Instance(module, {}).exports as unknown as Exports).memory.buffer);
  const found: number[] = [];
  for (let i = 0; i < heap.length && found.length < 16; i++) if (heap[i] !== fresh[i]) found.push(i);
  return found;
}

/** For tests: `length` bytes of the module's memory at the offset that export `offsetExport` gives (a table's place). */
export function memoryAt(offsetExport: keyof Exports, length: number): Uint8Array {
  const { heap, x } = get();
  const at = (x[offsetExport] as () => number)();
  return heap.slice(at, at + length);
}

/** An expanded key held in JS memory, copied into the engine for each call. */
export interface Schedule {
  readonly algorithm: Algorithm;
  readonly direction: Direction;
  /** Every block of this key goes through the bitsliced (constant-time) engine. */
  readonly constantTime: boolean;
  /** Zero the expanded key. */
  wipe(): void;
}

class ExpandedKey implements Schedule {
  constructor(readonly algorithm: Algorithm, readonly direction: Direction, readonly constantTime: boolean,
    readonly bytes: Uint8Array) {}
  wipe(): void {
    this.bytes.fill(0);
  }
}

const KEY_KINDS: Record<Algorithm, number> = { des: KEY_DES, desx: KEY_DESX, tdes: KEY_TDES };

/**
 * Expand a key: des 8 bytes; tdes 24 (K1‖K2‖K3; callers expand 16-byte keys); desx 24
 * (K‖inner whitening‖outer whitening). `direction` is the block cipher's. With `constantTime`,
 * every block goes through the bitsliced engine: on a runtime without WebAssembly SIMD that is
 * ERR_DES_UNSUPPORTED. Inputs are otherwise checked by the callers.
 */
export function expandKey(algorithm: Algorithm, key: Uint8Array, direction: Direction,
  options: { constantTime?: boolean } = {}): Schedule {
  const e = get();
  const constantTime = options.constantTime ?? false;
  if (constantTime && !e.simd) throw needsSimd('constantTime');
  enter(null);
  try {
    e.heap.set(key, e.key);
    e.x.setConstantTime(constantTime);
    e.x.expandKey(KEY_KINDS[algorithm], direction === 'decrypt');
    const bytes = e.heap.slice(e.schedule, e.schedule + e.scheduleBytes);
    return new ExpandedKey(algorithm, direction, constantTime, bytes);
  } finally {
    e.heap.fill(0, e.key, e.key + e.keyBytes);
    e.heap.fill(0, e.schedule, e.schedule + e.scheduleBytes);
    busy = false;
  }
}

/**
 * The engine is one instance with one key region: a call that began while another is between
 * copying its key in and wiping it (caller code run from inside it: a getter, a subclass method)
 * would overwrite that key. Such a call is refused, and the call in progress goes on untouched.
 * While a key is resident (withResidentKey), only calls with that key may start.
 */
let busy = false;

function enter(schedule: Schedule | null): void {
  if (busy || (resident !== null && schedule !== resident)) {
    throw fail('ERR_DES_REENTRANT', 'des-wasm was called while another des-wasm call was in progress (from a getter, a Proxy or an overridden method run inside it); make the calls one after the other');
  }
  busy = true;
}

/** A key expanded into the engine's schedule region by withResidentKey, valid only inside it. */
class ResidentKey implements Schedule {
  constructor(readonly algorithm: Algorithm, readonly direction: Direction, readonly constantTime: boolean) {}
  wipe(): void {
    // withResidentKey wipes the engine's copy when its work returns; there is no other.
  }
}

/** The key resident in the engine's schedule region, or null. */
let resident: ResidentKey | null = null;

/**
 * Expand `key` (as expandKey) into the engine and run `work(schedule, arg)` with it resident:
 * runMode and cbcEncryptMany take that schedule without copying an expanded key in, so none is
 * ever made in JS memory, and the engine's copy is wiped when `work` returns or throws. Until then
 * no call with another key may start (ERR_DES_REENTRANT): for the batch calls, which check all
 * their inputs first and run none of the caller's code in `work`.
 */
export function withResidentKey<A, T>(algorithm: Algorithm, key: Uint8Array, direction: Direction,
  options: { constantTime?: boolean }, work: (schedule: Schedule, arg: A) => T, arg: A): T {
  const e = get();
  const constantTime = options.constantTime ?? false;
  if (constantTime && !e.simd) throw needsSimd('constantTime');
  enter(null);
  const schedule = new ResidentKey(algorithm, direction, constantTime);
  try {
    e.heap.set(key, e.key);
    e.x.setConstantTime(constantTime);
    e.x.expandKey(KEY_KINDS[algorithm], direction === 'decrypt');
  } catch (error) {
    e.heap.fill(0, e.schedule, e.schedule + e.scheduleBytes);
    throw error;
  } finally {
    e.heap.fill(0, e.key, e.key + e.keyBytes);
    busy = false;
  }
  resident = schedule;
  try {
    return work(schedule, arg);
  } finally {
    resident = null;
    e.heap.fill(0, e.schedule, e.schedule + e.scheduleBytes);
  }
}

/** Put a schedule in the engine's schedule region for a call (a resident one is there already). */
function loadSchedule(e: Engine, schedule: Schedule): void {
  if (schedule !== resident) {
    if (!(schedule instanceof ExpandedKey)) throw fail('ERR_DES_INTERNAL', 'engine: a resident key was used after its withResidentKey call ended');
    e.heap.set(schedule.bytes, e.schedule);
  }
  e.x.setConstantTime(schedule.constantTime);
}

/** Wipe the schedule region after a call, unless its key stays resident for the next. */
function unloadSchedule(e: Engine, schedule: Schedule): void {
  if (schedule !== resident) e.heap.fill(0, e.schedule, e.schedule + e.scheduleBytes);
}

/** Chaining state owned by each cipher object. */
export interface ModeState {
  /** IV, shift register or counter: 8 bytes. */
  register: Uint8Array;
  /** The current keystream block (CFB, OFB, CTR), while a segment is split across calls: 8 bytes. */
  keystream: Uint8Array;
  /** Bytes of the current keystream block or segment already used (CFB, OFB, CTR): 0 … 7. */
  used: number;
}

export function newState(iv?: Uint8Array): ModeState {
  const register = new Uint8Array(8);
  if (iv) register.set(iv);
  return { register, keystream: new Uint8Array(8), used: 0 };
}

export function wipeState(state: ModeState): void {
  state.register.fill(0);
  state.keystream.fill(0);
  state.used = 0;
}

/**
 * Each mode's kernel, called on one chunk of the data region: `n` bytes, or for CFB-1 `bits` bits.
 * CFB and OFB pass their segment in bytes.
 */
type Kernel = (x: Exports, n: number, decrypt: boolean, bits: number) => void;
const KERNELS = new Map<EngineMode, Kernel>([
  ['ecb', (x, n) => x.ecb(n)],
  ['cbc', (x, n, decrypt) => (decrypt ? x.cbcDecrypt(n) : x.cbcEncrypt(n))],
  ['ctr', (x, n) => x.ctr(n)],
  ['cfb1', (x, n, decrypt, bits) => x.cfb1(bits, decrypt)],
  ['ofb', (x, n) => x.ofb(n, 8)],
]);
for (let bytes = 1; bytes <= 8; bytes++) {
  KERNELS.set(`cfb${bytes * 8}` as EngineMode, (x, n, decrypt) => x.cfb(n, decrypt, bytes));
  if (bytes < 8) KERNELS.set(`ofb${bytes * 8}` as EngineMode, (x, n) => x.ofb(n, bytes));
}

/**
 * Run `mode` over `input` into `output` (the same length; they may be the same array), chunk by
 * chunk through the engine's data region, with `state` (null for ECB, which has none). ECB and
 * CBC need whole blocks; CFB-1 takes `bits`. The stream modes take any length and carry a partial
 * block or segment in `state` to the next call, so a message cut anywhere into calls gives the
 * same bytes as one call.
 */
export function runMode(mode: EngineMode, direction: Direction, schedule: Schedule, state: ModeState | null,
  input: Uint8Array, output: Uint8Array, bits = input.length * 8): void {
  const e = get();
  const { heap, view, x, data } = e;
  const kernel = KERNELS.get(mode);
  if (!kernel) throw fail('ERR_DES_INTERNAL', `engine: no mode ${JSON.stringify(mode)}`);
  const decrypt = direction === 'decrypt';
  const length = mode === 'cfb1' ? (bits + 7) >> 3 : input.length;
  let touched = 0;                                  // how much of the data region this call used
  enter(schedule);
  try {
    loadSchedule(e, schedule);
    if (state !== null) {
      const { register, keystream } = state;
      for (let k = 0; k < 8; k++) { heap[e.state + k] = register[k]; heap[e.keystream + k] = keystream[k]; }
      view.setUint32(e.used, state.used, true);
    }
    for (let offset = 0; offset < length; offset += e.dataBytes) {
      const n = Math.min(e.dataBytes, length - offset);
      touched = Math.max(touched, n);
      // Views by the constructor, and none for a whole input: subarray() costs more (species look-up).
      heap.set(n === input.length ? input : new Uint8Array(input.buffer, input.byteOffset + offset, n), data);
      kernel(x, n, decrypt, Math.min(bits - offset * 8, n * 8));
      output.set(new Uint8Array(heap.buffer, data, n), offset);
    }
    if (state !== null) {
      const { register, keystream } = state;
      for (let k = 0; k < 8; k++) { register[k] = heap[e.state + k]; keystream[k] = heap[e.keystream + k]; }
      state.used = view.getUint32(e.used, true);
    }
  } finally {
    // Even when copying out throws (an output too short), nothing of this call stays behind.
    heap.fill(0, data, data + touched);
    unloadSchedule(e, schedule);
    if (state !== null) heap.fill(0, e.state, e.state + e.stateBytes);
    busy = false;
  }
}

/** Where cbcEncryptMany lays `count` messages in the data region: block counts, then IVs, then the messages. */
function lockstepLayout(count: number): { chain: number; messages: number } {
  const chain = (count * 4 + 7) & ~7;
  return { chain, messages: chain + count * 8 };
}

/** Whether `count` messages of `bytes` bytes in all fit one cbcEncryptMany call. */
export function cbcManyFits(count: number, bytes: number): boolean {
  return lockstepLayout(count).messages + bytes <= get().dataBytes;
}

/**
 * The end of the longest run of messages from `from` (before `to`) that fits one cbcEncryptMany
 * call, message i being offsets[i] … offsets[i+1]; `from` itself when even that one alone does not.
 */
export function cbcManyEnd(offsets: readonly number[], from: number, to: number): number {
  const { dataBytes } = get();
  const start = offsets[from];
  let end = from;
  // lockstepLayout(count).messages + bytes, unrolled: this runs once per message.
  while (end < to && ((((end + 1 - from) * 4 + 7) & ~7) + (end + 1 - from) * 8 + offsets[end + 1] - start) <= dataBytes) end++;
  return end;
}

/**
 * CBC encryption of messages from..to-1 under one key in one call to the engine (lockstep, see
 * cbcEncryptMany in assembly/index.ts): message i is buffer[offsets[i] … offsets[i+1]), whole
 * blocks, chained from ivs[i]; encrypted in place. They must fit the data region (cbcManyFits).
 */
export function cbcEncryptMany(schedule: Schedule, ivs: readonly Uint8Array[], offsets: readonly number[],
  buffer: Uint8Array, from: number, to: number): void {
  const e = get();
  const { heap, view, x, data } = e;
  const count = to - from, start = offsets[from], bytes = offsets[to] - start;
  const { chain, messages } = lockstepLayout(count);
  if (!cbcManyFits(count, bytes)) throw fail('ERR_DES_INTERNAL', 'engine: cbcEncryptMany: the messages do not fit the data region');
  enter(schedule);
  try {
    loadSchedule(e, schedule);
    for (let i = 0; i < count; i++) {
      view.setUint32(data + 4 * i, (offsets[from + i + 1] - offsets[from + i]) >> 3, true);
      const iv = ivs[from + i], at = data + chain + 8 * i;
      for (let k = 0; k < 8; k++) heap[at + k] = iv[k];
    }
    heap.set(new Uint8Array(buffer.buffer, buffer.byteOffset + start, bytes), data + messages);
    x.cbcEncryptMany(count);
    buffer.set(new Uint8Array(heap.buffer, data + messages, bytes), start);
  } finally {
    heap.fill(0, data, data + messages + bytes);
    unloadSchedule(e, schedule);
    busy = false;
  }
}

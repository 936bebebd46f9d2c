/** Types for bench/runner.mjs, for TypeScript callers (the des-wasm CLI, test/bench-runner.test.ts). */

export type CipherId = 'des' | 'tdes2' | 'tdes3' | 'desx';
export type Mode = 'ecb' | 'cbc' | 'cfb8' | 'cfb64' | 'ofb' | 'ctr';

/** The shape every library adapter in bench/peers/ has. */
export interface PeerAdapter {
  name: string;
  version?: string;
  /** true, or why not (becomes the footnote under "—"). */
  supports(cipher: CipherId, mode: Mode): true | string;
  /** Keyed once; each encrypt()/decrypt() call is one whole message from the IV. */
  prepare(cipher: CipherId, mode: Mode, key: Uint8Array, iv: Uint8Array | null): {
    encrypt(data: Uint8Array): Uint8Array;
    decrypt(data: Uint8Array): Uint8Array;
  };
  many?(cipher: CipherId, mode: Mode): { call: string; run(key: Uint8Array, items: { iv: Uint8Array; data: Uint8Array }[]): Uint8Array[] | Uint8Array } | null;
  needsChild?(cipher: CipherId, mode: Mode): { execArgv: string[]; note: string } | null;
}

export interface BenchOptions {
  /** Every operation at 1 KiB with short budgets: a CI-sized run. */
  quick?: boolean;
  /** Message sizes in bytes (multiples of 8). */
  sizes?: number[];
  /** tinybench time budget per cell, ms. */
  timeMs?: number;
  /** Matched against e.g. "tdes3 3-key TDEA des-ede3-cbc cbc-enc CBC encrypt", "msgs-ecb …", "startup". */
  filter?: string | RegExp;
  /** Which of bench/peers' libraries to load (default all: des-wasm, node:crypto, crypto-js, node-forge, des.js). */
  libraries?: string[];
  /** Extra adapters, e.g. a test's. */
  adapters?: { name: string; adapter: PeerAdapter }[];
  startup?: boolean;
  startupRuns?: number;
  messages?: boolean;
  /** A peer's large cell is skipped when its checked + timed runs would take longer than this. */
  maxCellSeconds?: number;
  /** Where to write the JSON / SVG (default bench/results/latest.json, latest.svg); false not to write. */
  json?: string | false;
  svg?: string | false;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export type CellStatus = 'timed' | 'unsupported' | 'mismatch' | 'error' | 'skipped' | 'no-reference' | 'pending';

export interface Cell {
  size: number;
  cipher: CipherId;
  row: string;
  name: string;
  operation: string;
  library: string;
  status: CellStatus;
  reason?: string;
  via?: string;
  mbps?: number;
  ratioToNode?: number;
  medianMs?: number;
  meanMs?: number;
  rme?: number;
  samples?: number;
  callsPerSample?: number;
  estimatedRunSeconds?: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  arch: string;
  node: string;
  v8: string;
  openssl: string;
  opensslCli: string | null;
  desWasm?: string;
  engine?: unknown;
}

export interface HeadlineRow {
  id: string;
  label: string;
  size: number;
  versus: string;
  unit: 'MB/s' | 'msg/s' | 'ms';
  subject?: number;
  baseline?: number;
  ratio: number | null;
  target: number | null;
  /** The target is an upper bound (start-up time) rather than a lower one. */
  atMost?: boolean;
  meets: boolean | null;
  missing?: string;
}

export interface BenchResult {
  schema: number;
  date: string;
  durationSeconds: number;
  machine: Machine;
  options: Record<string, unknown>;
  libraries: { name: string; version: string | null; error?: string }[];
  cells: Cell[];
  messages: Record<string, unknown>[];
  startup: Record<string, unknown>[];
  mismatches: { library: string; name: string; operation: string; size: number; reason: string }[];
  headline: { size: number; sizeLabel: string; rows: HeadlineRow[] };
}

export declare const SCHEMA_VERSION: number;
export declare function resolveOptions(options?: BenchOptions): Record<string, unknown>;
export declare function runBenchmarks(options?: BenchOptions): Promise<{
  result: BenchResult;
  markdown: string;
  jsonPath: string | null;
  svgPath: string | null;
}>;

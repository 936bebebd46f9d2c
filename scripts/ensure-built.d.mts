/** Build src/engine/wasm-simd.ts, wasm-scalar.ts and dist/ when missing or stale (see ensure-built.mjs). */
export function ensureBuilt(options?: { log?: (line: string) => void }): void;

/** Build src/engine/wasm-binary.ts when missing and dist/ when stale (see ensure-built.mjs). */
export function ensureBuilt(options?: { log?: (line: string) => void }): void;

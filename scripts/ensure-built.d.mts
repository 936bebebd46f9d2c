/** Build src/engine/wasm-binary.ts and dist/ when missing or stale (see ensure-built.mjs). */
export function ensureBuilt(options?: { log?: (line: string) => void }): void;

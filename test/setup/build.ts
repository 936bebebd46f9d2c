/**
 * Vitest's global setup: before any test file runs, build what is missing or stale (the embedded
 * WebAssembly, dist/), once, so that `npm ci && npm test` works in a fresh clone and no test
 * runs the CLI or the packed package from an old build. Test files never build dist/ themselves:
 * they run in parallel, and a build cleans dist/ under the others' feet.
 */
import { ensureBuilt } from '../../scripts/ensure-built.mjs';

export default function setup(): void {
  ensureBuilt();
}

/**
 * The kinds of key the engine expands, as the numbers that cross the WebAssembly boundary
 * (expandKey's first argument). Shared source: assembly/index.ts imports this file as
 * AssemblyScript, src/engine/index.ts as TypeScript, so both sides read the same numbers.
 */

/** Single DES: 8 bytes. */
export const KEY_DES = 1;
/** DESX: 24 bytes, the DES key, then the inner and the outer whitening words. */
export const KEY_DESX = 2;
/** Triple-DES EDE: 24 bytes, K1 ‖ K2 ‖ K3. */
export const KEY_TDES = 3;

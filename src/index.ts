/**
 * des-wasm: DES, Triple-DES and DESX in WebAssembly. This is the portable entry (browsers,
 * bundlers, Deno); in Node the package resolves to ./node.ts, which adds stream.Transform ciphers.
 *
 * DES is broken and Triple-DES is deprecated (NIST SP 800-131A): use them to read and write
 * legacy data and to interoperate with systems that still require them, not for new designs.
 */
import { hashesInstalled, useHashes } from './hashes.js';
import { NOBLE_HASHES } from './noble.js';

export * from './api.js';

// @noble/hashes for the openssl enc key derivation and the key wrap's checksum, unless the Node
// entry, loaded first, has installed node:crypto's (it replaces this one when loaded after).
if (!hashesInstalled()) useHashes(NOBLE_HASHES);

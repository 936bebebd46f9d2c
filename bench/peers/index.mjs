/**
 * The libraries the benchmark knows. Every adapter has the same shape:
 *
 *   { name, version,
 *     supports(cipher, mode) → true | "why not" (the reason becomes a footnote under "—"),
 *     prepare(cipher, mode, key, iv) → { encrypt(data), decrypt(data) }   // each call: one whole message from the IV
 *     many?(cipher, mode) → { call, run(key, [{ iv, data }]) } | null      // a batch call, where the library has one
 *     needsChild?(cipher, mode) → { execArgv, note } | null }              // run this cell in a child node
 *
 * ciphers: des, tdes2, tdes3, desx; modes: ecb, cbc, cfb8, cfb64, ofb, ctr. Keys, IVs and data are
 * Uint8Arrays. Adapters are loaded one by one: a library that is not installed is reported, not fatal.
 */
export const PEER_MODULES = {
  'des-wasm': './des-wasm.mjs',
  'node:crypto': './node-crypto.mjs',
  'crypto-js': './crypto-js.mjs',
  'node-forge': './node-forge.mjs',
  'des.js': './des-js.mjs',
};

export const SUBJECT = 'des-wasm';
export const BASELINE = 'node:crypto';

/** The adapter module's URL, for child processes that load it themselves. */
export function peerUrl(name) {
  const path = PEER_MODULES[name];
  if (!path) throw new Error(`unknown library ${JSON.stringify(name)}; expected one of ${Object.keys(PEER_MODULES).join(', ')}`);
  return new URL(path, import.meta.url).href;
}

/** Load the named adapters: [{ name, adapter }] or [{ name, error }] for a library that failed to load. */
export async function loadPeers(names = Object.keys(PEER_MODULES)) {
  const loaded = [];
  for (const name of names) {
    try {
      loaded.push({ name, adapter: (await import(peerUrl(name))).default });
    } catch (error) {
      loaded.push({ name, error: error.code === 'ERR_MODULE_NOT_FOUND' ? `not available: ${firstLine(error.message)}` : firstLine(String(error?.message ?? error)) });
    }
  }
  return loaded;
}

function firstLine(text) {
  return text.split('\n')[0];
}

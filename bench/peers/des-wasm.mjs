/**
 * des-wasm itself, from the built package (dist/node.js, made by `npm run build`): the subject every
 * peer is checked against. ECB and CBC run unpadded, as the messages are whole blocks. The
 * stream modes are timed encrypting the same message under the same IV again and again, which
 * des-wasm refuses unless told (ERR_DES_IV_REUSE): here it is told.
 * DES_WASM_ENTRY=/path/to/other/build/node.js benchmarks another build instead (e.g. a branch's).
 *
 * many() uses the batch API (encryptMany) when the build has it, for the 16-byte-message rows.
 */
import { pathToFileURL } from 'node:url';
import { readVersion } from './version.mjs';

const entry = process.env.DES_WASM_ENTRY
  ? pathToFileURL(process.env.DES_WASM_ENTRY).href
  : new URL('../../dist/node.js', import.meta.url).href;
const lib = await import(entry);

const FAMILY = { des: lib.des, tdes2: lib.tdes, tdes3: lib.tdes, desx: lib.desx };

function keyed(family, mode, key, iv) {
  switch (mode) {
    case 'ecb': return family.ecb(key, { padding: 'none' });
    case 'cbc': return family.cbc(key, iv, { padding: 'none' });
    case 'cfb8': return family.cfb(key, iv, { segment: 8, allowIvReuse: true });
    case 'cfb64': return family.cfb(key, iv, { segment: 64, allowIvReuse: true });
    case 'ofb': return family.ofb(key, iv, { allowIvReuse: true });
    case 'ctr': return family.ctr(key, iv, { allowIvReuse: true });
    default: throw new Error(`des-wasm adapter: unknown mode ${mode}`);
  }
}

export default {
  name: 'des-wasm',
  version: readVersion(new URL('../../package.json', import.meta.url)),
  /** Which build was measured. */
  entry: process.env.DES_WASM_ENTRY ?? 'dist/node.js',
  /** Its ESM entry's URL (the start-up children load it themselves; its CommonJS twin is the same path in .cjs). */
  entryUrl: entry,
  /** What the engine says about itself (scalar, SIMD, …), for the JSON's machine block. */
  details: () => (typeof lib.engineInfo === 'function' ? lib.engineInfo() : undefined),
  supports: (cipher) => (FAMILY[cipher] ? true : `des-wasm has no cipher ${cipher}`),
  prepare: (cipher, mode, key, iv) => keyed(FAMILY[cipher], mode, key, iv),
  /**
   * The batch call for many short messages under one key, or null while the build has none:
   * tdes.ecb.encryptMany(key, messages) and tdes.cbc.encryptMany(key, [{ iv, data }]).
   */
  many(cipher, mode) {
    const batch = FAMILY[cipher]?.[mode]?.encryptMany;
    if (typeof batch !== 'function') return null;
    const call = `${cipher === 'des' ? 'des' : 'tdes'}.${mode}.encryptMany`;
    if (mode === 'ecb') return { call, run: (key, items) => batch(key, items.map((item) => item.data), { padding: 'none' }) };
    return { call, run: (key, items) => batch(key, items, { padding: 'none' }) };
  },
};

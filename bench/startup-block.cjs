/**
 * The first block the start-up children encrypt, and how each library directly measured does it:
 * one des-ede3-cbc block under a fixed key and IV. Loaded by the children before their clock starts.
 */
'use strict';

const KEY = new Uint8Array(24).map((_, i) => 0x11 * (i % 8) + (i >> 3));
const IV = new Uint8Array(8);
const BLOCK = new Uint8Array(8);

/** The first block through each library's own API, given the loaded module. */
const FIRST_BLOCK = {
  'des-wasm': (lib) => lib.tdes.cbc(KEY, IV, { padding: 'none' }).encrypt(BLOCK),
  'node:crypto': (crypto) => {
    const cipher = crypto.createCipheriv('des-ede3-cbc', KEY, IV);
    cipher.setAutoPadding(false);
    const out = cipher.update(BLOCK);
    cipher.final();
    return out;
  },
};

function checkBlock(out) {
  if (!(out instanceof Uint8Array) || out.length !== 8) throw new Error('first block: no 8-byte output');
}

module.exports = { KEY, IV, BLOCK, FIRST_BLOCK, checkBlock };

/**
 * crypto-js: works on WordArrays (big-endian 32-bit words), so every call converts the Uint8Array in
 * and the WordArray out; those conversions are part of what a caller holding bytes pays, and are
 * timed. Padding is switched off with CryptoJS.pad.NoPadding. Its CFB is full-block (CFB-64) only,
 * and its CTR carries into the low 32 bits of the counter only (inputs.mjs keeps clear of that).
 */
import CryptoJS from 'crypto-js';
import { readVersion } from './version.mjs';

const ALGORITHM = { des: CryptoJS.DES, tdes2: CryptoJS.TripleDES, tdes3: CryptoJS.TripleDES };
const MODE = {
  ecb: CryptoJS.mode.ECB, cbc: CryptoJS.mode.CBC, cfb64: CryptoJS.mode.CFB, ofb: CryptoJS.mode.OFB, ctr: CryptoJS.mode.CTR,
};

function toWordArray(bytes) {
  const words = new Array((bytes.length + 3) >>> 2).fill(0);
  for (let i = 0; i < bytes.length; i++) words[i >>> 2] |= bytes[i] << (24 - (i & 3) * 8);
  return CryptoJS.lib.WordArray.create(words, bytes.length);
}

function toBytes(wordArray) {
  const { words, sigBytes } = wordArray;
  const out = new Uint8Array(sigBytes);
  for (let i = 0; i < sigBytes; i++) out[i] = words[i >>> 2] >>> (24 - (i & 3) * 8);
  return out;
}

export default {
  name: 'crypto-js',
  version: readVersion('crypto-js'),
  supports(cipher, mode) {
    if (!ALGORITHM[cipher]) return 'crypto-js has no DESX';
    if (!MODE[mode]) return "crypto-js's CFB is full-block only (no CFB-8)";
    return true;
  },
  prepare(cipher, mode, key, iv) {
    const algorithm = ALGORITHM[cipher];
    const keyWords = toWordArray(key);
    const config = { mode: MODE[mode], padding: CryptoJS.pad.NoPadding, iv: mode === 'ecb' ? undefined : toWordArray(iv) };
    return {
      encrypt: (data) => toBytes(algorithm.encrypt(toWordArray(data), keyWords, config).ciphertext),
      decrypt: (data) => toBytes(algorithm.decrypt(CryptoJS.lib.CipherParams.create({ ciphertext: toWordArray(data) }), keyWords, config)),
    };
  },
};

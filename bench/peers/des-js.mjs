/**
 * des.js: block-wise DES and EDE, with CBC as a wrapper class (des.CBC.instantiate). update() and
 * final() return plain arrays, turned back into a Uint8Array (timed). A CBC object keeps its chaining
 * value, so each message gets a new one; an ECB object is reused. EDE wants 24-byte keys.
 */
import desjs from 'des.js';
import { threeKeyForm } from './bytes.mjs';
import { readVersion } from './version.mjs';

const BASE = { des: desjs.DES, tdes2: desjs.EDE, tdes3: desjs.EDE };
const CBC = { des: desjs.CBC.instantiate(desjs.DES), tdes2: desjs.CBC.instantiate(desjs.EDE), tdes3: desjs.CBC.instantiate(desjs.EDE) };

function run(cipher, data) {
  const head = cipher.update(data);
  const tail = cipher.final();
  return Uint8Array.from(tail.length === 0 ? head : head.concat(tail));
}

export default {
  name: 'des.js',
  version: readVersion('des.js'),
  supports(cipher, mode) {
    if (!BASE[cipher]) return 'des.js has no DESX';
    if (mode !== 'ecb' && mode !== 'cbc') return 'des.js has ECB and CBC only';
    return true;
  },
  prepare(cipher, mode, keyIn, iv) {
    const key = threeKeyForm(keyIn);
    if (mode === 'ecb') {
      const encryptor = BASE[cipher].create({ type: 'encrypt', key, padding: false });
      const decryptor = BASE[cipher].create({ type: 'decrypt', key, padding: false });
      return { encrypt: (data) => run(encryptor, data), decrypt: (data) => run(decryptor, data) };
    }
    return {
      encrypt: (data) => run(CBC[cipher].create({ type: 'encrypt', key, iv, padding: false }), data),
      decrypt: (data) => run(CBC[cipher].create({ type: 'decrypt', key, iv, padding: false }), data),
    };
  },
};

/**
 * node-forge: works on "binary strings" (one char per byte) in ByteStringBuffers, so each call turns
 * the Uint8Array into a binary string and the output back (timed: the caller pays it). One cipher
 * object per key, restarted with start({ iv }) for every message. finish() is given a no-op padding
 * function, which is how forge is told not to pad. 3DES wants 24-byte keys; its CFB is full-block.
 */
import forge from 'node-forge';
import { asBuffer, asUint8Array, threeKeyForm } from './bytes.mjs';
import { readVersion } from './version.mjs';

const MODE = { ecb: 'ECB', cbc: 'CBC', cfb64: 'CFB', ofb: 'OFB', ctr: 'CTR' };
const noPadding = () => true;

function run(cipher, iv, data) {
  cipher.start(iv === null ? {} : { iv });
  cipher.update(forge.util.createBuffer(asBuffer(data).toString('binary')));
  if (!cipher.finish(noPadding)) throw new Error('node-forge: finish() failed');
  return asUint8Array(Buffer.from(cipher.output.getBytes(), 'binary'));
}

export default {
  name: 'node-forge',
  version: readVersion('node-forge'),
  supports(cipher, mode) {
    if (cipher === 'desx') return 'node-forge has no DESX';
    if (!MODE[mode]) return "node-forge's CFB is full-block only (no CFB-8)";
    return true;
  },
  prepare(cipher, mode, key, iv) {
    const algorithm = `${cipher === 'des' ? 'DES' : '3DES'}-${MODE[mode]}`;
    const keyString = asBuffer(threeKeyForm(key)).toString('binary');
    const ivString = mode === 'ecb' ? null : asBuffer(iv).toString('binary');
    const encryptor = forge.cipher.createCipher(algorithm, keyString);
    const decryptor = forge.cipher.createDecipher(algorithm, keyString);
    return {
      encrypt: (data) => run(encryptor, ivString, data),
      decrypt: (data) => run(decryptor, ivString, data),
    };
  },
};

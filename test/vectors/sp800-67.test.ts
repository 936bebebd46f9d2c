/**
 * NIST SP 800-67 Appendix B: the three-key TDEA ECB example ("The qufck brown fox jump", sic).
 * Source: vectors/sp800-67-tdea-example.json (see vectors/README.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, tdes } from '../../src/index.js';
import { concat, hex, loadJson, toHex } from '../helpers/vectors.js';

const v = loadJson('sp800-67-tdea-example.json');
const key = concat(hex(v.key1), hex(v.key2), hex(v.key3));
const plaintext = hex(v.plaintext_hex);
const ciphertext = hex(v.ciphertext_ecb);

beforeAll(async () => { await ready(); });

describe('NIST SP 800-67 Appendix B TDEA example (sp800-67-tdea-example.json): 1 record', () => {
  it('the plaintext hex is the ASCII text the standard prints', () => {
    expect(new TextDecoder().decode(plaintext)).toBe(v.plaintext_ascii);
  });
  it('three-key ECB encrypts to the published ciphertext', () => {
    expect(toHex(tdes.ecb(key, { padding: 'none' }).encrypt(plaintext))).toBe(toHex(ciphertext));
  });
  it('three-key ECB decrypts the published ciphertext', () => {
    expect(toHex(tdes.ecb(key, { padding: 'none' }).decrypt(ciphertext))).toBe(toHex(plaintext));
  });
});

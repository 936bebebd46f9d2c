// crypt(3) verification against every `match` value of vectors/payments/crypt3_des_bsdi.json
// (libxcrypt's known-answer table: 170 traditional, 340 BSDi extended): each hash must verify
// with its password, and must not verify with a changed password.
import { describe, expect, it } from 'vitest';
import { crypt } from '../../src/legacy/index.js';
import { hex } from '../helpers/vectors.js';
import { loadJson } from '../helpers/vectors.js';
import { countStatus } from '../helpers/vector-status.js';

const CRYPT = loadJson('payments/crypt3_des_bsdi.json');

/** A different password that still matters to the scheme: traditional crypt sees only 8 bytes. */
function changed(password: Uint8Array, extended: boolean): Uint8Array {
  const out = new Uint8Array(password.length === 0 ? 1 : password.length);
  out.set(password);
  const i = extended ? out.length - 1 : Math.min(out.length, 8) - 1;
  out[i] = out[i] === 0x41 ? 0x42 : 0x41;           // a different low 7 bits
  return out;
}

describe('crypt3_des_bsdi.json (libxcrypt ka-table)', () => {
  for (const [section, extended] of [['descrypt', false], ['bsdicrypt', true]] as const) {
    it(`${section}: every match value verifies, and a changed password does not`, () => {
      let ran = 0, skipped = 0, asString = 0;
      for (const v of CRYPT[section]) {
        if (v.status !== 'match') { skipped++; continue; }
        const bytes = hex(v.password_hex);
        expect(crypt.verify(bytes, v.hash), `${v.password_hex} ${v.hash}`).toBe(true);
        // Where the password is valid UTF-8, the string form gives the same answer.
        let text: string | undefined;
        try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { text = undefined; }
        if (text !== undefined && !text.includes('\0')) { expect(crypt.verify(text, v.hash)).toBe(true); asString++; }
        expect(crypt.verify(changed(bytes, extended), v.hash), `changed ${v.password_hex} ${v.hash}`).toBe(false);
        ran++;
      }
      console.log(`[crypt3_des_bsdi] ${section}: ran ${ran} match values (${asString} also as strings), skipped ${skipped}`);
      expect(ran).toBe(countStatus(CRYPT[section], 'match'));
      expect(ran).toBe(extended ? 340 : 170);
    });
  }
});

// VNC authentication and Kerberos DES string-to-key against every `match` value of
// vectors/payments/vnc_des.json and kerberos_des_string_to_key.json.
import { describe, expect, it } from 'vitest';
import { kerberos, vnc } from '../../src/legacy/index.js';
import { hex, toHex } from '../helpers/vectors.js';
import { loadJson } from '../helpers/vectors.js';
import { countStatus } from '../helpers/vector-status.js';

const VNC = loadJson('payments/vnc_des.json');
const KRB = loadJson('payments/kerberos_des_string_to_key.json');
const upper = (b: Uint8Array) => toHex(b).toUpperCase();
const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

describe('vnc_des.json (RFB VNC authentication, vncpasswd)', () => {
  it('every match value', () => {
    let ran = 0, skipped = 0;
    for (const v of VNC.rfb_challenge_response) {
      if (v.status !== 'match') { skipped++; continue; }
      expect(upper(vnc.response(utf8(hex(v.password_hex)), hex(v.challenge))), v.password_hex).toBe(v.response.toUpperCase());
      ran++;
    }
    // vncpasswd stores DES(bitrev(fixed key), password zero-padded to 8): the same computation as
    // the RFB response with the fixed key as the "password" and the padded password as the
    // challenge's first half. The fixed key's bytes are read from the file's rule text.
    const fixed = /fixed key ((?:[0-9A-F]{2} ){7}[0-9A-F]{2})/.exec(VNC.rules.vncpasswd)![1].split(' ').map((h: string) => parseInt(h, 16));
    const fixedAsPassword = String.fromCharCode(...fixed);        // all below 0x80: UTF-8 is the bytes themselves
    for (const v of VNC.vncpasswd_obfuscation) {
      if (v.status !== 'match') { skipped++; continue; }
      const challenge = new Uint8Array(16);
      challenge.set(new TextEncoder().encode(v.password).subarray(0, 8));
      expect(upper(vnc.response(fixedAsPassword, challenge).subarray(0, 8)), v.password).toBe(v.stored_hex.toUpperCase());
      ran++;
    }
    console.log(`[vnc_des] ran ${ran} match values, skipped ${skipped}`);
    expect(ran).toBe(countStatus(VNC, 'match'));
    expect(ran).toBe(15);
  });

  it('uses only the first 8 bytes of the password, zero-padding shorter ones', () => {
    const challenge = hex('2F7532B3EFD17EEA5DD3A0949FFDF1D8');
    expect(vnc.response('12345678', challenge)).toEqual(vnc.response('1234567890', challenge));
    expect(vnc.response('123', challenge)).toEqual(vnc.response('123\0', challenge));
  });
});

describe('kerberos_des_string_to_key.json (RFC 3961 A.2)', () => {
  it('every match value', () => {
    let ran = 0, skipped = 0;
    for (const v of KRB.vectors) {
      if (v.status !== 'match') { skipped++; continue; }
      // The vector's UTF-8 hex is authoritative: the strings must encode to it.
      expect(toHex(new TextEncoder().encode(v.password)).toUpperCase()).toBe(v.password_utf8_hex.toUpperCase());
      expect(toHex(new TextEncoder().encode(v.salt)).toUpperCase()).toBe(v.salt_utf8_hex.toUpperCase());
      expect(upper(kerberos.desStringToKey(v.password, v.salt)), `${v.password} / ${v.salt}`).toBe(v.expected.toUpperCase());
      ran++;
    }
    console.log(`[kerberos_des_string_to_key] ran ${ran} match values, skipped ${skipped}`);
    expect(ran).toBe(countStatus(KRB, 'match'));
    expect(ran).toBe(6);
  });
});

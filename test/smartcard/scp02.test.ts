// GlobalPlatform SCP02 against vectors/payments/gp_scp02.json: GlobalPlatformPro's KCVs for
// EMV / VISA2 diversification, session keys and PUT KEY encryption; a worked openssl session
// (chenpengcong/blog#31); and a real card's INITIALIZE UPDATE, EXTERNAL AUTHENTICATE and four
// C-MAC'd commands (pySim's test_globalplatform.py, ICV encrypted). Every `match` value is used.
// Then every error path of the four functions, with its code and exact message.
import { describe, expect, it } from 'vitest';
import { kcv, tdes, DesError } from '../../src/index.js';
import { scp02 } from '../../src/smartcard/index.js';
import { hex, loadJson, toHex } from '../helpers/vectors.js';
import { expectDesError } from '../helpers/errors.js';
import { countStatus } from '../helpers/vector-status.js';

interface Vector {
  source_ref: string; step: string; status: string; expected: string;
  master?: string; kdd?: string; static_key?: string; host_challenge?: string; init_update_response?: string; plain_apdu?: string;
}
const file = loadJson<{ source: Record<string, { says?: string }>; vectors: Vector[] }>('payments/gp_scp02.json');
const matches = file.vectors.filter((v) => v.status === 'match');

// pySim's key set (tests/unittests/test_globalplatform.py: KIC, KID, KIK; the file's `says` names
// them as "10 01 02.., 10 11 02.., 10 21 02.."): inputs, not expected values.
const PYSIM = { enc: hex('100102030405060708090a0b0c0d0e0f'), mac: hex('101102030405060708090a0b0c0d0e0f'), dek: hex('102102030405060708090a0b0c0d0e0f') };

const same = (key: Uint8Array) => ({ enc: key, mac: key, dek: key });
const upper = (bytes: Uint8Array) => toHex(bytes).toUpperCase();

/** Each match record's check: returns what we computed for its `expected`. */
function compute(v: Vector, pysim: { session?: ReturnType<typeof scp02.session> }): string {
  let m: RegExpMatchArray | null;
  if ((m = v.step.match(/^card key diversification template (emv|visa2), (enc|mac|dek) key KCV$/))) {
    const keys = scp02.diversify(hex(v.master!), hex(v.kdd!), { method: m[1] as 'emv' | 'visa2' });
    return upper(kcv(keys[m[2] as 'enc' | 'mac' | 'dek']));
  }
  if ((m = v.step.match(/^SCP02 session key (enc|cmac|dek|rmac) \(KCV\), seq ([0-9A-F]{4})$/))) {
    return upper(kcv(scp02.sessionKeys(same(hex(v.static_key!)), hex(m[2]))[m[1] as 'enc' | 'cmac' | 'dek' | 'rmac']));
  }
  if (v.step.startsWith('PUT KEY key encryption')) {
    // GlobalPlatformPro's testKeyEncryption_SCP02: the key set 4041…4F (the static key of this
    // source's session-key records) encrypts its own key under the session DEK of counter 0000.
    const key = hex(file.vectors.find((w) => w.source_ref === 'gpp' && w.static_key)!.static_key!);
    const dek = scp02.sessionKeys(same(key), new Uint8Array(2)).dek;
    return upper(tdes.ecb(dek, { padding: 'none' }).encrypt(key));
  }
  const blog = file.source.blog.says!;
  const blogKey = hex(blog.match(/static ENC ([0-9A-F]{32})/)![1]);
  const blogSeq = hex(blog.match(/seq ([0-9A-F]{4})/)![1]);
  if (v.source_ref === 'blog' && v.step === 'S-ENC') return upper(scp02.sessionKeys(same(blogKey), blogSeq).enc);
  if ((m = v.step.match(/^card cryptogram over host challenge ([0-9A-F]{16}) \| seq ([0-9A-F]{4}) \| card challenge ([0-9A-F]{12})$/))) {
    const s = scp02.session({ keys: same(blogKey), sequenceCounter: hex(m[2]), hostChallenge: hex(m[1]), cardChallenge: hex(m[3]), securityLevel: 0x01, icvEncryption: true });
    return upper(s.cardCryptogram);
  }
  if (v.step === 'card cryptogram from INITIALIZE UPDATE response') {
    const r = scp02.parseInitializeUpdate(hex(v.init_update_response!));
    pysim.session = scp02.session({
      keys: PYSIM, sequenceCounter: r.sequenceCounter, hostChallenge: hex(v.host_challenge!), cardChallenge: r.cardChallenge,
      securityLevel: 0x01, icvEncryption: true,
    });
    // The card's own cryptogram is the expected value too: it must verify, and a changed one must not.
    expect(upper(r.cardCryptogram)).toBe(v.expected);
    expect(pysim.session.verifyCardCryptogram(r.cardCryptogram)).toBe(true);
    const wrong = Uint8Array.from(r.cardCryptogram); wrong[7] ^= 1;
    expect(pysim.session.verifyCardCryptogram(wrong)).toBe(false);
    return upper(pysim.session.cardCryptogram);
  }
  if ((m = v.step.match(/^EXTERNAL AUTHENTICATE .*security level ([0-9A-F]{2})\)$/))) {
    expect(parseInt(m[1], 16)).toBe(0x01);   // the level the session above was opened with
    return upper(pysim.session!.externalAuthenticate());
  }
  if (v.step.startsWith('C-MAC wrap')) return upper(pysim.session!.wrap(hex(v.plain_apdu!)));
  throw new Error(`no check for the record "${v.step}"`);
}

describe('gp_scp02.json: every match value', () => {
  it('diversification, session keys, PUT KEY, cryptograms, EXTERNAL AUTHENTICATE and the C-MAC chain', () => {
    const pysim: { session?: ReturnType<typeof scp02.session> } = {};
    let ran = 0;
    for (const v of matches) {       // in file order: the pySim records are one session
      expect(compute(v, pysim), v.step).toBe(v.expected.toUpperCase());
      ran++;
    }
    const skipped = file.vectors.length - matches.length;
    console.log(`[gp_scp02] ran ${ran} match values, skipped ${skipped} of other statuses`);
    expect(ran).toBe(19);            // the count vectors/payments/README.md gives for this file
    expect(ran).toBe(countStatus(file, 'match'));
  });
});

describe('scp02.session behaviour the vectors do not show', () => {
  const base = () => ({ keys: PYSIM, sequenceCounter: hex('0001'), hostChallenge: hex('40A62C37FA6304F8'), cardChallenge: hex('6B4524ABEE7C'), securityLevel: 0x01 as const, icvEncryption: true });

  it('sessionKeys are copies: wiping them does not break the session', () => {
    const s = scp02.session(base());
    const first = upper(scp02.session(base()).externalAuthenticate());
    s.sessionKeys.cmac.fill(0);
    expect(upper(s.externalAuthenticate())).toBe(first);
  });

  it('parseInitializeUpdate takes the 30-byte form with 9000 and gives the same fields', () => {
    const data = hex('00000000000000000000700200016B4524ABEE7CF32EA3838BC148F3');
    const withSw = Uint8Array.from([...data, 0x90, 0x00]);
    const a = scp02.parseInitializeUpdate(data), b = scp02.parseInitializeUpdate(withSw);
    for (const k of Object.keys(a) as (keyof typeof a)[]) expect(toHex(b[k])).toBe(toHex(a[k]));
    expect(toHex(a.keyInformation)).toBe('7002');
    expect(toHex(a.keyDiversificationData)).toBe('00000000000000000000');
  });

  it('level 00: EXTERNAL AUTHENTICATE still carries its C-MAC; later commands pass unchanged', () => {
    const s = scp02.session({ ...base(), securityLevel: 0x00 });
    expect(s.externalAuthenticate().subarray(0, 5)).toEqual(hex('8482000010'));
    expect(toHex(s.wrap(hex('80F22002')))).toBe('80f22002');
  });

  it('a refused command leaves the chain as it was', () => {
    const a = scp02.session(base()), b = scp02.session(base());
    a.externalAuthenticate(); b.externalAuthenticate();
    expect(() => a.wrap(hex('80F2200205AA'))).toThrow(DesError);
    expect(toHex(a.wrap(hex('80F22002')))).toBe(toHex(b.wrap(hex('80F22002'))));
  });

  it('the longest data fields that fit: 247 bytes at level 01 (Lc FF), 239 at level 03 (padded to 240, Lc F8)', () => {
    const apdu = (n: number) => Uint8Array.from([0x80, 0xe2, 0x90, 0x00, n, ...new Uint8Array(n)]);
    const s1 = scp02.session(base()); s1.externalAuthenticate();
    expect(s1.wrap(apdu(247))[4]).toBe(255);
    const s3 = scp02.session({ ...base(), securityLevel: 0x03 }); s3.externalAuthenticate();
    expect(s3.wrap(apdu(239))[4]).toBe(248);
  });
});

describe('scp02: every bad input is a DesError with an exact message', () => {
  const K = hex('404142434445464748494A4B4C4D4E4F');
  const good = () => ({ keys: same(K), sequenceCounter: hex('0001'), hostChallenge: new Uint8Array(8), cardChallenge: new Uint8Array(6), securityLevel: 0x03, icvEncryption: true });

  it('sessionKeys', () => {
    expectDesError(() => scp02.sessionKeys({ ...same(K), enc: new Uint8Array(24) }, hex('0000')), 'ERR_SCP02_INPUT', 'keys.enc: expected 16 bytes, got 24');
    expectDesError(() => scp02.sessionKeys({ ...same(K), mac: new Uint8Array(8) }, hex('0000')), 'ERR_SCP02_INPUT', 'keys.mac: expected 16 bytes, got 8');
    expectDesError(() => scp02.sessionKeys({ enc: K, mac: K } as never, hex('0000')), 'ERR_INVALID_ARG_TYPE', 'keys.dek: expected Uint8Array, got undefined');
    expectDesError(() => scp02.sessionKeys({ ...same(K), kek: K } as never, hex('0000')), 'ERR_DES_UNKNOWN_OPTION', 'keys: unknown option "kek" (did you mean dek?)');
    expectDesError(() => scp02.sessionKeys(null as never, hex('0000')), 'ERR_INVALID_ARG_TYPE', 'keys: expected an object, got null');
    expectDesError(() => scp02.sessionKeys(same(K), hex('000001')), 'ERR_SCP02_INPUT', 'sequenceCounter: expected 2 bytes, got 3');
    expectDesError(() => scp02.sessionKeys(same(K), '0000' as never), 'ERR_INVALID_ARG_TYPE', 'sequenceCounter: expected Uint8Array, got string');
  });

  it('session', () => {
    expectDesError(() => scp02.session({ ...good(), hostChallenge: new Uint8Array(7) }), 'ERR_SCP02_INPUT', 'hostChallenge: expected 8 bytes, got 7');
    expectDesError(() => scp02.session({ ...good(), cardChallenge: new Uint8Array(8) }), 'ERR_SCP02_INPUT', 'cardChallenge: expected 6 bytes, got 8');
    expectDesError(() => scp02.session({ ...good(), sequenceCounter: new Uint8Array(0) }), 'ERR_SCP02_INPUT', 'sequenceCounter: expected 2 bytes, got 0');
    expectDesError(() => scp02.session({ ...good(), securityLevel: 0x13 } as never), 'ERR_SCP02_INPUT', 'securityLevel: expected 0x00 or 0x01 or 0x03, got 0x13');
    expectDesError(() => scp02.session({ ...good(), securityLevel: '01' } as never), 'ERR_SCP02_INPUT', 'securityLevel: expected 0x00 or 0x01 or 0x03, got "01"');
    expectDesError(() => scp02.session({ ...good(), icvEncryption: undefined } as never), 'ERR_SCP02_INPUT', 'icvEncryption: expected true or false, got undefined');
    expectDesError(() => scp02.session({ ...good(), icvEncryption: 1 } as never), 'ERR_INVALID_ARG_TYPE', 'options: icvEncryption must be true or false, got number');
    expectDesError(() => scp02.session({ ...good(), iv: 1 } as never), 'ERR_DES_UNKNOWN_OPTION', 'options: unknown option "iv" (did you mean keys?)');
    expectDesError(() => scp02.session({ ...good(), keys: { ...same(K), dek: new Uint8Array(15) } }), 'ERR_SCP02_INPUT', 'keys.dek: expected 16 bytes, got 15');
  });

  it('session methods: verify, order of calls, APDUs, destroy', () => {
    const s = scp02.session(good());
    expectDesError(() => s.verifyCardCryptogram(new Uint8Array(7)), 'ERR_SCP02_INPUT', 'received: expected 8 bytes, got 7');
    expect(s.verifyCardCryptogram(new Uint8Array(8))).toBe(false);
    expectDesError(() => s.wrap(hex('80F22002')), 'ERR_CRYPTO_INVALID_STATE', 'wrap: call externalAuthenticate() first: its C-MAC starts the chain');
    s.externalAuthenticate();
    expectDesError(() => s.externalAuthenticate(), 'ERR_CRYPTO_INVALID_STATE', 'externalAuthenticate: already called: it opens the session, once');
    expectDesError(() => s.wrap(hex('80F220')), 'ERR_SCP02_INPUT', 'apdu: expected at least 4 bytes (CLA INS P1 P2), got 3');
    expectDesError(() => s.wrap(hex('80F2200000000301020300')), 'ERR_SCP02_INPUT', 'apdu: extended-length APDUs (Lc byte 00) are not supported');
    expectDesError(() => s.wrap(hex('80F2200002AA')), 'ERR_SCP02_INPUT', 'apdu: Lc says 2 data bytes, but 1 bytes follow it');
    expectDesError(() => s.wrap(Uint8Array.from([0x80, 0xe2, 0x90, 0x00, 240, ...new Uint8Array(240)])), 'ERR_SCP02_INPUT',
      'apdu: a data field of 240 bytes does not fit a short APDU once wrapped at security level 0x03 (at most 239)');
    expectDesError(() => s.wrap('80F22002' as never), 'ERR_INVALID_ARG_TYPE', 'apdu: expected Uint8Array, got string');
    s.destroy();
    expectDesError(() => s.wrap(hex('80F22002')), 'ERR_CRYPTO_INVALID_STATE', 'wrap: this session was destroyed');
    expect(s.sessionKeys.enc.some((b) => b !== 0)).toBe(true);   // the caller's copies are untouched
  });

  it('parseInitializeUpdate', () => {
    const data = hex('00000000000000000000700200016B4524ABEE7CF32EA3838BC148F3');
    expectDesError(() => scp02.parseInitializeUpdate(data.subarray(0, 27)), 'ERR_SCP02_INPUT', 'response: expected 28 or 30 bytes, got 27');
    expectDesError(() => scp02.parseInitializeUpdate(Uint8Array.from([...data, 0x90])), 'ERR_SCP02_INPUT', 'response: expected 28 or 30 bytes, got 29');
    expectDesError(() => scp02.parseInitializeUpdate(Uint8Array.from([...data, 0x69, 0x82])), 'ERR_SCP02_INPUT', 'response: status word 6982 is not 9000 (the card refused INITIALIZE UPDATE)');
    const scp01 = Uint8Array.from(data); scp01[11] = 0x01;
    expectDesError(() => scp02.parseInitializeUpdate(scp01), 'ERR_SCP02_INPUT', 'response: the key information names SCP 01, not SCP 02');
    expectDesError(() => scp02.parseInitializeUpdate([1, 2] as never), 'ERR_INVALID_ARG_TYPE', 'response: expected Uint8Array, got Array');
  });

  it('diversify', () => {
    const kdd = new Uint8Array(10);
    expectDesError(() => scp02.diversify(new Uint8Array(24), kdd, { method: 'emv' }), 'ERR_SCP02_INPUT', 'masterKey: expected 16 bytes, got 24');
    expectDesError(() => scp02.diversify(K, new Uint8Array(9), { method: 'emv' }), 'ERR_SCP02_INPUT', 'keyDiversificationData: expected 10 bytes, got 9');
    expectDesError(() => scp02.diversify(K, kdd, { method: 'visa' } as never), 'ERR_SCP02_INPUT', "method: expected 'emv' or 'visa2', got \"visa\"");
    expectDesError(() => scp02.diversify(K, kdd, undefined as never), 'ERR_SCP02_INPUT', "method: expected 'emv' or 'visa2', got undefined");
    expectDesError(() => scp02.diversify(K, kdd, { method: 'emv', kdf: 'emv' } as never), 'ERR_DES_UNKNOWN_OPTION', 'options: unknown option "kdf" (did you mean method?)');
  });
});

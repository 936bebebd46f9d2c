// NTLMv1, NTLMv1 with extended session security, MS-CHAPv2 and the LM response, against every
// `match` value of vectors/payments/ntlm_mschap_des.json and lm_hash.json. Intermediate values
// (NTOWFv1, ChallengeHash, PasswordHashHash, LMOWFv1 of non-ASCII passwords) go through the
// internal functions the public ones are made of.
import { describe, expect, it } from 'vitest';
import { sha1 } from '@noble/hashes/legacy.js';
import { ntlm, mschapv2 } from '../../src/legacy/index.js';
import { ntowfv1 } from '../../src/legacy/ntlm.js';
import { challengeHash, passwordHash, passwordHashHash } from '../../src/legacy/mschapv2.js';
import { desl } from '../../src/legacy/desl.js';
import { lmowfv1 } from '../../src/legacy/lm.js';
import { md4 } from '../../src/legacy/md4.js';
import { hex, toHex } from '../helpers/vectors.js';
import { loadJson } from '../helpers/vectors.js';
import { countStatus } from '../helpers/vector-status.js';

const NTLM = loadJson('payments/ntlm_mschap_des.json');
const LM = loadJson('payments/lm_hash.json');
const upper = (b: Uint8Array) => toHex(b).toUpperCase();

// Inputs the vector file states only in its sources (outputs all come from the file):
// MS-NLMP 4.2.2 / 4.2.3 and Eric Glass's example use ServerChallenge 0123456789ABCDEF;
// MS-NLMP 4.2.3's ClientChallenge is AAAAAAAAAAAAAAAA; RFC 2759 §9.2 has user "User", password
// "clientPass" and the two challenges below; RFC 3079 §3.5.3 reuses them; its Magic1 (§3.4) is the text below.
const SERVER_CHALLENGE = hex('0123456789ABCDEF');
const CLIENT_CHALLENGE = hex('AAAAAAAAAAAAAAAA');
const RFC2759 = {
  username: 'User',
  password: 'clientPass',
  authenticatorChallenge: hex('5B5D7C7D7B3F2F3E3C2C602132262628'),
  peerChallenge: hex('21402324255E262A28295F2B3A337C7E'),
};
const MPPE_MAGIC1 = new TextEncoder().encode('This is the MPPE Master Key');

/** What each step of ntlm_mschap_des.json computes, from its `step` text. */
function computeNtlmStep(v: any): string {
  const step: string = v.step;
  if (step.startsWith('NTOWFv1')) return upper(ntowfv1('Password'));
  if (step.startsWith('NTLMv1 response')) return upper(ntlm.v1({ password: 'Password', serverChallenge: SERVER_CHALLENGE }).ntResponse);
  if (step.startsWith('SessionBaseKey')) return upper(md4(ntowfv1('Password')));
  if (step.startsWith('NTLMv1 with extended session security')) {
    return upper(ntlm.v1ess({ password: 'Password', serverChallenge: SERVER_CHALLENGE, clientChallenge: CLIENT_CHALLENGE }).ntResponse);
  }
  if (step === 'NTLM response, password SecREt01') return upper(ntlm.v1({ password: 'SecREt01', serverChallenge: SERVER_CHALLENGE }).ntResponse);
  if (step.startsWith('LM response, LM hash of SecREt01')) {
    return upper(ntlm.v1({ password: 'SecREt01', serverChallenge: SERVER_CHALLENGE }).lmResponse!);
  }
  if (step.startsWith('DESL(')) return upper(desl(hex(v.hash), hex(v.challenge)));
  if (step === 'MS-CHAPv2 challenge_hash') return upper(challengeHash(RFC2759.peerChallenge, RFC2759.authenticatorChallenge, RFC2759.username));
  if (step === 'MS-CHAPv2 password_hash') return upper(passwordHash(RFC2759.password));
  if (step === 'MS-CHAPv2 nt_response') return upper(mschapv2.ntResponse(RFC2759));
  if (step === 'MS-CHAPv2 password_hash_hash') return upper(passwordHashHash(RFC2759.password));
  if (step === 'MS-CHAPv2 authenticator_response') {
    const ntResponse = hex(NTLM.vectors.find((x: any) => x.step === 'MS-CHAPv2 nt_response').expected);
    return mschapv2.authenticatorResponse({ ...RFC2759, ntResponse });
  }
  if (step.startsWith('MPPE master key')) {
    // RFC 3079 §3.4 GetMasterKey: SHA-1(PasswordHashHash ‖ NT-Response ‖ Magic1)[0..15]
    const ntResponse = mschapv2.ntResponse(RFC2759);
    const input = new Uint8Array([...passwordHashHash(RFC2759.password), ...ntResponse, ...MPPE_MAGIC1]);
    return upper(sha1(input).subarray(0, 16));
  }
  throw new Error(`no computation for step ${JSON.stringify(step)}`);
}

describe('ntlm_mschap_des.json (MS-NLMP 4.2.2 / 4.2.3, Glass, RFC 2759 §9.2, RFC 3079)', () => {
  it('every match value', () => {
    let ran = 0;
    let skipped = 0;
    for (const v of NTLM.vectors) {
      if (v.status !== 'match') { skipped++; continue; }
      expect(computeNtlmStep(v), v.step).toBe(v.expected.toUpperCase());
      ran++;
    }
    console.log(`[ntlm_mschap_des] ran ${ran} match values, skipped ${skipped}`);
    expect(ran).toBe(countStatus(NTLM, 'match'));
    expect(ran).toBe(15);
  });
});

/** Æ in the OEM code pages the vectors name (cp437: 0x92, the IBM PC table; latin-1: U+00C6). */
const OEM: Record<string, (s: string) => Uint8Array> = {
  cp437: (s) => new Uint8Array([...s].map((c) => (c === 'Æ' ? 0x92 : c.charCodeAt(0)))),
  'latin-1': (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0))),
  'utf-8': (s) => new TextEncoder().encode(s),
};

describe('lm_hash.json (LMOWFv1 and the LM response)', () => {
  it('every match value: printable ASCII passwords through ntlm.v1, the rest through LMOWFv1 directly', () => {
    let ran = 0, skipped = 0, viaResponse = 0;
    const challenge = hex(LM.lm_challenge_response.server_challenge);
    for (const v of LM.vectors) {
      if (v.status !== 'match') { skipped++; continue; }
      const { lmResponse } = ntlm.v1({ password: v.password, serverChallenge: challenge });
      if (v.oem_encoding === undefined && v.password.length <= 14) {
        // The public path: the LM response is DESL(LMOWFv1, challenge); compare with DESL of the vector's hash.
        expect(upper(lmResponse!), v.password).toBe(upper(desl(hex(v.lm_hash), challenge)));
        viaResponse++;
      } else {
        // No LM response for these (over 14 characters, or not ASCII); LMOWFv1 of the OEM bytes,
        // truncated to 14 as the vector's source (CyberChef) does.
        expect(lmResponse, v.password).toBeNull();
        const oem = OEM[v.oem_encoding ?? 'latin-1'](v.password.toUpperCase()).subarray(0, 14);
        expect(upper(lmowfv1(oem)), v.password).toBe(v.lm_hash.toUpperCase());
      }
      ran++;
    }
    for (const v of LM.seven_char_halves) {
      if (v.status !== 'match') { skipped++; continue; }
      expect(upper(lmowfv1(new TextEncoder().encode(v.password_half)).subarray(0, 8)), v.password_half).toBe(v.des_of_magic.toUpperCase());
      ran++;
    }
    const r = LM.lm_challenge_response;
    if (r.status === 'match') {
      expect(upper(lmowfv1(new TextEncoder().encode('PASSWORD')))).toBe(r.lmowfv1.toUpperCase());
      expect(upper(ntlm.v1({ password: 'Password', serverChallenge: hex(r.server_challenge) }).lmResponse!)).toBe(r.lm_response_desl.toUpperCase());
      ran++;
    } else skipped++;
    console.log(`[lm_hash] ran ${ran} match values (${viaResponse} through ntlm.v1's LM response), skipped ${skipped}`);
    expect(ran).toBe(countStatus(LM, 'match'));
    expect(ran).toBe(27);
  });
});

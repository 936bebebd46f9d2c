// Every bad input of des-wasm/legacy: a DesError with its code and the exact message naming the
// field; a wrong password or response of the right shape is an answer (false), never an error.
import { describe, expect, it } from 'vitest';
import { expectDesError } from '../helpers/errors.js';
import { crypt, kerberos, mschapv2, ntlm, vnc } from '../../src/legacy/index.js';


const c8 = new Uint8Array(8);
const c16 = new Uint8Array(16);
const ms = { username: 'u', password: 'p', authenticatorChallenge: c16, peerChallenge: c16 };

describe('ERR_LEGACY_INPUT', () => {
  it('ntlm: passwords, challenges, the parameters object', () => {
    expectDesError(() => ntlm.v1({ password: 1 as any, serverChallenge: c8 }), 'ERR_LEGACY_INPUT', 'password: expected a string, got number');
    expectDesError(() => ntlm.v1({ serverChallenge: c8 } as any), 'ERR_LEGACY_INPUT', 'password: expected a string, got undefined');
    expectDesError(() => ntlm.v1({ password: 'p', serverChallenge: new Uint8Array(7) }), 'ERR_LEGACY_INPUT', 'serverChallenge: expected 8 bytes, got 7');
    expectDesError(() => ntlm.v1({ password: 'p', serverChallenge: '0123456789abcdef' as any }), 'ERR_LEGACY_INPUT', 'serverChallenge: expected a Uint8Array of 8 bytes, got string');
    expectDesError(() => ntlm.v1(null as any), 'ERR_LEGACY_INPUT', 'ntlm.v1: expected an object with password, serverChallenge, got null');
    expectDesError(() => ntlm.v1ess({ password: 'p', serverChallenge: c8, clientChallenge: c16 }), 'ERR_LEGACY_INPUT', 'clientChallenge: expected 8 bytes, got 16');
    expectDesError(() => ntlm.v1ess({ password: 'p', serverChallenge: c8 } as any), 'ERR_LEGACY_INPUT', 'clientChallenge: expected a Uint8Array of 8 bytes, got undefined');
  });
  it('mschapv2: user name, challenges, NT-Response', () => {
    expectDesError(() => mschapv2.ntResponse({ ...ms, username: undefined as any }), 'ERR_LEGACY_INPUT', 'username: expected a string, got undefined');
    expectDesError(() => mschapv2.ntResponse({ ...ms, authenticatorChallenge: c8 }), 'ERR_LEGACY_INPUT', 'authenticatorChallenge: expected 16 bytes, got 8');
    expectDesError(() => mschapv2.ntResponse({ ...ms, peerChallenge: [1, 2] as any }), 'ERR_LEGACY_INPUT', 'peerChallenge: expected a Uint8Array of 16 bytes, got Array');
    expectDesError(() => mschapv2.authenticatorResponse({ ...ms, ntResponse: c16 }), 'ERR_LEGACY_INPUT', 'ntResponse: expected 24 bytes, got 16');
  });
  it('vnc, kerberos, crypt passwords', () => {
    expectDesError(() => vnc.response(new Uint8Array(8) as any, c16), 'ERR_LEGACY_INPUT', 'password: expected a string, got Uint8Array');
    expectDesError(() => vnc.response('p', c8), 'ERR_LEGACY_INPUT', 'challenge: expected 16 bytes, got 8');
    expectDesError(() => kerberos.desStringToKey('p', 5 as any), 'ERR_LEGACY_INPUT', 'salt: expected a string, got number');
    expectDesError(() => kerberos.desStringToKey(null as any, 'ATHENA.MIT.EDU'), 'ERR_LEGACY_INPUT', 'password: expected a string, got null');
    expectDesError(() => crypt.verify(42 as any, 'abJnggxhB/yWI'), 'ERR_LEGACY_INPUT', 'password: expected a string or a Uint8Array, got number');
    expectDesError(() => crypt.verify('ab\0cd', 'abJnggxhB/yWI'), 'ERR_LEGACY_INPUT', 'password: contains a NUL character, which crypt(3) cannot see past');
  });
});

describe('ERR_DES_UNKNOWN_OPTION', () => {
  it('a misspelt field is named, with the nearest one', () => {
    expectDesError(() => ntlm.v1({ password: 'p', serverChallenge: c8, clientChalenge: c8 } as any), 'ERR_DES_UNKNOWN_OPTION',
      'ntlm.v1: unknown option "clientChalenge" (did you mean serverChallenge?)');
    expectDesError(() => mschapv2.ntResponse({ ...ms, userName: 'u' } as any), 'ERR_DES_UNKNOWN_OPTION',
      'mschapv2.ntResponse: unknown option "userName" (did you mean username?)');
  });
});

describe('ERR_CRYPT_FORMAT', () => {
  const shape = (n: number) => `hash: expected 13 characters of ./0-9A-Za-z (traditional DES crypt) or '_' and 19 of them (BSDi extended), got ${n} characters`;
  it('hash strings of neither DES form', () => {
    expectDesError(() => crypt.verify('p', 'abJnggxhB/yW'), 'ERR_CRYPT_FORMAT', shape(12));
    expectDesError(() => crypt.verify('p', 'abJnggxhB/yWI='), 'ERR_CRYPT_FORMAT', shape(14));
    expectDesError(() => crypt.verify('p', 'ab!nggxhB/yWI'), 'ERR_CRYPT_FORMAT', shape(13));
    expectDesError(() => crypt.verify('p', '_J9..abcd5WNy9VUCfA'), 'ERR_CRYPT_FORMAT', shape(19));
    expectDesError(() => crypt.verify('p', ''), 'ERR_CRYPT_FORMAT', shape(0));
    expectDesError(() => crypt.verify('p', '$1$saltsalt$2vnaRpHa6Jxjz5n83ok8Z0'), 'ERR_CRYPT_FORMAT',
      "hash: $1$ is not a DES crypt hash (expected 13 characters of ./0-9A-Za-z, or '_' and 19 of them)");
    expectDesError(() => crypt.verify('p', undefined as any), 'ERR_CRYPT_FORMAT', 'hash: expected a string, got undefined');
  });
  it('a malformed hash is reported before the password is looked at', () => {
    expectDesError(() => crypt.verify(42 as any, 'short'), 'ERR_CRYPT_FORMAT', shape(5));
  });
  it('a wrong password, or a hash that no password makes, is false', () => {
    expect(crypt.verify('wrong', 'abJnggxhB/yWI')).toBe(false);
    expect(crypt.verify('', '_J9..abcd5WNy9VUCfAY')).toBe(false);
    expect(crypt.verify('x', 'ab...........')).toBe(false);
  });
});

describe("the caller's buffers are never wiped", () => {
  it('crypt.verify copies a byte password; challenges are left as they were', () => {
    const password = new TextEncoder().encode('secret');
    crypt.verify(password, 'abJnggxhB/yWI');
    expect(new TextDecoder().decode(password)).toBe('secret');
    const challenge = new Uint8Array(8).fill(7);
    ntlm.v1({ password: 'p', serverChallenge: challenge });
    expect(challenge).toEqual(new Uint8Array(8).fill(7));
  });
});

/**
 * MS-CHAPv2 (RFC 2759), the peer's NT-Response and the authenticator's "S=" response, for PPP,
 * PEAP and VPN servers and clients that still use it:
 *
 *   ChallengeHash        = SHA-1(PeerChallenge ‖ AuthenticatorChallenge ‖ UserName)[0..7]   §8.2
 *   PasswordHash         = MD4(UTF-16LE(Password))                                            §8.3
 *   NT-Response          = DESL(PasswordHash, ChallengeHash)                                  §8.1, §8.5
 *   PasswordHashHash     = MD4(PasswordHash)                                                  §8.7
 *   Digest               = SHA-1(SHA-1(PasswordHashHash ‖ NT-Response ‖ Magic1) ‖ ChallengeHash ‖ Magic2)
 *   AuthenticatorResponse = "S=" ‖ 40 upper-case hex digits of Digest                         §8.7
 *
 * The password is UTF-16LE of the JavaScript string; the user name is its UTF-8 bytes, exactly
 * as given (RFC 2759 hashes the user name without any "DOMAIN\" prefix: strip one first).
 */
import { sha1 } from '../noble.js';
import { bytesToHex, utf8ToBytes } from '../api.js';
import { concatBytes, wipe } from '../bytes.js';
import { desl } from './desl.js';
import { bytesOf, fields } from './input.js';
import { text } from '../subpath/fields.js';
import { ntowfv1 } from './ntlm.js';
import { md4 } from './md4.js';

/** RFC 2759 §8.7 Magic1 and Magic2, which are these ASCII texts. */
const MAGIC1 = utf8ToBytes('Magic server to client signing constant');
const MAGIC2 = utf8ToBytes('Pad to make it do more than one iteration');

export interface MsChapV2Params {
  /** The user name as sent, without a domain prefix; hashed as UTF-8. */
  username: string;
  /** The password; hashed as UTF-16LE. */
  password: string;
  /** The authenticator's 16-byte challenge. */
  authenticatorChallenge: Uint8Array;
  /** The peer's 16-byte challenge. */
  peerChallenge: Uint8Array;
}
export interface MsChapV2AuthenticatorParams extends MsChapV2Params {
  /** The peer's 24-byte NT-Response. */
  ntResponse: Uint8Array;
}

/** ChallengeHash (RFC 2759 §8.2): the 8-byte challenge the NT-Response answers. */
export function challengeHash(peerChallenge: Uint8Array, authenticatorChallenge: Uint8Array, username: string): Uint8Array {
  return sha1(concatBytes([peerChallenge, authenticatorChallenge, utf8ToBytes(username)])).subarray(0, 8);
}

/** NtPasswordHash (§8.3) = NTOWFv1. */
export const passwordHash = ntowfv1;

/** HashNtPasswordHash (§8.4): MD4 of the password hash. */
export function passwordHashHash(password: string): Uint8Array {
  const hash = passwordHash(password);
  try {
    return md4(hash);
  } finally {
    wipe(hash);
  }
}

const NT_FIELDS = ['username', 'password', 'authenticatorChallenge', 'peerChallenge'] as const;

function readParams(params: unknown, names: readonly string[], where: string) {
  const p = fields(params, names, where);
  return {
    username: text(p.username, 'username', 'ERR_LEGACY_INPUT'),
    password: text(p.password, 'password', 'ERR_LEGACY_INPUT'),
    authenticatorChallenge: bytesOf(p.authenticatorChallenge, 'authenticatorChallenge', 16),
    peerChallenge: bytesOf(p.peerChallenge, 'peerChallenge', 16),
    p,
  };
}

/** GenerateNTResponse (RFC 2759 §8.1): the peer's 24-byte NT-Response. */
function ntResponse(params: MsChapV2Params): Uint8Array {
  const { username, password, authenticatorChallenge, peerChallenge } = readParams(params, NT_FIELDS, 'mschapv2.ntResponse');
  const challenge = challengeHash(peerChallenge, authenticatorChallenge, username);
  const hash = passwordHash(password);
  try {
    return desl(hash, challenge);
  } finally {
    wipe(hash);
  }
}

/** GenerateAuthenticatorResponse (RFC 2759 §8.7): "S=" and 40 upper-case hex digits. */
function authenticatorResponse(params: MsChapV2AuthenticatorParams): string {
  const { username, password, authenticatorChallenge, peerChallenge, p } =
    readParams(params, [...NT_FIELDS, 'ntResponse'], 'mschapv2.authenticatorResponse');
  const response = bytesOf(p.ntResponse, 'ntResponse', 24);
  const hashHash = passwordHashHash(password);
  const first = concatBytes([hashHash, response, MAGIC1]);
  const inner = sha1(first);
  const second = concatBytes([inner, challengeHash(peerChallenge, authenticatorChallenge, username), MAGIC2]);
  try {
    return `S=${bytesToHex(sha1(second)).toUpperCase()}`;
  } finally {
    wipe(hashHash, first, inner, second);
  }
}

/** MS-CHAPv2 (RFC 2759). */
export const mschapv2 = { ntResponse, authenticatorResponse };

/**
 * NTLMv1 challenge responses (MS-NLMP §3.3.1), for talking to and migrating from servers that
 * still ask for them:
 *
 *   NTOWFv1(password)   = MD4(UTF-16LE(password))
 *   ntResponse          = DESL(NTOWFv1, ServerChallenge)
 *   lmResponse          = DESL(LMOWFv1, ServerChallenge)    (null where no LM hash exists: lm.ts)
 *
 * With NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY ("NTLM2 session response", v1ess):
 *
 *   ntResponse          = DESL(NTOWFv1, MD5(ServerChallenge ‖ ClientChallenge)[0..7])
 *   lmResponse          = ClientChallenge ‖ Z(16)
 *
 * The password is the JavaScript string as UTF-16LE code units, as Windows hashes it.
 */
import { md5 } from '../noble.js';
import { wipe } from '../bytes.js';
import { desl } from './desl.js';
import { bytesOf, fields, utf16le } from './input.js';
import { text } from '../subpath/fields.js';
import { lmowfv1, lmPasswordBytes } from './lm.js';
import { md4 } from './md4.js';

export interface NtlmV1Params {
  /** The account password (any string; hashed as UTF-16LE). */
  password: string;
  /** The 8-byte ServerChallenge of the CHALLENGE_MESSAGE. */
  serverChallenge: Uint8Array;
}
export interface NtlmV1EssParams extends NtlmV1Params {
  /** The client's 8-byte random ClientChallenge. */
  clientChallenge: Uint8Array;
}
export interface NtlmV1Responses {
  /** NtChallengeResponse, 24 bytes. */
  ntResponse: Uint8Array;
  /** LmChallengeResponse, 24 bytes; null for a password with no LM hash (over 14 characters or not printable ASCII). */
  lmResponse: Uint8Array | null;
}
export interface NtlmV1EssResponses {
  /** NtChallengeResponse, 24 bytes. */
  ntResponse: Uint8Array;
  /** LmChallengeResponse: ClientChallenge ‖ 16 zero bytes. */
  lmResponse: Uint8Array;
}

/** NTOWFv1 (MS-NLMP §3.3.1): MD4 of the UTF-16LE password. */
export function ntowfv1(password: string): Uint8Array {
  const unicode = utf16le(password);
  try {
    return md4(unicode);
  } finally {
    wipe(unicode);
  }
}

/** NTLMv1 responses to a server challenge. */
function v1(params: NtlmV1Params): NtlmV1Responses {
  const p = fields(params, ['password', 'serverChallenge'], 'ntlm.v1');
  const password = text(p.password, 'password', 'ERR_LEGACY_INPUT');
  const serverChallenge = bytesOf(p.serverChallenge, 'serverChallenge', 8);
  const ntHash = ntowfv1(password);
  const lmPassword = lmPasswordBytes(password);
  const lmHash = lmPassword && lmowfv1(lmPassword);
  try {
    return {
      ntResponse: desl(ntHash, serverChallenge),
      lmResponse: lmHash && desl(lmHash, serverChallenge),
    };
  } finally {
    wipe(ntHash, lmPassword ?? undefined, lmHash ?? undefined);
  }
}

/** NTLMv1 responses with extended session security (the "NTLM2 session response"). */
function v1ess(params: NtlmV1EssParams): NtlmV1EssResponses {
  const p = fields(params, ['password', 'serverChallenge', 'clientChallenge'], 'ntlm.v1ess');
  const password = text(p.password, 'password', 'ERR_LEGACY_INPUT');
  const serverChallenge = bytesOf(p.serverChallenge, 'serverChallenge', 8);
  const clientChallenge = bytesOf(p.clientChallenge, 'clientChallenge', 8);
  const both = new Uint8Array(16);
  both.set(serverChallenge, 0);
  both.set(clientChallenge, 8);
  const challenge = md5(both).subarray(0, 8);
  const ntHash = ntowfv1(password);
  try {
    const lmResponse = new Uint8Array(24);                   // ClientChallenge ‖ Z(16)
    lmResponse.set(clientChallenge);
    return { ntResponse: desl(ntHash, challenge), lmResponse };
  } finally {
    wipe(ntHash);
  }
}

/** NTLMv1 (MS-NLMP §3.3.1). */
export const ntlm = { v1, v1ess };

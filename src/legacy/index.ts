/**
 * des-wasm/legacy: the DES inside old protocols and formats — NTLMv1 and MS-CHAPv2 responses, VNC
 * authentication, Kerberos DES string-to-key and crypt(3) verification — for talking to and
 * migrating from old systems. Nothing here makes new password hashes. Built on des-wasm's public API.
 */
export { ntlm } from './ntlm.js';
export type { NtlmV1Params, NtlmV1EssParams, NtlmV1Responses, NtlmV1EssResponses } from './ntlm.js';
export { mschapv2 } from './mschapv2.js';
export type { MsChapV2Params, MsChapV2AuthenticatorParams } from './mschapv2.js';
export { vnc } from './vnc.js';
export { kerberos } from './kerberos.js';
export { crypt } from './crypt.js';

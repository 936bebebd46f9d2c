/**
 * des-wasm/legacy: the DES inside old protocols and formats — NTLMv1 and MS-CHAPv2 responses, VNC
 * authentication, Kerberos DES string-to-key and crypt(3) verification — for talking to and
 * migrating from old systems. Nothing here makes new password hashes. Built on des-wasm's public API.
 */
export {};

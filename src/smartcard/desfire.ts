/**
 * MIFARE DESFire (EV1) with DES and Triple-DES keys, the reader's (PCD's) side:
 *
 *   Keys      8 bytes single DES, 16 bytes 2K3DES (K1 ‖ K2), 24 bytes 3K3DES. The card treats a
 *             16-byte key whose halves are identical, parity bits included, as single DES.
 *   Version   a DES / TDES key carries its key version in the parity bits (the least significant
 *             bit) of bytes 0–7, version bit 7 in byte 0; a 2K3DES key carries ~version in bytes
 *             8–15, so that setting a version never makes the halves equal.     setKeyVersion
 *   AN10922   NXP's key diversification (§2.4 2K3DES, §2.5 3K3DES): TDES-CMAC under the master key
 *             of (21 | 22, or 31 | 32 | 33) ‖ M, M the 1…15-byte diversification input, the input
 *             padded to two blocks (80 00…, K2) unless it fills them (K1).       diversify
 *   Authenticate (0x1A, ISO)    CBC throughout, the IV carried from message to message:
 *               card  E(K, IV 0, RndB)
 *               PCD   E(K, IV = last block received, RndA ‖ rotl(RndB))
 *               card  E(K, IV = last block sent, rotl(RndA))
 *   Authenticate (0x0A, legacy) DES / 2K3DES only; the PCD only ever deciphers ("send mode"
 *             chains D over the plaintext, IV 0 for every message):
 *               card  E(K, RndB)
 *               PCD   B1 = D(K, RndA), B2 = D(K, rotl(RndB) ⊕ B1)
 *               card  E(K, rotl(RndA))                                          authenticate
 *   Session key  RndA[0..3] ‖ RndB[0..3], twice for DES; then RndA[4..7] ‖ RndB[4..7] for
 *             2K3DES; RndA[6..9] ‖ RndB[6..9] ‖ RndA[12..15] ‖ RndB[12..15] for 3K3DES.
 *
 * Sources: libfreefare (mifare_desfire_key.c, mifare_desfire_crypto.c, mifare_key_deriver.c),
 * NXP AN10922 as libfreefare cites it, and the recorded exchanges in the shared vectors.
 * AES keys, EV2 secure messaging and the CMAC / CRC of later commands are out of scope.
 */
import { cbcMac, cmac } from '../api.js';
import { asBytes, copyBytes, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { cbc, ecb, lastBlock, xor } from '../subpath/blocks.js';
import { bytesField, bytesInRange, oneOf } from '../subpath/fields.js';

const CODE = 'ERR_DESFIRE_INPUT';
const ZERO_IV = new Uint8Array(8);

/** True when the card handles this key as single DES: 8 bytes, or 16 with identical halves. */
function actsAsDes(key: Uint8Array): boolean {
  if (key.length === 8) return true;
  if (key.length !== 16) return false;
  for (let i = 0; i < 8; i++) if (key[i] !== key[i + 8]) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Key version in the parity bits

/** `key` with `version` in the least significant bits of bytes 0–7 (and ~version in bytes 8–15 of a 2K3DES key). */
export function setKeyVersion(key: Uint8Array, version: number): Uint8Array {
  const k = bytesField(key, 'key', [8, 16, 24], CODE);
  if (!Number.isInteger(version) || version < 0 || version > 255) {
    throw fail(CODE, `version: expected an integer from 0 to 255, got ${typeof version === 'number' ? version : typeof version}`);
  }
  const out = copyBytes(k);
  for (let n = 0; n < 8; n++) {
    const bit = (version >> (7 - n)) & 1;
    out[n] = (out[n] & 0xfe) | bit;
    if (out.length === 16) out[n + 8] = (out[n + 8] & 0xfe) | (bit ^ 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// AN10922 diversification

/**
 * CMAC's subkey K2 (SP 800-38B §6.1) from the public cmac(): for the empty message the only block
 * is 10^63 ⊕ K2 and T = E_K(10^63 ⊕ K2) (§6.2), so K2 = D_K(T) ⊕ 10^63.
 */
function cmacSubkey2(key: Uint8Array): Uint8Array {
  const t = cmac(key, new Uint8Array(0));
  const k2 = ecb(key, 'decrypt', t);
  k2[0] ^= 0x80;
  wipe(t);
  return k2;
}

/**
 * AN10922's CMAC of D = constant ‖ M (2…16 bytes): D padded to two blocks. A full D is an ordinary
 * CMAC (K1); a shorter one is padded 80 00… to 16 bytes, the second block XORed with K2, and
 * CBC-MACed: the same as SP 800-38B's CMAC when D is longer than one block, not when it is shorter.
 */
function an10922Mac(key: Uint8Array, d: Uint8Array): Uint8Array {
  if (d.length === 16) return cmac(key, d);
  const padded = new Uint8Array(16);
  padded.set(d);
  padded[d.length] = 0x80;
  const k2 = cmacSubkey2(key);
  for (let i = 0; i < 8; i++) padded[8 + i] ^= k2[i];
  try {
    return cbcMac(key, padded, { padding: 1 });
  } finally {
    wipe(k2, padded);
  }
}

/**
 * NXP AN10922 diversification of a 2K3DES (16-byte) or 3K3DES (24-byte) master key with a 1…15-byte
 * input M (typically UID ‖ AID ‖ system identifier). Raw output, of the master key's length: put a
 * key version in with setKeyVersion (libfreefare gives the derived key the master key's version).
 */
export function diversify(masterKey: Uint8Array, input: Uint8Array): Uint8Array {
  const master = bytesField(masterKey, 'masterKey', [16, 24], CODE);
  const m = bytesInRange(input, 'input', 1, 15, CODE);
  const constants = master.length === 16 ? [0x21, 0x22] : [0x31, 0x32, 0x33];
  const out = new Uint8Array(master.length);
  const d = new Uint8Array(1 + m.length);
  d.set(m, 1);
  constants.forEach((constant, i) => {
    d[0] = constant;
    const part = an10922Mac(master, d);
    out.set(part, 8 * i);
    wipe(part);
  });
  wipe(d);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Authentication

export type AuthenticateCommand = 'iso' | 'legacy';

export interface AuthenticateOptions {
  /** The reader's random number: 8 bytes (DES, 2K3DES) or 16 (3K3DES). */
  rndA: Uint8Array;
  /** The card's first answer, E(K, RndB): 8 or 16 bytes as rndA. */
  encRndB: Uint8Array;
  /** 'iso' (0x1A) or 'legacy' (0x0A, DES and 2K3DES only). */
  command: AuthenticateCommand;
}

export interface AuthenticateResult {
  /** What the reader sends (the data of the 0xAF frame): 16 or 32 bytes. */
  hostResponse: Uint8Array;
  /** What the card must answer if it holds the key: E(K, rotl(RndA)) as the card sends it. */
  expectedCardFinal: Uint8Array;
  /** The session key: 16 bytes for DES (K ‖ K) and 2K3DES, 24 for 3K3DES. */
  sessionKey: Uint8Array;
}

function rotateLeft(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  out.set(bytes.subarray(1));
  out[bytes.length - 1] = bytes[0];
  return out;
}

function sessionKeyFrom(key: Uint8Array, a: Uint8Array, b: Uint8Array): Uint8Array {
  const pick = (offset: number) => [a.subarray(offset, offset + 4), b.subarray(offset, offset + 4)];
  const parts = actsAsDes(key) ? [...pick(0), ...pick(0)]
    : key.length === 16 ? [...pick(0), ...pick(4)]
    : [...pick(0), ...pick(6), ...pick(12)];
  const out = new Uint8Array(4 * parts.length);
  parts.forEach((p, i) => out.set(p, 4 * i));
  return out;
}

/** "Send mode" of the legacy scheme: each block XORed with the previous output, then deciphered. */
function decipherChained(key: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let previous: Uint8Array = ZERO_IV;
  for (let at = 0; at < data.length; at += 8) {
    const input = xor(data.subarray(at, at + 8), previous);
    const block = ecb(key, 'decrypt', input);
    wipe(input);
    out.set(block, at);
    previous = block;
  }
  return out;
}

/**
 * The reader's side of DESFire authentication from its RndA and the card's encrypted RndB: the
 * message to send, the card's expected final answer (compare with equalBytes) and the session key.
 */
export function authenticate(key: Uint8Array, options: AuthenticateOptions): AuthenticateResult {
  const k = bytesField(key, 'key', [8, 16, 24], CODE);
  const o = readOptions(options, { rndA: 'any', encRndB: 'any', command: 'any' }, 'options');
  const command = oneOf<AuthenticateCommand>(o.command, 'command', ['iso', 'legacy'], CODE, (v) => `'${v}'`);
  const size = k.length === 24 ? 16 : 8;
  const kind = k.length === 8 ? 'a DES' : k.length === 16 ? 'a 2K3DES' : 'a 3K3DES';
  const rndA = asBytes(o.rndA, 'rndA');
  if (rndA.length !== size) throw fail(CODE, `rndA: expected ${size} bytes for ${kind} key, got ${rndA.length}`);
  const encRndB = asBytes(o.encRndB, 'encRndB');
  if (encRndB.length !== size) throw fail(CODE, `encRndB: expected ${size} bytes for ${kind} key, got ${encRndB.length}`);
  if (command === 'legacy' && k.length === 24) {
    throw fail(CODE, "command: 'legacy' (0x0A) authenticates DES and 2K3DES keys only; use 'iso' for 3K3DES");
  }

  const rndB = command === 'iso' ? cbc(k, ZERO_IV, 'decrypt', encRndB) : ecb(k, 'decrypt', encRndB);
  const rotB = rotateLeft(rndB);
  const rotA = rotateLeft(rndA);
  const token = new Uint8Array(2 * size);
  token.set(rndA);
  token.set(rotB, size);
  try {
    if (command === 'iso') {
      const hostResponse = cbc(k, lastBlock(encRndB), 'encrypt', token);
      const expectedCardFinal = cbc(k, lastBlock(hostResponse), 'encrypt', rotA);
      return { hostResponse, expectedCardFinal, sessionKey: sessionKeyFrom(k, rndA, rndB) };
    }
    return { hostResponse: decipherChained(k, token), expectedCardFinal: ecb(k, 'encrypt', rotA), sessionKey: sessionKeyFrom(k, rndA, rndB) };
  } finally {
    wipe(rndB, rotB, rotA, token);
  }
}

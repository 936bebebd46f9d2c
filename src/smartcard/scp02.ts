/**
 * GlobalPlatform Secure Channel Protocol '02' (GP Card Specification 2.2, Appendix E), the host's
 * side, with two-key Triple-DES (16-byte keys):
 *
 *   1. INITIALIZE UPDATE (E.5.1): the card answers KDD(10) ‖ key information(2) ‖ sequence
 *      counter(2) ‖ card challenge(6) ‖ card cryptogram(8)                    parseInitializeUpdate
 *   2. Session keys (E.4.1): TDES-CBC, zero IV, of constant ‖ counter ‖ 00×12 under each static
 *      key; C-MAC 0101, R-MAC 0102 (both from the MAC key), DEK 0181, ENC 0182    sessionKeys
 *   3. Cryptograms (E.4.2): the full Triple-DES MAC (ISO/IEC 9797-1 MAC algorithm 1, padding
 *      method 2) under S-ENC; card: host challenge ‖ counter ‖ card challenge, host: counter ‖
 *      card challenge ‖ host challenge                                            session
 *   4. C-MAC (E.4.4): ISO/IEC 9797-1 MAC algorithm 3 (retail MAC, padding method 2) under S-MAC
 *      over the modified header (CLA | 04, Lc + 8) and the data; the ICV is zero for EXTERNAL
 *      AUTHENTICATE and then the previous C-MAC, DES-encrypted under S-MAC's left half when the
 *      "i" parameter asks for ICV encryption (i = 15, 1A, 55 …)                   session().wrap
 *   5. C-DECRYPTION (E.4.5), security level 03: the data field, padded 80 00…, TDES-CBC under
 *      S-ENC with a zero IV, after the C-MAC was computed over the plain data   session().wrap
 *
 * And card key diversification (not in GP: the EMV CPS and VISA2 templates that GlobalPlatformPro
 * names), TDES-ECB under the master key of 16 bytes built from the KDD: diversify.
 *
 * R-MAC (security levels 11, 13) and SCP02's implicit initiation are out of scope.
 */
import { cbcMac, equalBytes, retailMac } from '../api.js';
import { asBytes, copyBytes, wipe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';
import { parseCommandApdu } from './apdu.js';
import { cbc, ecb, xor } from '../subpath/blocks.js';
import { bytesField, oneOf } from '../subpath/fields.js';

const CODE = 'ERR_SCP02_INPUT';
const ZERO_IV = new Uint8Array(8);

/** The three static keys of a key set (each 16 bytes, two-key TDES). */
export interface StaticKeys {
  enc: Uint8Array;
  mac: Uint8Array;
  dek: Uint8Array;
}

/** The session keys (16 bytes each). */
export interface SessionKeys {
  enc: Uint8Array;
  cmac: Uint8Array;
  rmac: Uint8Array;
  dek: Uint8Array;
}

export interface InitializeUpdateResponse {
  keyDiversificationData: Uint8Array;
  /** Key version number, then the SCP identifier (02). */
  keyInformation: Uint8Array;
  sequenceCounter: Uint8Array;
  /** The card challenge proper: 6 bytes (the counter before it is returned on its own). */
  cardChallenge: Uint8Array;
  cardCryptogram: Uint8Array;
}

/** 0x00 no secure messaging after EXTERNAL AUTHENTICATE, 0x01 C-MAC, 0x03 C-MAC and C-DECRYPTION. */
export type SecurityLevel = 0x00 | 0x01 | 0x03;
const SECURITY_LEVELS: readonly SecurityLevel[] = [0x00, 0x01, 0x03];

export interface SessionOptions {
  keys: StaticKeys;
  sequenceCounter: Uint8Array;
  hostChallenge: Uint8Array;
  cardChallenge: Uint8Array;
  /** 0x00, 0x01 or 0x03 (SecurityLevel); typed as a number, as it comes from a card profile or a script. */
  securityLevel: number;
  /** GP's "ICV encryption for C-MAC session" (i = 15, 1A, 55 …). */
  icvEncryption: boolean;
}

export interface Session {
  /** Copies of the session keys, yours to keep or wipe. */
  sessionKeys: SessionKeys;
  cardCryptogram: Uint8Array;
  hostCryptogram: Uint8Array;
  /** True when `received` (8 bytes) is the card cryptogram; compared in constant time. */
  verifyCardCryptogram(received: Uint8Array): boolean;
  /** EXTERNAL AUTHENTICATE (84 82 level 00 10 host cryptogram ‖ C-MAC): the first command, once. */
  externalAuthenticate(): Uint8Array;
  /** The next command, C-MAC'd (and at level 03 its data encrypted); after externalAuthenticate(). */
  wrap(apdu: Uint8Array): Uint8Array;
  /** Wipe the session's own copies of the keys and the MAC chain; the session cannot be used afterwards. */
  destroy(): void;
}

function readStaticKeys(value: unknown, name: string): StaticKeys {
  const keys = readOptions(value, { enc: 'any', mac: 'any', dek: 'any' }, name);
  return {
    enc: bytesField(keys.enc, `${name}.enc`, [16], CODE),
    mac: bytesField(keys.mac, `${name}.mac`, [16], CODE),
    dek: bytesField(keys.dek, `${name}.dek`, [16], CODE),
  };
}

/** E.4.1: one session key, TDES-CBC with a zero IV of constant ‖ counter ‖ 00×12. */
function deriveSessionKey(staticKey: Uint8Array, constant: number, counter: Uint8Array): Uint8Array {
  const block = new Uint8Array(16);
  block[0] = constant >> 8;
  block[1] = constant & 0xff;
  block.set(counter, 2);
  return cbc(staticKey, ZERO_IV, 'encrypt', block);
}

function deriveAll(keys: StaticKeys, counter: Uint8Array): SessionKeys {
  return {
    enc: deriveSessionKey(keys.enc, 0x0182, counter),
    cmac: deriveSessionKey(keys.mac, 0x0101, counter),
    rmac: deriveSessionKey(keys.mac, 0x0102, counter),
    dek: deriveSessionKey(keys.dek, 0x0181, counter),
  };
}

/** The SCP02 session keys from the static keys and the card's 2-byte sequence counter. */
export function sessionKeys(keys: StaticKeys, sequenceCounter: Uint8Array): SessionKeys {
  const statics = readStaticKeys(keys, 'keys');
  const counter = bytesField(sequenceCounter, 'sequenceCounter', [2], CODE);
  return deriveAll(statics, counter);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** E.4.2: a cryptogram, the full TDES MAC with padding method 2 under S-ENC. */
function cryptogram(sEnc: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  return cbcMac(sEnc, concat(...parts), { padding: 2 });
}

/**
 * E.4.4: the retail MAC of `message` (padding method 2) with an initial chaining value. CBC's
 * first step is e_K(ICV ⊕ D_1), so the ICV is folded into the first padded block and the MAC
 * runs from a zero ICV, as retailMac does; the padding is applied here (method 1 then adds none).
 */
function cMac(sMac: Uint8Array, icv: Uint8Array, message: Uint8Array): Uint8Array {
  const padded = new Uint8Array((message.length + 8) & ~7);
  padded.set(message);
  padded[message.length] = 0x80;
  for (let i = 0; i < 8; i++) padded[i] ^= icv[i];
  try {
    return retailMac(sMac, padded, { padding: 1 });
  } finally {
    wipe(padded);
  }
}

/**
 * The longest data field each level can wrap into a short APDU, whose Lc is at most 255: level 01
 * adds the 8-byte C-MAC (247); level 03 also pads to a multiple of 8 with at least one byte
 * (padded ≤ 247 − 7 = 240, so 239).
 */
const MAX_DATA: Record<SecurityLevel, number> = { 0x00: 255, 0x01: 247, 0x03: 239 };

/** An SCP02 session: cryptograms, EXTERNAL AUTHENTICATE and the C-MAC chain for the commands after it. */
export function session(options: SessionOptions): Session {
  const o = readOptions(options, {
    keys: 'any', sequenceCounter: 'any', hostChallenge: 'any', cardChallenge: 'any', securityLevel: 'any', icvEncryption: 'boolean',
  }, 'options');
  const statics = readStaticKeys(o.keys, 'keys');
  const counter = copyBytes(bytesField(o.sequenceCounter, 'sequenceCounter', [2], CODE));
  const hostChallenge = copyBytes(bytesField(o.hostChallenge, 'hostChallenge', [8], CODE));
  const cardChallenge = copyBytes(bytesField(o.cardChallenge, 'cardChallenge', [6], CODE));
  const level = oneOf<SecurityLevel>(o.securityLevel, 'securityLevel', SECURITY_LEVELS, CODE,
    (v) => `0x${v.toString(16).padStart(2, '0')}`);
  if (typeof o.icvEncryption !== 'boolean') {
    throw fail(CODE, `icvEncryption: expected true or false, got ${o.icvEncryption === undefined ? 'undefined' : typeof o.icvEncryption}`);
  }
  const icvEncryption = o.icvEncryption;

  const keys = deriveAll(statics, counter);
  const cardCryptogram = cryptogram(keys.enc, hostChallenge, counter, cardChallenge);
  const hostCryptogram = cryptogram(keys.enc, counter, cardChallenge, hostChallenge);
  /** The last C-MAC, or null before EXTERNAL AUTHENTICATE. */
  let chain: Uint8Array | null = null;
  let destroyed = false;

  const live = (call: string) => {
    if (destroyed) throw fail('ERR_CRYPTO_INVALID_STATE', `${call}: this session was destroyed`);
  };

  /** E.4.4 (and E.4.5 when `encrypt`): wrap a checked command, advancing the chain. */
  const protect = (header: Uint8Array, data: Uint8Array, le: number | null, encrypt: boolean): Uint8Array => {
    // The ICV: zero for the first command, then the last C-MAC (E.4.4), encrypted if asked.
    const icv = chain === null ? new Uint8Array(8) : icvEncryption ? ecb(keys.cmac.subarray(0, 8), 'encrypt', chain) : copyBytes(chain);
    const cla = header[0] | 0x04;
    const macInput = concat(Uint8Array.of(cla, header[1], header[2], header[3], data.length + 8), data);
    const mac = cMac(keys.cmac, icv, macInput);
    wipe(icv, macInput);
    let body = data;
    if (encrypt && data.length > 0) {
      // E.4.5: padding 80 00… always added, then TDES-CBC under S-ENC from a zero IV.
      const padded = new Uint8Array((data.length + 8) & ~7);
      padded.set(data);
      padded[data.length] = 0x80;
      body = cbc(keys.enc, ZERO_IV, 'encrypt', padded);
      wipe(padded);
    }
    const out = concat(Uint8Array.of(cla, header[1], header[2], header[3], body.length + 8), body, mac,
      le === null ? new Uint8Array(0) : Uint8Array.of(le));
    if (body !== data) wipe(body);
    if (chain) wipe(chain);
    chain = mac;
    return out;
  };

  return {
    sessionKeys: { enc: copyBytes(keys.enc), cmac: copyBytes(keys.cmac), rmac: copyBytes(keys.rmac), dek: copyBytes(keys.dek) },
    cardCryptogram: copyBytes(cardCryptogram),
    hostCryptogram: copyBytes(hostCryptogram),
    verifyCardCryptogram(received: Uint8Array): boolean {
      return equalBytes(cardCryptogram, bytesField(received, 'received', [8], CODE));
    },
    externalAuthenticate(): Uint8Array {
      live('externalAuthenticate');
      if (chain !== null) throw fail('ERR_CRYPTO_INVALID_STATE', 'externalAuthenticate: already called: it opens the session, once');
      // E.5.2: CLA 80, INS 82, P1 the security level, P2 00, the host cryptogram; C-MAC only.
      return protect(Uint8Array.of(0x80, 0x82, level, 0x00), hostCryptogram, null, false);
    },
    wrap(apduIn: Uint8Array): Uint8Array {
      live('wrap');
      const apdu = asBytes(apduIn, 'apdu');
      if (chain === null) throw fail('ERR_CRYPTO_INVALID_STATE', 'wrap: call externalAuthenticate() first: its C-MAC starts the chain');
      const { header, data, le } = parseCommandApdu(apdu, 'apdu', CODE);
      if (level === 0x00) return copyBytes(apdu);
      if (data.length > MAX_DATA[level]) {
        throw fail(CODE, `apdu: a data field of ${data.length} bytes does not fit a short APDU once wrapped at security level 0x0${level} (at most ${MAX_DATA[level]})`);
      }
      return protect(header, data, le, level === 0x03);
    },
    destroy(): void {
      destroyed = true;
      wipe(keys.enc, keys.cmac, keys.rmac, keys.dek, cardCryptogram, hostCryptogram, chain ?? undefined);
    },
  };
}

/**
 * E.5.1: the INITIALIZE UPDATE response, 28 bytes of data, or 30 with the status word, which must
 * then be 90 00. The SCP identifier in the key information must be 02.
 */
export function parseInitializeUpdate(response: Uint8Array): InitializeUpdateResponse {
  const r = bytesField(response, 'response', [28, 30], CODE);
  if (r.length === 30 && (r[28] !== 0x90 || r[29] !== 0x00)) {
    const sw = ((r[28] << 8) | r[29]).toString(16).toUpperCase().padStart(4, '0');
    throw fail(CODE, `response: status word ${sw} is not 9000 (the card refused INITIALIZE UPDATE)`);
  }
  if (r[11] !== 0x02) {
    throw fail(CODE, `response: the key information names SCP ${r[11].toString(16).toUpperCase().padStart(2, '0')}, not SCP 02`);
  }
  return {
    keyDiversificationData: r.slice(0, 10),
    keyInformation: r.slice(10, 12),
    sequenceCounter: r.slice(12, 14),
    cardChallenge: r.slice(14, 20),
    cardCryptogram: r.slice(20, 28),
  };
}

export type DiversificationMethod = 'emv' | 'visa2';

/**
 * The card's static keys from a master key and the KDD of its INITIALIZE UPDATE response: TDES-ECB
 * under the master key of 16 bytes built from the KDD and a constant per key (c = 1 ENC, 2 MAC,
 * 3 DEK). The output is raw (parity bits as the cipher left them; DES ignores them).
 *   emv   (EMV CPS):  KDD[4..9] ‖ F0 ‖ c ‖ KDD[4..9] ‖ 0F ‖ c
 *   visa2 (VISA2):    KDD[0..1] ‖ KDD[4..7] ‖ F0 ‖ c ‖ KDD[0..1] ‖ KDD[4..7] ‖ 0F ‖ c
 */
export function diversify(masterKey: Uint8Array, keyDiversificationData: Uint8Array,
  options: { method: DiversificationMethod }): StaticKeys {
  const master = bytesField(masterKey, 'masterKey', [16], CODE);
  const kdd = bytesField(keyDiversificationData, 'keyDiversificationData', [10], CODE);
  const o = readOptions(options, { method: 'any' }, 'options');
  const method = oneOf<DiversificationMethod>(o.method, 'method', ['emv', 'visa2'], CODE, (v) => `'${v}'`);
  const six = method === 'emv' ? kdd.subarray(4, 10) : concat(kdd.subarray(0, 2), kdd.subarray(4, 8));
  const derive = (c: number) => {
    const block = concat(six, Uint8Array.of(0xf0, c), six, Uint8Array.of(0x0f, c));
    return ecb(master, 'encrypt', block);
  };
  return { enc: derive(1), mac: derive(2), dek: derive(3) };
}

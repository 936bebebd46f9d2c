/**
 * The public API both entries share: the portable entry (./index.ts) and the Node entry
 * (./node.ts) each re-export it and add what is theirs (a hash provider; Node's stream ciphers).
 */
export { des, tdes, desx } from './oneshot.js';
export type {
  Cipher, Family, BlockModeOptions, CbcOptions, CfbOptions, CfbSegment, OfbOptions, CtrOptions, StreamModeOptions, KeyOptions, EcbMode, CbcMode, CtrMode, BatchItem,
} from './oneshot.js';
export { createCipheriv, createDecipheriv, getCiphers, getCipherInfo, Cipheriv, Decipheriv } from './cipheriv.js';
export type { CipherInfo } from './registry.js';
export type { BinaryLike, CipherivOptions, KeyLike } from './cipheriv.js';
export { generateKey, fixParity, hasOddParity, checkKey, kcv } from './keys.js';
export type { KeyKind, KeyReport } from './keys.js';
export { wrapKey, unwrapKey } from './keywrap.js';
export { cbcMac, retailMac, cmac, verifyCbcMac, verifyRetailMac, verifyCmac } from './mac/index.js';
export type { Mac, MacFunction, VerifyFunction, IsoMacOptions, CmacOptions, StreamOptions, IsoPadding, MacLength } from './mac/index.js';
export { PADDINGS } from './padding.js';
export type { Padding } from './padding.js';
export { bytesToHex, hexToBytes, utf8ToBytes, bytesToUtf8, equalBytes } from './bytes.js';
export { openssl } from './openssl.js';
export type { OpensslEncryptOptions, OpensslDecryptOptions, OpensslKdf, OpensslDigest } from './openssl.js';
export { DesError } from './errors.js';
export type { DesErrorCode } from './errors.js';
export { trace } from './reference.js';
export type { Trace, RoundTrace, Bits } from './reference.js';
export { ready, engineInfo } from './engine/index.js';

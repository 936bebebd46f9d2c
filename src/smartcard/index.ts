/**
 * des-wasm/smartcard: GlobalPlatform SCP02 secure channels and MIFARE DESFire (EV1) DES / TDES
 * authentication and key diversification. Built on des-wasm's public API.
 *
 *   scp02.sessionKeys  scp02.session  scp02.parseInitializeUpdate  scp02.diversify
 *   desfire.diversify  desfire.setKeyVersion  desfire.authenticate
 */
export * as scp02 from './scp02.js';
export * as desfire from './desfire.js';
export type { StaticKeys, SessionKeys, Session, SessionOptions, SecurityLevel, InitializeUpdateResponse, DiversificationMethod } from './scp02.js';
export type { AuthenticateOptions, AuthenticateResult, AuthenticateCommand } from './desfire.js';

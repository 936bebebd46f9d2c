/**
 * des-wasm/payments: the work Triple-DES does in payment terminals and hosts — ISO 9564 PIN
 * blocks, TDES DUKPT (ANSI X9.24-1:2009), TR-31 / X9.143 key blocks, EMV issuer cryptograms and
 * card verification values. Built on des-wasm's public API.
 *
 * For test hosts, simulators, validation and migration tooling: PCI PIN security needs an HSM.
 */
export { pinBlock } from './pin-block.js';
export type { PinBlockFormat, PinBlockFields, DecodedPinBlock, TranslateOptions } from './pin-block.js';
export { dukpt } from './dukpt.js';
export type {
  DukptSource, DukptUsage, DukptDirection, DeriveKeyOptions, DukptMacOptions, DukptDataOptions, ParsedKsn,
} from './dukpt.js';
export { tr31 } from './tr31.js';
export type { Tr31Header, Tr31WrapOptions } from './tr31.js';
export { emv } from './emv.js';
export type { MasterKeyOptions, ArqcOptions, ArpcOptions } from './emv.js';
export { cardValues } from './card-values.js';
export type { CvvOptions, PvvOptions, Ibm3624Options } from './card-values.js';

/**
 * Every error des-wasm throws is a DesError with a stable `code` and an exact message. Where
 * node:crypto has a code for the same failure, the code is Node's, so code written against
 * node:crypto keeps working.
 */
export type DesErrorCode =
  | 'ERR_INVALID_ARG_TYPE'                // input is not bytes (or a string where strings are allowed)
  | 'ERR_INVALID_ARG_VALUE'               // an option has a value we do not know
  | 'ERR_UNKNOWN_ENCODING'                // a string encoding that is not one of Node's
  | 'ERR_CRYPTO_UNKNOWN_CIPHER'           // cipher name not in getCiphers()
  | 'ERR_CRYPTO_INVALID_KEYLEN'           // key of the wrong length for the cipher
  | 'ERR_CRYPTO_INVALID_IV'               // IV missing, present where none belongs, or of the wrong length
  | 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE'  // a KeyObject that is not a secret key (Node entry)
  | 'ERR_CRYPTO_INVALID_STATE'            // update() or final() after final()
  | 'ERR_OSSL_BAD_DECRYPT'                // padding check failed on decryption (wrong key, corrupted data)
  | 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH'   // data not a whole number of blocks where it must be
  | 'ERR_DES_WEAK_KEY'                    // weak, semi-weak or degenerate key refused by { rejectWeakKeys: true }
  | 'ERR_DES_KEY_WRAP'                    // des3-wrap integrity check failed or input of the wrong length
  | 'ERR_DES_UNSUPPORTED'                 // constantTime asked for where the runtime has no WebAssembly SIMD
  | 'ERR_DES_UNKNOWN_OPTION'              // an options object has a key the function does not take
  | 'ERR_DES_REENTRANT'                   // a des-wasm call started while another was using the engine
  | 'ERR_DES_IV_REUSE'                    // a second encrypt() with the same IV or counter in a stream mode
  | 'ERR_DES_INTERNAL'                    // a bug in des-wasm: please report it

  // des-wasm/payments: ISO 9564 PIN blocks
  | 'ERR_PIN_BLOCK_FORMAT'                // control nibble / format not 0-3 (format 4 is AES: out of scope)
  | 'ERR_PIN_BLOCK_LENGTH'                // PIN length outside 4-12
  | 'ERR_PIN_BLOCK_DIGIT'                 // a PIN digit that is not 0-9
  | 'ERR_PIN_BLOCK_FILL'                  // fill nibbles not as the format requires
  | 'ERR_PIN_BLOCK_PAN'                   // PAN missing or malformed where the format needs one

  // des-wasm/payments: DUKPT (ANSI X9.24-1:2009)
  | 'ERR_DUKPT_KSN'                       // KSN of the wrong length, or a counter no terminal can use
  | 'ERR_DUKPT_EXHAUSTED'                 // no KSN after 1FF800
  | 'ERR_DUKPT_KEY'                       // BDK or IPEK of the wrong length or kind

  // des-wasm/payments: TR-31 / ANSI X9.143 key blocks
  | 'ERR_TR31_MAC'                        // key block authentication failed (no key material returned)
  | 'ERR_TR31_FORMAT'                     // length field, characters, optional blocks or payload malformed
  | 'ERR_TR31_VERSION'                    // version D (AES) or unknown
  | 'ERR_TR31_KEY_LENGTH'                 // the decrypted key length is inconsistent

  // des-wasm/payments: EMV and card verification values
  | 'ERR_EMV_INPUT'                       // an EMV input (PAN, PSN, ATC, ARC, CSU, data) of the wrong form
  | 'ERR_CARD_INPUT'                      // a card-value input (PAN, expiry, service code, PIN, PVKI, tables) of the wrong form

  // des-wasm/smartcard and des-wasm/legacy
  | 'ERR_SCP02_INPUT'                     // a GlobalPlatform SCP02 input of the wrong form
  | 'ERR_DESFIRE_INPUT'                   // a DESFire input of the wrong form
  | 'ERR_LEGACY_INPUT'                    // an NTLM, MS-CHAPv2, VNC or Kerberos input of the wrong form
  | 'ERR_CRYPT_FORMAT';                   // a crypt(3) hash string that is not traditional or BSDi DES crypt

export class DesError extends Error {
  readonly code: DesErrorCode;

  constructor(code: DesErrorCode, message: string) {
    super(message);
    this.name = 'DesError';
    this.code = code;
  }
}

/** Shorthand used at the boundary: `throw fail('ERR_…', 'message')`. */
export function fail(code: DesErrorCode, message: string): DesError {
  return new DesError(code, message);
}

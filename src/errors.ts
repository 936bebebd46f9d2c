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
  | 'ERR_DES_UNSUPPORTED';                // constantTime asked for where the runtime has no WebAssembly SIMD

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

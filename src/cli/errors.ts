/**
 * How the CLI ends: exit code 0 on success, 1 for a cryptographic failure (bad decrypt, wrong
 * password or key, corrupted or truncated input), 2 for a usage error (unknown flag or cipher,
 * wrong key length, missing file). Always one line on stderr that says what to do.
 */
import { DesError } from '../errors.js';

export class CliError extends Error {
  constructor(readonly exitCode: 1 | 2, message: string) {
    super(message);
  }
}

export const usage = (message: string) => new CliError(2, message);
export const cryptoFailure = (message: string) => new CliError(1, message);

const CRYPTO_CODES = new Set(['ERR_OSSL_BAD_DECRYPT', 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'ERR_DES_KEY_WRAP']);

/** Turn any error into the CLI's exit code and one line. */
export function describeFailure(error: unknown): { exitCode: 1 | 2; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof DesError) {
    if (error.code === 'ERR_OSSL_BAD_DECRYPT') {
      return { exitCode: 1, message: 'bad decrypt: wrong password or key, or the input is corrupted' };
    }
    if (error.code === 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH') {
      return { exitCode: 1, message: 'the input is not a whole number of 8-byte blocks: it is truncated or corrupted (or was written with --padding none)' };
    }
    return { exitCode: CRYPTO_CODES.has(error.code) ? 1 : 2, message: error.message };
  }
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && e.syscall) {
    const what = e.path ? `${e.path}: ` : '';
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied'
      : e.code === 'ENOSPC' ? 'no space left on the device' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    return { exitCode: 2, message: `${what}${why}` };
  }
  return { exitCode: 1, message: e instanceof Error ? e.message : String(error) };
}

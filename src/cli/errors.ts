/**
 * How the CLI ends: exit code 0 on success, 1 for a cryptographic failure (bad decrypt, wrong
 * password or key, corrupted or truncated input), 2 for a usage or I/O error (unknown flag or
 * cipher, wrong key length, missing file, unwritable output, full disk). Always one line on
 * stderr that says what to do.
 */
import { DesError } from '../errors.js';

export class CliError extends Error {
  constructor(readonly exitCode: 1 | 2, message: string) {
    super(message);
  }
}

export const usage = (message: string) => new CliError(2, message);

/** One line on stderr, prefixed with the program's name: every warning and every failure. */
export function warn(line: string): void {
  process.stderr.write(`des-wasm: ${line}\n`);
}

/** The exit code of an internal error: a bug in des-wasm, not a bad input (BSD's EX_SOFTWARE). */
export const INTERNAL_ERROR = 70;
export const cryptoFailure = (message: string) => new CliError(1, message);

/** The answer of a --verify: OK on stdout (exit 0), or `failure` as a cryptographic failure (exit 1). */
export function verdict(matches: boolean, failure: string): void {
  if (!matches) throw cryptoFailure(failure);
  process.stdout.write('OK\n');
}

const CRYPTO_CODES = new Set(['ERR_OSSL_BAD_DECRYPT', 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'ERR_DES_KEY_WRAP']);

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device: free some space and run again',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'already exists',
  EPIPE: 'the reader of the output went away',
  EIO: 'input/output error',
};

/** Turn any error into the CLI's exit code and one line. */
export function describeFailure(error: unknown): { exitCode: 1 | 2 | typeof INTERNAL_ERROR; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof DesError) {
    switch (error.code) {
      case 'ERR_OSSL_BAD_DECRYPT':
        return { exitCode: 1, message: 'bad decrypt: wrong password or key, or the input is corrupted' };
      case 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH':
        return { exitCode: 1, message: 'the input is not a whole number of 8-byte blocks: it is truncated or corrupted (or the cipher or padding is not the one it was written with)' };
      case 'ERR_CRYPTO_UNKNOWN_CIPHER':
        return { exitCode: 2, message: `${error.message.replace(/;.*$/, '')}: \`des-wasm ciphers\` lists the names` };
      default:
        return { exitCode: CRYPTO_CODES.has(error.code) ? 1 : 2, message: error.message };
    }
  }
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && e.syscall) {
    const what = e.path ? `${e.path}: ` : '';
    return { exitCode: 2, message: `${what}${FILE_ERRORS[e.code] ?? e.message}` };
  }
  // Anything else is a bug: its own exit code, so that it is never taken for a bad password.
  return { exitCode: INTERNAL_ERROR, message: `internal error (a bug in des-wasm: please report it): ${e instanceof Error ? e.message : String(error)}` };
}

/**
 * Where keys and passwords come from: key files (raw bytes or hex, detected), hex on the command
 * line (with a warning: it shows in process listings), and OpenSSL's password sources
 * pass:… env:VAR file:PATH fd:N stdin, or a prompt without echo on the terminal.
 *
 * Secrets are decoded straight into arrays of our own, never through Buffer.from(string), whose
 * small results live in Node's shared pool where wiping our view would not reach every copy.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { checkKey } from '../keys.js';
import { CliError, usage } from './errors.js';

const HEX = /^[0-9a-fA-F]*$/;

/** Hex text to bytes, digit by digit. */
function decodeHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function parseHex(value: string, what: string, length?: number): Uint8Array {
  const clean = value.trim();
  if (clean.length === 0 || !HEX.test(clean) || clean.length % 2 !== 0) {
    throw usage(`${what} must be hex digits, an even number of them`);
  }
  if (length !== undefined && clean.length !== 2 * length) {
    throw usage(`${what} must be ${length} bytes (${2 * length} hex digits), got ${clean.length / 2}`);
  }
  return decodeHex(clean);
}

/** The hex digits of some bytes as bytes, white space skipped; null when it is not hex. */
function hexFromBytes(raw: Uint8Array): Uint8Array | null {
  const digits = new Uint8Array(raw.length);
  let n = 0;
  try {
    for (const c of raw) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;                // white space
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
      if (v < 0) return null;
      digits[n++] = v;
    }
    if (n % 2 !== 0) return null;
    const out = new Uint8Array(n / 2);
    for (let i = 0; i < out.length; i++) out[i] = (digits[2 * i] << 4) | digits[2 * i + 1];
    return out;
  } finally {
    digits.fill(0);
  }
}

/**
 * A key file holds the raw key bytes, or the key in hex (white space and a final newline
 * allowed); `lengths` are the key lengths the cipher takes. Decoded without making a string,
 * so that every copy of the key can be wiped.
 */
export function readKeyFile(path: string, lengths: number | readonly number[]): Uint8Array {
  const allowed = typeof lengths === 'number' ? [lengths] : lengths;
  const raw = readFileSync(path);
  try {
    if (allowed.includes(raw.length)) return new Uint8Array(raw);
    const key = hexFromBytes(raw);
    if (key && allowed.includes(key.length)) return key;
    key?.fill(0);
    const either = (ns: number[]) => ns.length > 1 ? `${ns.slice(0, -1).join(', ')} or ${ns[ns.length - 1]}` : `${ns[0]}`;
    throw usage(`${path}: this needs a key of ${either([...allowed])} bytes (raw, or ${either(allowed.map((n) => 2 * n))} hex digits); the file holds ${raw.length} bytes`);
  } finally {
    raw.fill(0);
  }
}

/**
 * A key named on the command line, never the key itself: `env:VAR` (the key in hex in that
 * variable), `file:PATH` or a bare PATH (a key file: raw bytes or hex, as readKeyFile).
 */
export function loadKey(source: string, lengths: number | readonly number[], what = '--key'): Uint8Array {
  const allowed = typeof lengths === 'number' ? [lengths] : lengths;
  if (source.startsWith('env:')) {
    const name = source.slice(4);
    const value = process.env[name];
    if (value === undefined) throw usage(`${what} ${source}: the environment variable ${name} is not set`);
    const key = hexFromBytes(new TextEncoder().encode(value));
    if (key && allowed.includes(key.length)) return key;
    key?.fill(0);
    throw usage(`${what} ${source}: expected ${allowed.map((n) => 2 * n).join(' or ')} hex digits in ${name}`);
  }
  return readKeyFile(source.startsWith('file:') ? source.slice(5) : source, allowed);
}

/** How a command's --help describes a key source (loadKey). */
export const KEY_SOURCE_HELP = 'env:VAR (the key in hex) or a key file (raw or hex)';

/** Run `use` with the key `source` names (loadKey), wiping the key after. */
export function withKey<T>(source: string, lengths: number | readonly number[], what: string, use: (key: Uint8Array) => T): T {
  const key = loadKey(source, lengths, what);
  try {
    return use(key);
  } finally {
    key.fill(0);
  }
}

/** The one warning for a secret typed on the command line. */
export function warnOnCommandLine(what: string, warnLine: (line: string) => void, instead = 'a key file or env:VAR'): void {
  warnLine(`warning: ${what} on the command line shows in process listings and shell history; prefer ${instead}`);
}

/**
 * A raw key from `--key HEX` (warned about) or `--key-file FILE` (raw or hex), exactly one of
 * them, of one of `lengths` bytes: what encrypt, decrypt, mac and kcv take.
 */
export function keyOption(options: { key?: string; keyFile?: string }, lengths: readonly number[], what: string,
  warnLine: (line: string) => void): Uint8Array {
  if ((options.key === undefined) === (options.keyFile === undefined)) throw usage('give --key or --key-file (one of them)');
  if (options.keyFile !== undefined) return readKeyFile(options.keyFile, lengths);
  warnOnCommandLine('a key', warnLine, '--key-file');
  const key = parseHex(options.key!, `--key for ${what}`);
  if (!lengths.includes(key.length)) {
    key.fill(0);
    throw usage(`--key for ${what} must be ${lengths.map((n) => `${n} bytes (${2 * n} hex digits)`).join(' or ')}, got ${key.length}`);
  }
  return key;
}

/** Warn about keys that defeat the cipher: weak, semi-weak, possibly weak, or 3DES that collapses to DES. */
export function warnAboutKey(key: Uint8Array, warn: (line: string) => void): void {
  if (key.length !== 8 && key.length !== 16 && key.length !== 24) return;
  const r = checkKey(key);
  if (r.weak || r.semiWeak || r.possiblyWeak) warn('warning: this key is (or holds) a weak or semi-weak DES key: make a new one with `des-wasm keygen`');
  if (r.degenerate) warn('warning: this Triple-DES key is degenerate (K1 = K2 or K2 = K3): it is single DES');
}

/**
 * The first line of a file descriptor, read a byte at a time so that nothing after the newline
 * is taken: with `--pass stdin` the data that follows on stdin is still there for the cipher.
 */
function readLine(fd: number): Buffer {
  const line = Buffer.alloc(1024);
  const one = Buffer.alloc(1);
  let length = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, one, 0, 1, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;        // a non-blocking descriptor with nothing yet
      if (code === 'EOF') break;
      throw error;
    }
    if (n === 0 || one[0] === 0x0a) break;
    if (length === line.length) { line.fill(0); throw usage('the password is longer than 1024 bytes'); }
    line[length++] = one[0];
  }
  if (length > 0 && line[length - 1] === 0x0d) length--;
  const out = Buffer.alloc(length);
  line.copy(out, 0, 0, length);
  line.fill(0);
  return out;
}

/** The first line of a file, as OpenSSL reads a password from one. */
function firstLineOfFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try { return readLine(fd); } finally { closeSync(fd); }
}

/** Resolve an OpenSSL-style password source to the password's bytes (the caller wipes them). */
export function readPassword(source: string): Buffer {
  const colon = source.indexOf(':');
  const kind = colon < 0 ? source : source.slice(0, colon);
  const rest = colon < 0 ? '' : source.slice(colon + 1);
  switch (kind) {
    case 'pass': return Buffer.from(rest, 'utf8');
    case 'env': {
      const value = process.env[rest];
      if (value === undefined) throw usage(`--pass env:${rest}: the environment variable ${rest} is not set`);
      return Buffer.from(value, 'utf8');
    }
    case 'file': return firstLineOfFile(rest);
    case 'fd': {
      const fd = Number(rest);
      if (rest === '' || !Number.isInteger(fd) || fd < 0) throw usage(`--pass fd:${rest}: expected a file descriptor number`);
      return readLine(fd);
    }
    case 'stdin': return readLine(0);
    default:
      throw usage(`--pass ${source}: expected pass:PASSWORD, env:VAR, file:PATH, fd:N or stdin`);
  }
}

/** Read one line from the terminal without echo; Ctrl-C or Ctrl-D gives up. */
function askTerminal(terminal: ReadStream, prompt: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    process.stderr.write(prompt);
    const typed = Buffer.alloc(1024);
    let length = 0;
    const finish = (error: Error | null) => {
      terminal.off('data', onData);
      terminal.setRawMode(false);
      terminal.pause();
      process.stderr.write('\n');
      if (error) { typed.fill(0); reject(error); return; }
      const out = Buffer.alloc(length);
      typed.copy(out, 0, 0, length);
      typed.fill(0);
      resolve(out);
    };
    const onData = (chunk: Buffer) => {
      for (const b of chunk) {
        if (b === 0x0d || b === 0x0a) { finish(null); break; }
        if (b === 0x03 || b === 0x04) { finish(new CliError(2, 'no password given (interrupted)')); break; }
        if (b === 0x7f || b === 0x08) { if (length > 0) typed[--length] = 0; continue; }
        if (length < typed.length) typed[length++] = b;
      }
      chunk.fill(0);
    };
    terminal.setRawMode(true);
    terminal.on('data', onData);
    terminal.resume();
  });
}

/**
 * Ask for a password on the controlling terminal (/dev/tty, as OpenSSL does, so that stdin can
 * carry the data), without echo; twice when encrypting. Only when stdin or stderr is a terminal:
 * a script with neither gets a usage error at once instead of a prompt nobody sees.
 */
export async function promptPassword(prompt: string, confirm: boolean): Promise<Buffer> {
  const noPassword = usage('no password: give --pass (pass:…, env:VAR, file:PATH, fd:N or stdin) or a raw key (--key-file)');
  if (!process.stdin.isTTY && !process.stderr.isTTY) throw noPassword;
  let fd: number;
  try { fd = openSync('/dev/tty', 'r+'); } catch { throw noPassword; }
  const terminal = new ReadStream(fd);
  try {
    const first = await askTerminal(terminal, prompt);
    if (confirm) {
      const again = await askTerminal(terminal, `Verifying - ${prompt}`);
      const same = first.equals(again);
      again.fill(0);
      if (!same) { first.fill(0); throw usage('the passwords do not match'); }
    }
    return first;
  } finally {
    terminal.destroy();
  }
}

/**
 * A PIN named on the command line: `env:VAR` (the digits in that variable), `file:PATH` (the
 * first line of the file), or the digits themselves, with a warning that they show in process
 * listings. The PIN's own checks (4 to 12 digits) are des-wasm/payments'.
 */
export function readPin(source: string, warn: (line: string) => void, what = '--pin'): string {
  if (source.startsWith('env:')) {
    const name = source.slice(4);
    const value = process.env[name];
    if (value === undefined) throw usage(`${what} ${source}: the environment variable ${name} is not set`);
    return value.trim();
  }
  if (source.startsWith('file:')) return readFileSync(source.slice(5), 'utf8').split(/\r?\n/)[0];
  warnOnCommandLine('a PIN', warn, `${what} env:VAR or ${what} file:PATH`);
  return source;
}

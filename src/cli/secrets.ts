/**
 * Where keys and passwords come from: key files (raw bytes or hex, detected), hex on the command
 * line (with a warning: it shows in process listings), and OpenSSL's password sources
 * pass:… env:VAR file:PATH fd:N stdin, or a prompt without echo on a terminal.
 */
import { readFileSync, readSync } from 'node:fs';
import { checkKey } from '../keys.js';
import { usage } from './errors.js';

const HEX = /^[0-9a-fA-F]+$/;

export function parseHex(value: string, what: string, length?: number): Uint8Array {
  const clean = value.trim();
  if (!HEX.test(clean) || clean.length % 2 !== 0) throw usage(`${what} must be hex digits, an even number of them`);
  const bytes = Uint8Array.from(Buffer.from(clean, 'hex'));
  if (length !== undefined && bytes.length !== length) {
    throw usage(`${what} must be ${length} bytes (${2 * length} hex digits), got ${bytes.length}`);
  }
  return bytes;
}

/** A key file holds the raw key bytes, or the key in hex (whitespace allowed). */
export function readKeyFile(path: string, length: number): Uint8Array {
  const raw = readFileSync(path);
  try {
    const text = raw.toString('latin1').replace(/\s+/g, '');
    if (raw.length !== length && HEX.test(text) && text.length === 2 * length) return Uint8Array.from(Buffer.from(text, 'hex'));
    if (raw.length === length) return new Uint8Array(raw);
    throw usage(`${path}: the cipher needs a ${length}-byte key (raw, or ${2 * length} hex digits); the file holds ${raw.length} bytes`);
  } finally {
    raw.fill(0);
  }
}

/** Warn about keys that defeat the cipher: weak, semi-weak, possibly weak, or 3DES that collapses to DES. */
export function warnAboutKey(key: Uint8Array, warn: (line: string) => void): void {
  if (key.length !== 8 && key.length !== 16 && key.length !== 24) return;
  const r = checkKey(key);
  if (r.weak || r.semiWeak || r.possiblyWeak) warn('warning: this key is a weak or semi-weak DES key');
  if (r.degenerate) warn('warning: this Triple-DES key is degenerate (K1 = K2 or K2 = K3): it is single DES');
}

/** Read all of a file descriptor synchronously (for fd:N and stdin passwords). */
function readFd(fd: number): Buffer {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(4096);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  buffer.fill(0);
  return Buffer.concat(chunks);
}

/** The first line of some bytes, as OpenSSL reads a password from a file or descriptor. */
function firstLine(bytes: Buffer): Buffer {
  const end = bytes.indexOf(0x0a);
  const line = bytes.subarray(0, end < 0 ? bytes.length : end);
  return Buffer.from(line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line);
}

/** Resolve an OpenSSL-style password source to the password's bytes. */
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
    case 'file': {
      const bytes = readFileSync(rest);
      try { return firstLine(bytes); } finally { bytes.fill(0); }
    }
    case 'fd': {
      const fd = Number(rest);
      if (!Number.isInteger(fd) || fd < 0) throw usage(`--pass fd:${rest}: expected a file descriptor number`);
      const bytes = readFd(fd);
      try { return firstLine(bytes); } finally { bytes.fill(0); }
    }
    case 'stdin': {
      const bytes = readFd(0);
      try { return firstLine(bytes); } finally { bytes.fill(0); }
    }
    default:
      throw usage(`--pass ${source}: expected pass:PASSWORD, env:VAR, file:PATH, fd:N or stdin`);
  }
}

/** Ask for a password on the terminal without echoing it. */
export async function promptPassword(prompt: string, confirm: boolean): Promise<Buffer> {
  const ask = (text: string) => new Promise<Buffer>((resolve, reject) => {
    const input = process.stdin;
    if (!input.isTTY) { reject(usage('no password: give --pass (or a key) when input is not a terminal')); return; }
    process.stderr.write(text);
    input.setRawMode(true);
    input.resume();
    const bytes: number[] = [];
    const onData = (chunk: Buffer) => {
      for (const b of chunk) {
        if (b === 0x0d || b === 0x0a) { done(); resolve(Buffer.from(bytes)); bytes.fill(0); return; }
        if (b === 0x03) { done(); reject(usage('interrupted')); return; }
        if (b === 0x7f || b === 0x08) bytes.pop(); else bytes.push(b);
      }
    };
    const done = () => { input.off('data', onData); input.setRawMode(false); input.pause(); process.stderr.write('\n'); };
    input.on('data', onData);
  });
  const first = await ask(prompt);
  if (confirm) {
    const again = await ask('Verifying - ' + prompt);
    const same = first.equals(again);
    again.fill(0);
    if (!same) { first.fill(0); throw usage('the passwords do not match'); }
  }
  return first;
}

/**
 * Readers for the known-answer files in vectors/: NIST CAVP `.rsp`, Botan `.vec`, and the JSON
 * files. They only parse; what a record means for des-wasm (which cipher, mode, padding) is
 * decided here too, so every test file maps a record the same way. No expected value is computed
 * here: every one comes out of a vector file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the project's vectors/ folder. */
export const VECTORS_DIR = fileURLToPath(new URL('../../vectors/', import.meta.url));

/** The text of a file under vectors/, e.g. `readVector('nist-cavp/kat/TECBvarkey.rsp')`. */
export function readVector(path: string): string {
  return readFileSync(VECTORS_DIR + path, 'latin1');
}

/** A JSON file under vectors/ (UTF-8, as JSON is: the payments files hold passwords and salts beyond ASCII). */
export function loadJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(VECTORS_DIR + path, 'utf8')) as T;
}

// ---------------------------------------------------------------------------------------------
// Hex and bit strings

/** Hex (either case, possibly empty) to bytes; throws on anything else, so a typo cannot pass. */
export function hex(text: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) throw new Error(`not hex: ${JSON.stringify(text.slice(0, 40))}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes to lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A CAVP CFB1 bit string ("0110…", first bit first) packed MSB first; the last byte is zero-filled. */
export function bitString(text: string): { bytes: Uint8Array; bits: number } {
  if (!/^[01]*$/.test(text)) throw new Error(`not a bit string: ${JSON.stringify(text.slice(0, 40))}`);
  const bytes = new Uint8Array(Math.ceil(text.length / 8));
  for (let i = 0; i < text.length; i++) if (text[i] === '1') bytes[i >> 3] |= 0x80 >> (i & 7);
  return { bytes, bits: text.length };
}

/** The first `bits` bits of `bytes` as a bit string, the inverse of bitString. */
export function toBitString(bytes: Uint8Array, bits: number): string {
  let out = '';
  for (let i = 0; i < bits; i++) out += (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Set every byte to odd parity (the low bit of each key byte is its parity bit, FIPS 46-3). */
export function setOddParity(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    let b = key[i] >> 1, ones = 0;
    while (b) { ones += b & 1; b >>= 1; }
    key[i] = (key[i] & 0xfe) | ((ones & 1) ^ 1);
  }
  return key;
}

/** How many times a pattern occurs in a text: an independent count to check a parser against. */
export function countMatches(text: string, pattern: RegExp): number {
  const flags = pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g';
  return (text.match(new RegExp(pattern.source, flags)) ?? []).length;
}

// ---------------------------------------------------------------------------------------------
// NIST CAVP .rsp

export type Direction = 'encrypt' | 'decrypt';

/** One `COUNT = n` record of an .rsp file, its fields as written. */
export interface RspRecord {
  direction: Direction;
  count: number;
  /** 1-based line of the COUNT line, for messages. */
  line: number;
  fields: Record<string, string>;
}

/**
 * Parse an .rsp file: `#` comments, `[ENCRYPT]` / `[DECRYPT]` sections, records of `NAME = value`
 * lines separated by blank lines, each starting with `COUNT`. CRLF and LF both accepted.
 */
export function parseRsp(text: string): RspRecord[] {
  const records: RspRecord[] = [];
  let direction: Direction | undefined;
  let current: RspRecord | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) { current = undefined; return; }
    const section = /^\[(ENCRYPT|DECRYPT)\]$/.exec(line);
    if (section) { direction = section[1] === 'ENCRYPT' ? 'encrypt' : 'decrypt'; current = undefined; return; }
    const field = /^([A-Za-z0-9]+)\s*=\s*(.*)$/.exec(line);
    if (!field) throw new Error(`line ${i + 1}: cannot read ${JSON.stringify(line)}`);
    const [, name, value] = field;
    if (name === 'COUNT') {
      if (!direction) throw new Error(`line ${i + 1}: record before any [ENCRYPT]/[DECRYPT] section`);
      current = { direction, count: Number(value), line: i + 1, fields: {} };
      records.push(current);
      return;
    }
    if (!current) throw new Error(`line ${i + 1}: ${name} outside a record`);
    current.fields[name] = value;
  });
  return records;
}

/** The TDES modes the CAVP file names carry: T{ECB,CBC,CFB1,CFB8,CFB64,OFB}… */
export type CavpMode = 'ecb' | 'cbc' | 'cfb1' | 'cfb8' | 'cfb64' | 'ofb';

export function cavpModeOf(fileName: string): CavpMode {
  const m = /(?:^|\/)T(ECB|CBC|CFB1|CFB8|CFB64|OFB)[^/]*\.rsp$/.exec(fileName);
  if (!m) throw new Error(`not a CAVP TDES file name: ${fileName}`);
  return m[1].toLowerCase() as CavpMode;
}

/** A TDES record in usable form. For CFB1 the texts are bit strings and `bits` is their length. */
export interface TdesRecord {
  direction: Direction;
  count: number;
  line: number;
  /** KEY1, KEY2, KEY3 as the file gives them (a KAT's single `KEYs` is all three). */
  keys: [Uint8Array, Uint8Array, Uint8Array];
  /** KEY1 ‖ KEY2 ‖ KEY3, 24 bytes. */
  key: Uint8Array;
  /** Whether the file gave one key (`KEYs`, KAT: TDES = single DES) or three. */
  singleKey: boolean;
  iv?: Uint8Array;
  plaintext: Uint8Array;
  ciphertext: Uint8Array;
  /** Length of the texts in bits (8 × bytes except for CFB1). */
  bits: number;
}

export function tdesRecord(record: RspRecord, mode: CavpMode): TdesRecord {
  const f = record.fields;
  const need = (name: string): string => {
    if (f[name] === undefined) throw new Error(`line ${record.line}: COUNT = ${record.count} has no ${name}`);
    return f[name];
  };
  const singleKey = f.KEYs !== undefined;
  const keys: [Uint8Array, Uint8Array, Uint8Array] = singleKey
    ? [hex(f.KEYs), hex(f.KEYs), hex(f.KEYs)]
    : [hex(need('KEY1')), hex(need('KEY2')), hex(need('KEY3'))];
  let plaintext: Uint8Array, ciphertext: Uint8Array, bits: number;
  if (mode === 'cfb1') {
    const p = bitString(need('PLAINTEXT')), c = bitString(need('CIPHERTEXT'));
    if (p.bits !== c.bits) throw new Error(`line ${record.line}: PLAINTEXT and CIPHERTEXT lengths differ`);
    ({ bytes: plaintext, bits } = p);
    ciphertext = c.bytes;
  } else {
    plaintext = hex(need('PLAINTEXT'));
    ciphertext = hex(need('CIPHERTEXT'));
    bits = plaintext.length * 8;
  }
  return {
    direction: record.direction, count: record.count, line: record.line,
    keys, key: concat(...keys), singleKey,
    iv: mode === 'ecb' ? undefined : hex(need('IV')),
    plaintext, ciphertext, bits,
  };
}

/** Parse a CAVP TDES file under vectors/ into usable records. */
export function loadCavp(path: string): { mode: CavpMode; text: string; records: TdesRecord[] } {
  const mode = cavpModeOf(path);
  const text = readVector(path);
  return { mode, text, records: parseRsp(text).map((r) => tdesRecord(r, mode)) };
}

// ---------------------------------------------------------------------------------------------
// Botan .vec

/** One Botan record: `Key`, `Nonce` (IV or initial counter; absent for block tests), `In`, `Out`. */
export interface BotanRecord {
  section: string;
  line: number;
  key: Uint8Array;
  nonce?: Uint8Array;
  input: Uint8Array;
  output: Uint8Array;
}

/**
 * Parse a Botan .vec file: `[Section]` headers, `#` comments, `Name = value` lines; a record ends
 * at its `Out` line (as Botan's own reader does). Every record in these files names all its fields.
 */
export function parseVec(text: string): BotanRecord[] {
  const records: BotanRecord[] = [];
  let section: string | undefined;
  let fields: Record<string, string> = {};
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) { section = header[1]; fields = {}; return; }
    const field = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (!field) throw new Error(`line ${i + 1}: cannot read ${JSON.stringify(line)}`);
    if (Object.keys(fields).length === 0) start = i + 1;
    fields[field[1]] = field[2];
    if (field[1] !== 'Out') return;
    if (section === undefined) throw new Error(`line ${i + 1}: record before any [section]`);
    for (const name of ['Key', 'In']) {
      if (fields[name] === undefined) throw new Error(`line ${start}: [${section}] record has no ${name}`);
    }
    records.push({
      section, line: start, key: hex(fields.Key), input: hex(fields.In), output: hex(fields.Out),
      nonce: fields.Nonce === undefined ? undefined : hex(fields.Nonce),
    });
    fields = {};
  });
  return records;
}

export type Padding = 'none' | 'pkcs7' | 'iso7816' | 'cs3';

/** What a Botan section means for des-wasm, or why it is skipped. */
export type BotanPlan =
  | { run: true; cipher: 'des' | 'tdes'; mode: 'ecb' | 'cbc'; padding: Padding }
  | { run: true; cipher: 'des' | 'tdes'; mode: 'cfb'; segment: 8 | 16 | 24 | 32 | 40 | 48 | 56 | 64 }
  | { run: true; cipher: 'des' | 'tdes'; mode: 'ofb' | 'ctr' }
  | { run: false; reason: string };

/**
 * Map a Botan section name to a des-wasm call:
 *   [DES], [TripleDES]                 block cipher tests: ECB, no padding (In may be several blocks)
 *   [DES/CBC/NoPadding|PKCS7]          CBC, padding 'none' | 'pkcs7'
 *   [DES/CBC/OneAndZeros]              CBC, 0x80 then zeros = ISO/IEC 7816-4 = our 'iso7816'
 *   [DES/CBC/CTS]                      CBC with ciphertext stealing, CS3 (SP 800-38A Addendum)
 *   [DES/CFB], [DES/CFB(n)]            CFB with a 64-bit (the default) or n-bit segment, n = 8 … 64
 *                                      in steps of 8 (the files have 8, 16 and 32)
 *   [OFB(DES)]                         OFB (64-bit feedback)
 *   [CTR-BE(DES)]                      CTR, the whole 64-bit block a big-endian counter
 * with TripleDES the same. Everything else is skipped, with the reason.
 */
export function botanPlan(section: string): BotanPlan {
  const cipherOf = (name: string) => (name === 'DES' ? 'des' : 'tdes') as 'des' | 'tdes';
  const block = /^(DES|TripleDES)$/.exec(section);
  if (block) return { run: true, cipher: cipherOf(block[1]), mode: 'ecb', padding: 'none' };
  const cbc = /^(DES|TripleDES)\/CBC\/(\w+)$/.exec(section);
  if (cbc) {
    const padding = ({ NoPadding: 'none', PKCS7: 'pkcs7', OneAndZeros: 'iso7816' } as Record<string, Padding>)[cbc[2]];
    if (padding) return { run: true, cipher: cipherOf(cbc[1]), mode: 'cbc', padding };
    // Botan's CTS is CS3 of the SP 800-38A Addendum (the last two blocks always swapped).
    if (cbc[2] === 'CTS') return { run: true, cipher: cipherOf(cbc[1]), mode: 'cbc', padding: 'cs3' };
    return { run: false, reason: `CBC padding ${cbc[2]} is not a des-wasm padding` };
  }
  const cfb = /^(DES|TripleDES)\/CFB(?:\((\d+)\))?$/.exec(section);
  if (cfb) {
    const segment = cfb[2] === undefined ? 64 : Number(cfb[2]);
    if (segment >= 8 && segment <= 64 && segment % 8 === 0) {
      return { run: true, cipher: cipherOf(cfb[1]), mode: 'cfb', segment: segment as 8 | 16 | 24 | 32 | 40 | 48 | 56 | 64 };
    }
    return { run: false, reason: `CFB-${segment} is not a des-wasm mode (segments are 1 bit and 8 … 64 bits in steps of 8)` };
  }
  const stream = /^(OFB|CTR-BE)\((DES|TripleDES)\)$/.exec(section);
  if (stream) return { run: true, cipher: cipherOf(stream[2]), mode: stream[1] === 'OFB' ? 'ofb' : 'ctr' };
  return { run: false, reason: 'not a DES-family cipher' };
}

/** A Botan file under vectors/botan/, its records grouped by section in file order. */
export function loadBotan(file: string): { text: string; sections: Map<string, BotanRecord[]> } {
  const text = readVector(`botan/${file}`);
  const sections = new Map<string, BotanRecord[]>();
  for (const r of parseVec(text)) {
    if (!sections.has(r.section)) sections.set(r.section, []);
    sections.get(r.section)!.push(r);
  }
  return { text, sections };
}

// ---------------------------------------------------------------------------------------------
// Running many records in one test

/**
 * Runs `check` on every record, catching each failure so one bad record does not hide the rest.
 * Returns how many ran and the failure messages; a test asserts `failures` is empty and `ran`
 * equals the parsed count.
 */
export function runAll<R>(records: readonly R[], label: (r: R) => string,
  check: (r: R) => string | undefined | void): { ran: number; failures: string[] } {
  const failures: string[] = [];
  let ran = 0;
  for (const r of records) {
    try {
      const problem = check(r);
      if (problem) failures.push(`${label(r)}: ${problem}`);
    } catch (error) {
      failures.push(`${label(r)}: threw ${(error as Error)?.message ?? String(error)}`);
    }
    ran++;
  }
  return { ran, failures };
}

/** `undefined` when equal, else "expected …, got …" in hex. */
export function differ(what: string, expected: Uint8Array, actual: Uint8Array): string | undefined {
  if (expected.length === actual.length && expected.every((b, i) => b === actual[i])) return undefined;
  return `${what}: expected ${toHex(expected)}, got ${toHex(actual)}`;
}

/** Up to `n` failures, and how many more, for an assertion message that stays readable. */
export function summarize(failures: string[], n = 10): string[] {
  return failures.length <= n ? failures : [...failures.slice(0, n), `… and ${failures.length - n} more`];
}

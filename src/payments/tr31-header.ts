/**
 * The TR-31 / ANSI X9.143 key block header: reading it from a key block, checking a header given
 * for wrapping, and writing it.
 *
 * The header is ASCII (TR-31:2018 A.5, X9.143:2021 §6.2 table 1):
 *
 *   0      version ID            'A', 'B', 'C' (TDES); 'D' (AES) and others are not ours
 *   1-4    key block length      4 decimal digits: the length of the whole key block in characters
 *   5-6    key usage             e.g. P0, B0, K0
 *   7      algorithm             e.g. T (TDES), D (DES)
 *   8      mode of use           e.g. E, X, N
 *   9-10   key version number    e.g. 00, or c1 for a component
 *   11     exportability         e.g. E, N, S
 *   12-13  number of optional blocks, 2 decimal digits
 *   14-15  reserved ("00"; X9.143:2021 puts the key context in 14)
 *   16-    optional blocks: ID (2), length (2 hex digits, counting ID and length), data.
 *          A length of "00" is the extended form: 2 hex digits giving the number of bytes of
 *          length, then the length in that many hex digit pairs (X9.143:2021 §6.3.6).
 *
 * Reading is lenient (STYLE.md): field values the standard does not list, made of letters and
 * digits, are vendors' proprietary values and are accepted, as are proprietary optional blocks
 * of printable ASCII and a padding block anywhere. Writing is strict: every field is checked,
 * a padding block "PB" of ASCII '0's is added when the optional blocks do not end on a multiple
 * of 8 characters (X9.143:2021 §6.3.6.x, block PB), and a PB given by the caller must be the
 * last block and end them there.
 */
import { describe } from '../bytes.js';
import { fail } from '../errors.js';
import { readOptions } from '../options.js';

export interface Tr31Header {
  version: 'A' | 'B' | 'C';
  keyUsage: string;
  algorithm: string;
  modeOfUse: string;
  keyVersionNumber: string;
  exportability: string;
  /** In block order, the padding block PB included when the block has one. */
  optionalBlocks: [id: string, data: string][];
}

/** A header as read or checked: the fields, the reserved characters 14-15, and its text length. */
export interface HeaderRecord {
  header: Tr31Header;
  reserved: string;
  /** Characters from the start of the key block to the end of the optional blocks. */
  length: number;
}

/** TDES key blocks are built from 8-byte blocks; the header is padded to a multiple of this. */
const BLOCK = 8;
const MAX_BLOCK_LENGTH = 9999;
const MAX_OPTIONAL_BLOCKS = 99;
const D_VERSION_MESSAGE = 'version D needs an AES KBPK; des-wasm is DES/TDES only';

const ALNUM = /^[0-9A-Za-z]*$/;
const DIGITS = /^[0-9]*$/;
const HEX = /^[0-9A-Fa-f]*$/;
const PRINTABLE = /^[\x20-\x7e]*$/;

/** The header fields after the version and length, their positions and lengths (table 1). */
const FIELDS = [
  { name: 'keyUsage', at: 5, length: 2 },
  { name: 'algorithm', at: 7, length: 1 },
  { name: 'modeOfUse', at: 8, length: 1 },
  { name: 'keyVersionNumber', at: 9, length: 2 },
  { name: 'exportability', at: 11, length: 1 },
] as const;

const show = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
const format = (message: string) => fail('ERR_TR31_FORMAT', message);
const letters = (n: number) => `${n} letter${n > 1 ? 's' : ''} or digit${n > 1 ? 's' : ''}`;

/** The version ID: A, B and C are TDES key blocks; D is AES; anything else is not TR-31 as we know it. */
export function checkVersion(version: string, where: string): 'A' | 'B' | 'C' {
  if (version === 'A' || version === 'B' || version === 'C') return version;
  if (version === 'D') throw fail('ERR_TR31_VERSION', D_VERSION_MESSAGE);
  throw fail('ERR_TR31_VERSION', `${where}: expected key block version A, B or C, got ${show(version)}`);
}

/** A Tr31Header from the version, the checked fields by name, and the optional blocks. */
function headerOf(version: Tr31Header['version'], fields: Record<string, string>, optionalBlocks: [string, string][]): Tr31Header {
  return {
    version,
    keyUsage: fields.keyUsage, algorithm: fields.algorithm, modeOfUse: fields.modeOfUse,
    keyVersionNumber: fields.keyVersionNumber, exportability: fields.exportability,
    optionalBlocks,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Read the header at the start of `text` (a key block, or for wrapping a header alone): the
 * version, the fields, the number of optional blocks and the optional blocks. The length field
 * is checked to be 4 digits here; the caller decides what it must equal.
 */
export function readHeader(text: string, where: string): HeaderRecord {
  if (text.length === 0) throw format(`${where}: empty; expected a key block header of at least 16 characters`);
  const version = checkVersion(text[0], `${where} version`);
  if (text.length < 16) throw format(`${where}: expected at least 16 characters, got ${text.length}`);
  const lengthField = text.slice(1, 5);
  if (!DIGITS.test(lengthField)) throw format(`${where} length field: expected 4 decimal digits, got ${show(lengthField)}`);
  const fields: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = text.slice(field.at, field.at + field.length);
    if (!ALNUM.test(value)) throw format(`${where} ${field.name}: expected ${letters(field.length)}, got ${show(value)}`);
    fields[field.name] = value;
  }
  const countField = text.slice(12, 14);
  if (!DIGITS.test(countField)) throw format(`${where} number of optional blocks: expected 2 decimal digits, got ${show(countField)}`);
  const reserved = text.slice(14, 16);
  if (!ALNUM.test(reserved)) throw format(`${where} reserved field (characters 14-15): expected letters or digits, got ${show(reserved)}`);

  const optionalBlocks: [string, string][] = [];
  let at = 16;
  for (let n = 1; n <= Number(countField); n++) {
    const [block, next] = readOptionalBlock(text, at, `${where} optional block ${n} of ${Number(countField)}`);
    optionalBlocks.push(block);
    at = next;
  }
  return {
    header: headerOf(version, fields, optionalBlocks),
    reserved,
    length: at,
  };
}

/** One optional block at `at` (X9.143:2021 §6.3.6): its ID and data, and where the next begins. */
function readOptionalBlock(text: string, at: number, where: string): [[string, string], number] {
  const id = text.slice(at, at + 2);
  if (id.length < 2) throw format(`${where}: the header ends at character ${text.length}, before the block's ID`);
  if (!ALNUM.test(id)) throw format(`${where}: ID must be 2 letters or digits, got ${show(id)}`);
  const lengthField = text.slice(at + 2, at + 4);
  if (lengthField.length < 2 || !HEX.test(lengthField)) {
    throw format(`${where} (${id}): length must be 2 hex digits, got ${show(lengthField)}`);
  }
  let length = parseInt(lengthField, 16);
  let dataAt = at + 4;
  if (length === 0) {
    // Extended length: "00", then the number of bytes of length (2 hex digits), then the length.
    const countField = text.slice(at + 4, at + 6);
    if (countField.length < 2 || !HEX.test(countField)) {
      throw format(`${where} (${id}): extended length: the length of the length must be 2 hex digits, got ${show(countField)}`);
    }
    const digits = 2 * parseInt(countField, 16);
    if (digits === 0) throw format(`${where} (${id}): extended length: the length of the length is 00`);
    const extended = text.slice(at + 6, at + 6 + digits);
    if (extended.length < digits || !HEX.test(extended)) {
      throw format(`${where} (${id}): extended length: expected ${digits} hex digits, got ${show(extended)}`);
    }
    length = parseInt(extended, 16);
    dataAt = at + 6 + digits;
  }
  const headerPart = dataAt - at;
  if (length < headerPart) {
    throw format(`${where} (${id}): length ${length} is shorter than the block's own ID and length (${headerPart} characters)`);
  }
  const end = at + length;
  if (end > text.length) {
    throw format(`${where} (${id}): length ${length} runs past the end of the key block (character ${text.length})`);
  }
  const data = text.slice(dataAt, end);
  if (!PRINTABLE.test(data)) throw format(`${where} (${id}): data must be printable ASCII`);
  return [[id, data], end];
}

// ---------------------------------------------------------------------------------------------
// Checking a header given for wrapping

/**
 * A header for wrap(): a Tr31Header, or a header string as it appears at the start of a key block
 * (its length field is ignored: wrap() writes the new length). Checked field by field.
 */
export function headerForWrap(value: unknown): { header: Tr31Header; reserved: string } {
  if (typeof value === 'string') {
    const record = readHeader(value, 'header');
    if (record.length !== value.length) {
      throw format(`header: ${value.length - record.length} characters after the optional blocks, which end at character ${record.length}`);
    }
    checkOptionalBlocks(record.header.optionalBlocks);
    return { header: record.header, reserved: record.reserved };
  }
  const options = readOptions(value, {
    version: 'any', keyUsage: 'any', algorithm: 'any', modeOfUse: 'any',
    keyVersionNumber: 'any', exportability: 'any', optionalBlocks: 'any',
  }, 'header');
  const text = (name: string) => {
    const field = options[name];
    if (typeof field !== 'string') throw fail('ERR_INVALID_ARG_TYPE', `header.${name}: expected string, got ${describe(field)}`);
    return field;
  };
  const version = checkVersion(text('version'), 'header.version');
  const fields: Record<string, string> = {};
  for (const field of FIELDS) {
    const v = text(field.name);
    if (v.length !== field.length || !ALNUM.test(v)) throw format(`header.${field.name}: expected ${letters(field.length)}, got ${show(v)}`);
    fields[field.name] = v;
  }
  const given = options.optionalBlocks ?? [];
  if (!Array.isArray(given)) throw fail('ERR_INVALID_ARG_TYPE', `header.optionalBlocks: expected an array of [id, data] pairs, got ${describe(given)}`);
  const optionalBlocks: [string, string][] = given.map((pair: unknown, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw fail('ERR_INVALID_ARG_TYPE', `header.optionalBlocks[${i}]: expected an [id, data] pair of strings, got ${describe(pair)}`);
    }
    return [pair[0], pair[1]];
  });
  checkOptionalBlocks(optionalBlocks);
  return {
    header: headerOf(version, fields, optionalBlocks),
    reserved: '00',
  };
}

/** Optional blocks as wrap() writes them: IDs of 2 letters or digits, each once; printable data; PB only last. */
function checkOptionalBlocks(blocks: readonly [string, string][]): void {
  blocks.forEach(([id, data], i) => {
    const where = `header.optionalBlocks[${i}]`;
    if (id.length !== 2 || !ALNUM.test(id)) throw format(`${where}: ID must be 2 letters or digits, got ${show(id)}`);
    if (!PRINTABLE.test(data)) throw format(`${where} (${id}): data must be printable ASCII`);
    if (id === 'PB' && i !== blocks.length - 1) {
      throw format(`${where}: the padding block PB must be the last optional block`);
    }
    if (blocks.findIndex(([other]) => other === id) !== i) {
      throw format(`${where}: a second ${id} block; an ID appears at most once (X9.143:2021 §6.3.6)`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

/** One optional block: the short form when ID, length and data fit in 255 characters, else the extended form. */
function formatOptionalBlock(id: string, data: string, where: string): string {
  if (data.length + 4 <= 0xff) return id + hex2(data.length + 4) + data;
  const length = data.length + 10;       // ID, "00", "02", 4 hex digits of length
  if (length > 0xffff) throw format(`${where} (${id}): ${data.length} characters of data; an optional block holds at most ${0xffff - 10}`);
  return `${id}0002${length.toString(16).toUpperCase().padStart(4, '0')}${data}`;
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * The header text for a key block of `bodyLength` characters after the header (payload and MAC
 * in hex), with the optional blocks and, when they do not end on a multiple of 8 characters, a
 * padding block of '0's: at least one, as psec writes it.
 */
export function formatHeader(header: Tr31Header, reserved: string, bodyLength: number): string {
  const blocks = header.optionalBlocks.map(([id, data], i) => formatOptionalBlock(id, data, `header.optionalBlocks[${i}]`));
  let text = blocks.join('');
  let count = blocks.length;
  if (text.length % BLOCK !== 0) {
    if (header.optionalBlocks.at(-1)?.[0] === 'PB') {
      throw format(`header.optionalBlocks: the padding block PB given leaves the optional blocks ${text.length} characters long, not a multiple of ${BLOCK} (leave PB out and wrap adds it)`);
    }
    const zeros = BLOCK - ((text.length + 4) % BLOCK);
    text += 'PB' + hex2(4 + zeros) + '0'.repeat(zeros);
    count++;
  }
  if (count > MAX_OPTIONAL_BLOCKS) throw format(`header.optionalBlocks: ${count} optional blocks; the header holds at most ${MAX_OPTIONAL_BLOCKS}`);
  const total = 16 + text.length + bodyLength;
  if (total > MAX_BLOCK_LENGTH) throw format(`the key block would be ${total} characters; its length field holds at most ${MAX_BLOCK_LENGTH}`);
  return header.version + String(total).padStart(4, '0') + header.keyUsage + header.algorithm + header.modeOfUse
    + header.keyVersionNumber + header.exportability + String(count).padStart(2, '0') + reserved + text;
}

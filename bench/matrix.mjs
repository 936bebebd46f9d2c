/**
 * What the benchmark measures: the ciphers, the operations (mode × direction), the message sizes,
 * and the names each cell goes by. Everything else in bench/ iterates over these lists.
 */

/** The block ciphers. `rows` limits a cipher to some operations (OpenSSL has DESX in CBC only). */
export const CIPHERS = [
  { id: 'des', label: 'DES', prefix: 'des', keyLength: 8 },
  { id: 'tdes2', label: '2-key TDEA', prefix: 'des-ede', keyLength: 16 },
  { id: 'tdes3', label: '3-key TDEA', prefix: 'des-ede3', keyLength: 24 },
  { id: 'desx', label: 'DESX', prefix: 'desx', keyLength: 24, rows: ['cbc-enc', 'cbc-dec'] },
];

/** The operations: one row of the table each. Stream modes are timed encrypting (decryption is the same work). */
export const ROWS = [
  { id: 'ecb', mode: 'ecb', direction: 'encrypt', label: 'ECB encrypt' },
  { id: 'cbc-enc', mode: 'cbc', direction: 'encrypt', label: 'CBC encrypt' },
  { id: 'cbc-dec', mode: 'cbc', direction: 'decrypt', label: 'CBC decrypt' },
  { id: 'cfb8', mode: 'cfb8', direction: 'encrypt', label: 'CFB-8 encrypt' },
  { id: 'cfb64', mode: 'cfb64', direction: 'encrypt', label: 'CFB-64 encrypt' },
  { id: 'ofb', mode: 'ofb', direction: 'encrypt', label: 'OFB' },
  { id: 'ctr', mode: 'ctr', direction: 'encrypt', label: 'CTR' },
];

export const SIZES = [16, 1024, 64 * 1024, 16 * 1024 * 1024];

/** The `--quick` preset: every cipher and operation at one size, short budgets (CI, < 30 s). */
export const QUICK = { sizes: [1024], timeMs: 40, startupRuns: 1, maxCellSeconds: 3 };
export const FULL = { sizes: SIZES, timeMs: 250, startupRuns: 15, maxCellSeconds: 8 };

/** Sizes at or above this are "large": a minimum of 5 runs each, no warm-up beyond the checked runs. */
export const LARGE = 1024 * 1024;
export const MIN_RUNS = 5;

/** The 16-byte-message rows (PIN blocks, tokens): one key, many short messages. */
export const MESSAGE_ROWS = [
  { id: 'msgs-ecb', cipher: 'tdes3', mode: 'ecb', label: 'des-ede3 ECB, 16-byte messages' },
  { id: 'msgs-cbc', cipher: 'tdes3', mode: 'cbc', label: 'des-ede3-cbc, 16-byte messages, an IV each' },
];
export const MESSAGE_BYTES = 16;
export const MESSAGES_PER_BATCH = 64;

const MODE_SUFFIX = { ecb: '', cbc: '-cbc', cfb8: '-cfb8', cfb64: '-cfb', ofb: '-ofb', ctr: '-ctr' };

/**
 * The OpenSSL-style name of a cipher in a mode: des-ede3-cbc, des-ede (2-key ECB), des-ecb.
 * CTR names (des-ede3-ctr) are des-wasm's own; OpenSSL has no DES CTR.
 */
export function cipherName(cipherId, mode) {
  const cipher = byId(CIPHERS, cipherId);
  if (mode === 'ecb') return cipher.id === 'des' || cipher.id === 'desx' ? `${cipher.prefix}-ecb` : cipher.prefix;
  return cipher.prefix + MODE_SUFFIX[mode];
}

export function byId(list, id) {
  const found = list.find((entry) => entry.id === id);
  if (!found) throw new Error(`unknown id ${JSON.stringify(id)}; expected one of ${list.map((e) => e.id).join(', ')}`);
  return found;
}

/** The text `--filter` is matched against, e.g. "tdes3 3-key TDEA des-ede3-cbc cbc-enc CBC encrypt". */
export function rowText(cipher, row) {
  return `${cipher.id} ${cipher.label} ${cipherName(cipher.id, row.mode)} ${row.id} ${row.label}`;
}

/** Every (cipher, row) pair of the matrix, in table order, that the filter selects. */
export function matrixRows(filter) {
  const pairs = [];
  for (const cipher of CIPHERS) {
    for (const row of ROWS) {
      if (cipher.rows && !cipher.rows.includes(row.id)) continue;
      if (filter && !filter.test(rowText(cipher, row))) continue;
      pairs.push({ cipher, row });
    }
  }
  return pairs;
}

/** "16 B", "1 KiB", "64 KiB", "16 MiB". */
export function sizeLabel(bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/** Parse "16,1k,64KiB,16m" into byte counts (multiples of 8: ECB and CBC are timed unpadded). */
export function parseSizes(text) {
  return String(text).split(',').map((part) => {
    const match = /^\s*(\d+)\s*(k|kib|m|mib)?\s*$/i.exec(part);
    if (!match) throw new Error(`--sizes: cannot read ${JSON.stringify(part)}; expected e.g. 16,1024,64k,16m`);
    const unit = (match[2] ?? '').toLowerCase();
    const bytes = Number(match[1]) * (unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1);
    if (bytes < 8 || bytes % 8 !== 0) throw new Error(`--sizes: ${bytes} is not a positive multiple of 8 bytes`);
    return bytes;
  });
}

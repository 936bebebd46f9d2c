/**
 * Runs one NIST CAVP TDES record (KAT or MMT) through des-wasm, in one direction, with one form of
 * the key. Shared by cavp-kat.test.ts and cavp-mmt.test.ts so both map a record the same way.
 *
 * CFB1 texts are bit strings. When the length is a whole number of bytes the public API runs them
 * (`cfb(key, iv, { segment: 1 })`); otherwise the public API cannot say "7 bits", so the low-level
 * engine runs them with an explicit bit count.
 */
import { des, tdes } from '../../src/index.js';
import { expandKey, newState, runMode } from '../../src/engine/index.js';
import { concat, differ, toBitString } from '../helpers/vectors.js';
import type { CavpMode, Direction, TdesRecord } from '../helpers/vectors.js';

/**
 * How the record's key is handed to des-wasm:
 *   tdes24  KEY1 ‖ KEY2 ‖ KEY3 (always)
 *   tdes16  KEY1 ‖ KEY2, for records with KEY3 = KEY1 (two-key TDES, SP 800-67 keying option 2)
 *   des     KEY1 alone, for KAT records whose single key means KEY1 = KEY2 = KEY3 (TDES = DES)
 */
export type KeyForm = 'tdes24' | 'tdes16' | 'des';

/** The key forms a record is run with, read from the record itself. */
export function keyFormsFor(r: TdesRecord): KeyForm[] {
  const same = (a: Uint8Array, b: Uint8Array) => a.every((x, i) => x === b[i]);
  if (r.singleKey) return ['tdes24', 'des'];
  return same(r.keys[0], r.keys[2]) ? ['tdes24', 'tdes16'] : ['tdes24'];
}

/** Run `r` in `direction` with `form`; a message when the output differs from the file, else undefined. */
export function runCavpRecord(mode: CavpMode, r: TdesRecord, direction: Direction, form: KeyForm): string | undefined {
  const input = (direction === 'encrypt' ? r.plaintext : r.ciphertext).slice();
  const expected = direction === 'encrypt' ? r.ciphertext : r.plaintext;
  const what = `${direction} (${form})`;

  if (mode === 'cfb1' && r.bits % 8 !== 0) {
    const algorithm = form === 'des' ? 'des' : 'tdes';
    const key = form === 'des' ? r.keys[0] : r.key;   // the engine takes a full 24-byte TDES key
    const output = new Uint8Array(input.length);
    // CFB runs the block cipher forwards in both directions.
    runMode('cfb1', direction, expandKey(algorithm, key, 'encrypt'), newState(r.iv!.slice()), input, output, r.bits);
    const want = toBitString(expected, r.bits), got = toBitString(output, r.bits);
    return want === got ? undefined : `${what} [engine cfb1, ${r.bits} bits]: expected ${want}, got ${got}`;
  }

  const family = form === 'des' ? des : tdes;
  const key = form === 'des' ? r.keys[0].slice() : form === 'tdes16' ? concat(r.keys[0], r.keys[1]) : r.key.slice();
  const iv = r.iv?.slice();
  const cipher =
    mode === 'ecb' ? family.ecb(key, { padding: 'none' })
    : mode === 'cbc' ? family.cbc(key, iv!, { padding: 'none' })
    : mode === 'cfb1' ? family.cfb(key, iv!, { segment: 1 })
    : mode === 'cfb8' ? family.cfb(key, iv!, { segment: 8 })
    : mode === 'cfb64' ? family.cfb(key, iv!, { segment: 64 })
    : family.ofb(key, iv!);
  return differ(what, expected, cipher[direction](input));
}

/**
 * Every record runs in its section's direction and back the other way (a known pair holds both
 * ways in every mode), with every key form keyFormsFor gives. Returns the problems found.
 */
export function checkCavpRecord(mode: CavpMode, r: TdesRecord): string | undefined {
  const problems: string[] = [];
  const other: Direction = r.direction === 'encrypt' ? 'decrypt' : 'encrypt';
  for (const form of keyFormsFor(r)) {
    for (const direction of [r.direction, other]) {
      try {
        const problem = runCavpRecord(mode, r, direction, form);
        if (problem) problems.push(problem);
      } catch (error) {
        problems.push(`${direction} (${form}) threw ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}

export function cavpLabel(file: string) {
  return (r: TdesRecord) => `${file} [${r.direction.toUpperCase()}] COUNT = ${r.count} (line ${r.line})`;
}

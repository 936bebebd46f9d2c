/** Types for emit.mjs (used by test/sbox-circuits.test.ts). */

export type Gate = 'not' | 'and' | 'or' | 'xor' | 'andnot' | 'bitselect';

/** One S-box circuit in SSA form, as stored in scripts/sbox/circuits.json. */
export interface Circuit {
  name: string;
  gates: number;
  outputs: { o1: string; o2: string; o3: string; o4: string };
  code: { out: string; op: Gate; args: string[] }[];
}

/** The whole of scripts/sbox/circuits.json. */
export interface CircuitsFile {
  about: string[];
  search: Record<string, unknown>;
  sboxes: Circuit[];
}

export function emitJson(file: { search: Record<string, unknown>; sboxes: Circuit[] }): string;
export function emitAssemblyScript(sboxes: Circuit[]): string;

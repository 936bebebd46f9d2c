/** Types for emit.mjs (used by test/sbox-circuits.test.ts). */

export type Gate = 'not' | 'and' | 'or' | 'xor' | 'andnot' | 'bitselect';

/** One S-box circuit in SSA form, as stored in scripts/sbox/circuits.json. */
export interface Circuit {
  name: string;
  gates: number;
  /** x86-64 instructions as V8 compiles the gates (scripts/sbox/search.mjs, COST). */
  cost: number;
  outputs: { o1: string; o2: string; o3: string; o4: string };
  code: { out: string; op: Gate; args: string[] }[];
}

/** A candidate circuit of one S-box (its name is the key it is stored under). */
export type Candidate = Omit<Circuit, 'name'>;

/** The whole of scripts/sbox/circuits.json. */
export interface CircuitsFile {
  about: string[];
  search: Record<string, unknown>;
  sboxes: Circuit[];
  candidates: Record<string, Candidate[]>;
}

export function emitJson(file: { search: Record<string, unknown>; sboxes: Circuit[]; candidates: Candidate[][] }): string;
export function emitAssemblyScript(sboxes: Circuit[]): string;

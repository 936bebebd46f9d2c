// The payments vector files are UTF-8 (passwords and salts with accents, a G clef): read them as
// such (the shared loadJson reads latin1, which is right for the ASCII-only NIST files).
import { readFileSync } from 'node:fs';
import { VECTORS_DIR } from '../helpers/vectors.js';

export function loadUtf8Json(path: string): any {
  return JSON.parse(readFileSync(VECTORS_DIR + path, 'utf8'));
}

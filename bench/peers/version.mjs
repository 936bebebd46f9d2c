import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version field of a package.json, given its URL or an installed package's name. */
export function readVersion(where) {
  try {
    const file = where instanceof URL ? where : require.resolve(`${where}/package.json`);
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return undefined;
  }
}

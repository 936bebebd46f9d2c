/**
 * The cipher names des-wasm answers to: every DES-family name OpenSSL 3 knows (the same strings
 * node:crypto's createCipheriv takes), plus des-ctr, des-ede-ctr and des-ede3-ctr. Case-insensitive.
 */
import type { Algorithm, EngineMode } from './engine/index.js';
import { fail } from './errors.js';
import { showValue } from './bytes.js';

export interface CipherInfo {
  /** The canonical name, lower case. */
  name: string;
  /** Block cipher: des, tdes (EDE) or desx; 'wrap' is RFC 3217 TDES key wrap. */
  algorithm: Algorithm | 'wrap';
  mode: EngineMode;
  /** The key length in bytes: 8 (DES), 16 (2-key EDE), 24 (3-key EDE, DESX, key wrap). */
  keyLength: number;
  /** The IV length in bytes: 8, or 0 where the mode takes none (ECB, key wrap). */
  ivLength: number;
}

const CIPHERS: CipherInfo[] = [];
const ALIASES = new Map<string, string>();

function add(name: string, algorithm: CipherInfo['algorithm'], mode: EngineMode, keyLength: number, ivLength = 8) {
  CIPHERS.push({ name, algorithm, mode, keyLength, ivLength });
}

add('des-ecb', 'des', 'ecb', 8, 0);
add('des-cbc', 'des', 'cbc', 8);
add('des-cfb', 'des', 'cfb64', 8);
add('des-cfb1', 'des', 'cfb1', 8);
add('des-cfb8', 'des', 'cfb8', 8);
add('des-ofb', 'des', 'ofb', 8);
add('des-ctr', 'des', 'ctr', 8);
add('des-ede', 'tdes', 'ecb', 16, 0);
add('des-ede-cbc', 'tdes', 'cbc', 16);
add('des-ede-cfb', 'tdes', 'cfb64', 16);
add('des-ede-ofb', 'tdes', 'ofb', 16);
add('des-ede-ctr', 'tdes', 'ctr', 16);
add('des-ede3', 'tdes', 'ecb', 24, 0);
add('des-ede3-cbc', 'tdes', 'cbc', 24);
add('des-ede3-cfb', 'tdes', 'cfb64', 24);
add('des-ede3-cfb1', 'tdes', 'cfb1', 24);
add('des-ede3-cfb8', 'tdes', 'cfb8', 24);
add('des-ede3-ofb', 'tdes', 'ofb', 24);
add('des-ede3-ctr', 'tdes', 'ctr', 24);
add('desx-cbc', 'desx', 'cbc', 24);
add('des3-wrap', 'wrap', 'cbc', 24, 0);

// Aliases, as OpenSSL 3 lists them (`openssl list -cipher-algorithms`).
for (const [alias, name] of [
  ['des', 'des-cbc'], ['des-ede-ecb', 'des-ede'], ['des-ede3-ecb', 'des-ede3'], ['des3', 'des-ede3-cbc'],
  ['desx', 'desx-cbc'], ['id-smime-alg-cms3deswrap', 'des3-wrap'],
]) ALIASES.set(alias, name);

const BY_NAME = new Map(CIPHERS.map((c) => [c.name, c]));

/** Look a cipher up by any of its names, or throw ERR_CRYPTO_UNKNOWN_CIPHER. */
export function cipherInfo(name: unknown): CipherInfo {
  if (typeof name !== 'string') {
    throw fail('ERR_INVALID_ARG_TYPE', `cipher name: expected string, got ${name === null ? 'null' : typeof name}`);
  }
  const lower = name.toLowerCase();
  const info = BY_NAME.get(ALIASES.get(lower) ?? lower);
  if (!info) throw fail('ERR_CRYPTO_UNKNOWN_CIPHER', `Unknown cipher: ${showValue(name)}; getCiphers() lists the names des-wasm knows`);
  return info;
}

/** Every name and alias, sorted, as node:crypto's getCiphers() lists them. */
export function getCiphers(): string[] {
  return [...BY_NAME.keys(), ...ALIASES.keys()].sort();
}

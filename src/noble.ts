/**
 * @noble/hashes, in one place (never hand-written): SHA-1 and MD5 for the payment, smart-card and
 * legacy subpaths (EMV option B, MS-CHAPv2, NTLM), and the portable entry's hash provider
 * (./hashes.ts): MD5, SHA-1 and SHA-256, PBKDF2-HMAC over them.
 */
import type { CHash } from '@noble/hashes/utils.js';
import { md5 as md5Hash, sha1 as sha1Hash } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { pbkdf2 as pbkdf2Hmac } from '@noble/hashes/pbkdf2.js';
import type { Digest, Hashes } from './hashes.js';

export const sha1 = (data: Uint8Array): Uint8Array => sha1Hash(data);
export const md5 = (data: Uint8Array): Uint8Array => md5Hash(data);

const NOBLE: Partial<Record<Digest, CHash>> = { md5: md5Hash, sha1: sha1Hash, sha256 };

export const NOBLE_HASHES: Hashes = {
  digests: ['md5', 'sha1', 'sha256'],
  hash(md, parts) {
    const h = NOBLE[md]!.create();
    for (const part of parts) h.update(part);
    return h.digest();
  },
  pbkdf2: (md, password, salt, c, dkLen) => pbkdf2Hmac(NOBLE[md]!, password, salt, { c, dkLen }),
};

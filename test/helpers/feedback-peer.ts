/**
 * pycryptodome as a peer for the CFB segments and OFB feedbacks OpenSSL does not have: one child
 * Python process answers a whole list of cases.
 *
 *   cfb  DES / DES3 from pycryptodome's own MODE_CFB with `segment_size` in bits (multiples of 8),
 *        which carries a partial segment from one encrypt() call to the next as des-wasm does.
 *   ofb  n-bit OFB (FIPS 81): pycryptodome's OFB is 64-bit only, so it is written in the Python
 *        below over pycryptodome's ECB, as FIPS 81 describes it (the register shifts in the top n
 *        bits of each output block, which are the keystream).
 *   desx pycryptodome has no DESX: its block is written in the Python below as outer ⊕ DES_K(x ⊕
 *        inner) over pycryptodome's DES ECB, and CFB runs over it as FIPS 81 describes it; that
 *        textbook CFB is the one the script also checks against MODE_CFB on DES (`selfCheck`).
 *
 * Install: `apt-get install -y python3-pycryptodome` (Debian's package, imported as Cryptodome;
 * pip's `pycryptodome` is imported as Crypto: either works).
 */
import { execFileSync } from 'node:child_process';
import { python } from './pycryptodome.js';

export interface PyCase {
  algorithm: 'des' | 'tdes' | 'desx';
  family: 'cfb' | 'ofb';
  /** Segment or feedback in bits: 8 … 64 in steps of 8. */
  bits: number;
  decrypt: boolean;
  key: string;
  iv: string;
  /** The message, hex; it may end inside a segment. */
  data: string;
}

const SCRIPT = String.raw`
import json, sys
try:
    from Cryptodome.Cipher import DES, DES3
except ImportError:
    from Crypto.Cipher import DES, DES3

def block_function(algorithm, key):
    if algorithm == 'des':
        return DES.new(key, DES.MODE_ECB).encrypt
    if algorithm == 'tdes':
        return DES3.new(key, DES3.MODE_ECB).encrypt
    des = DES.new(key[:8], DES.MODE_ECB)
    inner, outer = key[8:16], key[16:24]
    xor = lambda a, b: bytes(x ^ y for x, y in zip(a, b))
    return lambda block: xor(des.encrypt(xor(block, inner)), outer)

def textbook(family, encrypt, s, iv, data, decrypt):
    # FIPS 81: each block operation encrypts the register; the top s bytes of the result are the
    # keystream for the next s bytes; the register shifts in the ciphertext (CFB) or the keystream
    # (OFB). A last partial segment uses as many keystream bytes as it has.
    register, out = iv, bytearray()
    for i in range(0, len(data), s):
        keystream = encrypt(register)[:s]
        piece = data[i:i + s]
        result = bytes(x ^ k for x, k in zip(piece, keystream))
        out += result
        feedback = keystream if family == 'ofb' else (piece if decrypt else result)
        register = register[s:] + feedback if s < 8 else feedback
    return bytes(out)

def answer(case):
    key, iv, data = (bytes.fromhex(case[k]) for k in ('key', 'iv', 'data'))
    s = case['bits'] // 8
    if case['family'] == 'cfb' and case['algorithm'] != 'desx':
        module = DES if case['algorithm'] == 'des' else DES3
        c = module.new(key, module.MODE_CFB, iv=iv, segment_size=case['bits'])
        return (c.decrypt if case['decrypt'] else c.encrypt)(data).hex()
    return textbook(case['family'], block_function(case['algorithm'], key), s, iv, data, case['decrypt']).hex()

def self_check():
    # The textbook CFB (used for DESX) against MODE_CFB, on DES, every segment, both ways.
    key, iv = bytes(range(1, 9)), bytes(range(20, 28))
    data = bytes((7 * i + 3) % 256 for i in range(77))
    for bits in range(8, 72, 8):
        for decrypt in (False, True):
            c = DES.new(key, DES.MODE_CFB, iv=iv, segment_size=bits)
            expected = (c.decrypt if decrypt else c.encrypt)(data)
            got = textbook('cfb', block_function('des', key), bits // 8, iv, data, decrypt)
            if got != expected:
                return 'textbook CFB-%d %s differs from MODE_CFB' % (bits, 'decrypt' if decrypt else 'encrypt')
    return 'ok'

cases = json.load(sys.stdin)
json.dump({'selfCheck': self_check(), 'answers': [answer(c) for c in cases]}, sys.stdout)
`;

/** Every case's output as hex, and the script's check of its textbook CFB against MODE_CFB. */
export function pycryptodome(cases: PyCase[]): { selfCheck: string; answers: string[] } {
  const out = execFileSync(python(), ['-c', SCRIPT], { input: JSON.stringify(cases), maxBuffer: 256 << 20 });
  return JSON.parse(out.toString()) as { selfCheck: string; answers: string[] };
}

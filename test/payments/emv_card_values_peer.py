"""
An independent EMV and card-value implementation for emv-card-values-peer.test.ts, written from the
standards' descriptions (EMV 4.3 Book 2 A1.3.1, A1.4.1, A1.4.2, 8.1.2, 8.2.1, 8.2.2; ISO/IEC 9797-1
MAC algorithm 3 built from single-DES blocks; the Visa CVV / PVV and IBM 3624 rules quoted in
vectors/payments/card_and_pin_verification_values.json). Only block ciphers come from pycryptodome
and SHA-1 from hashlib; MAC, parity and decimalization are written here. JSON cases in on stdin,
JSON results out on stdout.
"""
import sys, json, hashlib
try:
    from Cryptodome.Cipher import DES, DES3
except ImportError:
    from Crypto.Cipher import DES, DES3

def e(key, block):
    # One ECB encryption: single DES for 8-byte keys, EDE Triple-DES for 16 or 24.
    if len(key) == 8:
        return DES.new(key, DES.MODE_ECB).encrypt(block)
    return DES3.new(key, DES3.MODE_ECB).encrypt(block)

def d1(key, block):
    return DES.new(key, DES.MODE_ECB).decrypt(block)

def xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))

def odd_parity(key):
    out = bytearray()
    for b in key:
        high = b & 0xFE
        out.append(high | (0 if bin(high).count('1') % 2 else 1))
    return bytes(out)

def mac3(key, data, method):
    # ISO/IEC 9797-1 MAC algorithm 3: CBC with single DES under K, last block e_K(d_K'(H_q)).
    if method == 2:
        data = data + b'\x80'
    if len(data) % 8 or not data:
        data = data + b'\x00' * (8 - len(data) % 8)
    k, k2 = key[:8], key[8:16]
    h = bytes(8)
    for i in range(0, len(data), 8):
        h = e(k, xor(h, data[i:i + 8]))
    return e(k, d1(k2, h))

def letters_after_digits(hexstring, n):
    hexstring = hexstring.upper()
    picked = [c for c in hexstring if c in '0123456789']
    picked += [str('ABCDEF'.index(c)) for c in hexstring if c in 'ABCDEF']
    return ''.join(picked[:n])

def icc_mk(imk, pan, psn, option):
    if option == 'B' and len(pan) > 16:
        x = pan + psn
        if len(x) % 2:
            x = '0' + x
        y = letters_after_digits(hashlib.sha1(bytes.fromhex(x)).hexdigest(), 16)
    else:
        y = (pan + psn)[-16:].rjust(16, '0')
    y = bytes.fromhex(y)
    return odd_parity(e(imk, y) + e(imk, xor(y, b'\xff' * 8)))

def session_key(mk, atc):
    r = atc + bytes(6)
    f1 = r[:2] + b'\xf0' + r[3:]
    f2 = r[:2] + b'\x0f' + r[3:]
    return odd_parity(e(mk, f1) + e(mk, f2))

def emv_case(c):
    imk = bytes.fromhex(c['imk'])
    mk = icc_mk(imk, c['pan'], c.get('psn', '00'), c['option'])
    sk = session_key(mk, bytes.fromhex(c['atc']))
    arqc = mac3(sk, bytes.fromhex(c['data']), c['padding'])
    if c['arpcMethod'] == 1:
        arc = bytes.fromhex(c['arc'])
        arpc = e(sk, xor(arqc, arc + bytes(6)))
    else:
        arpc = mac3(sk, arqc + bytes.fromhex(c['csu']) + bytes.fromhex(c['proprietary']), 2)[:4]
    return {'mk': mk.hex(), 'sk': sk.hex(), 'arqc': arqc.hex(), 'arpc': arpc.hex()}

def card_case(c):
    cvk = bytes.fromhex(c['cvk'])
    digits = (c['pan'] + c['expiry'] + c['serviceCode']).ljust(32, '0')
    b1, b2 = bytes.fromhex(digits[:16]), bytes.fromhex(digits[16:])
    r = e(cvk, xor(e(cvk[:8], b1), b2))
    cvv = letters_after_digits(r.hex(), 3)
    pvk = bytes.fromhex(c['pvk'])
    tsp = c['pan'][-12:-1] + str(c['pvki']) + c['pin'][:4]
    pvv = letters_after_digits(e(pvk, bytes.fromhex(tsp)).hex(), 4)
    ibm_key = bytes.fromhex(c['ibmKey'])
    table = c['decimalization']
    intermediate = ''.join(table[int(h, 16)] for h in e(ibm_key, bytes.fromhex(c['validationData'])).hex())
    natural = intermediate[:len(c['pin'])]
    offset = ''.join(str((int(p) - int(n)) % 10) for p, n in zip(c['pin'], natural))
    return {'cvv': cvv, 'pvv': pvv, 'offset': offset}

cases = json.load(sys.stdin)
json.dump({'emv': [emv_case(c) for c in cases['emv']], 'card': [card_case(c) for c in cases['card']]}, sys.stdout)

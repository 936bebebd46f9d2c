"""An independent TDES DUKPT for des-wasm's differential test (test/payments/dukpt.test.ts):
pycryptodome's single DES (TDES written as E-D-E by hand, so that pycryptodome's own key checks
do not get in the way), from the algorithm as ANSI X9.24-1:2009 Annex A states it, with 80-bit
integers for the KSN. It shares no code with src/payments.

Reads a JSON list of cases on stdin, writes a JSON list of results on stdout."""
import json, sys
try:
    from Cryptodome.Cipher import DES
except ImportError:
    from Crypto.Cipher import DES

def E(k, b): return DES.new(k, DES.MODE_ECB).encrypt(b)
def D(k, b): return DES.new(k, DES.MODE_ECB).decrypt(b)
def ede(k, b): return E(k[:8], D(k[8:16], E(k[:8], b)))
def xor(a, b): return bytes(x ^ y for x, y in zip(a, b))
C0 = bytes.fromhex('C0C0C0C000000000C0C0C0C000000000')
VARIANT = {'pin': 0xFF, 'macRequest': 0xFF00, 'macResponse': 0xFF000000, 'dataRequest': 0xFF0000, 'dataResponse': 0xFF00000000}

def initial_key(bdk, ksn):
    reg = ((int.from_bytes(ksn, 'big') & ~0x1FFFFF) >> 16).to_bytes(8, 'big')
    return ede(bdk, reg) + ede(xor(bdk, C0), reg)

def nrkgp(key, reg):
    def half(k): return xor(E(k[:8], xor(reg, k[8:])), k[8:])
    return half(xor(key, C0)) + half(key)

def transaction_key(ik, ksn):
    n = int.from_bytes(ksn, 'big')
    counter, reg, key = n & 0x1FFFFF, n & 0xFFFFFFFFFFE00000, ik
    for i in reversed(range(21)):
        if counter >> i & 1:
            reg |= 1 << i
            key = nrkgp(key, reg.to_bytes(8, 'big'))
    return key

def working_key(t, usage, variant_only):
    if usage == 'transaction': return t
    v = VARIANT[usage]
    k = xor(t, ((v << 64) | v).to_bytes(16, 'big'))
    if usage.startswith('data') and not variant_only: k = ede(k, k[:8]) + ede(k, k[8:])
    return k

def pin_block0(pin, pan):
    field = ('0%X%s' % (len(pin), pin)).ljust(16, 'F')
    return xor(bytes.fromhex(field), bytes.fromhex('0000' + pan[-13:-1]))

def x919(k, data, n):
    data = data + bytes(-len(data) % 8)
    h = bytes(8)
    for i in range(0, len(data), 8): h = E(k[:8], xor(h, data[i:i + 8]))
    return E(k[:8], D(k[8:], h))[:n]

def cbc(k, iv, data):
    data, out = data + bytes(-len(data) % 8), b''
    for i in range(0, len(data), 8):
        iv = ede(k, xor(iv, data[i:i + 8])); out += iv
    return out

out = []
for c in json.load(sys.stdin):
    bdk, ksn = bytes.fromhex(c['bdk']), bytes.fromhex(c['ksn'])
    ik = initial_key(bdk, ksn)
    t = transaction_key(ik, ksn)
    keys = {u: working_key(t, u, False).hex() for u in ['transaction'] + list(VARIANT)}
    keys['dataRequestVariantOnly'] = working_key(t, 'dataRequest', True).hex()
    keys['dataResponseVariantOnly'] = working_key(t, 'dataResponse', True).hex()
    data = bytes.fromhex(c['data'])
    out.append({
        'ipek': ik.hex(), 'keys': keys,
        'pinBlock': ede(working_key(t, 'pin', False), pin_block0(c['pin'], c['pan'])).hex(),
        'macRequest4': x919(working_key(t, 'macRequest', False), data, 4).hex(),
        'macResponse8': x919(working_key(t, 'macResponse', False), data, 8).hex(),
        'dataRequest': cbc(working_key(t, 'dataRequest', False), bytes.fromhex(c['iv']), data).hex(),
        'dataResponse': cbc(working_key(t, 'dataResponse', False), bytes(8), data).hex(),
    })
json.dump(out, sys.stdout)

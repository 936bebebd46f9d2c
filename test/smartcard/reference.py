"""
An independent model of GlobalPlatform SCP02 and MIFARE DESFire DES/TDES, for the smart-card
differential test (crosscheck.test.ts). Only single-block DES / TDES comes from pycryptodome;
CBC, the ISO/IEC 9797-1 MACs, CMAC subkeys, padding and every protocol step are written here,
from the descriptions in GP Card Specification 2.2 Appendix E, NIST SP 800-38B, NXP AN10922 and
libfreefare, without looking at des-wasm's code.

Reads a JSON list of cases on stdin, writes a JSON list of results (hex, upper case) on stdout.
"""
import json
import sys

try:
    from Cryptodome.Cipher import DES, DES3
except ImportError:  # pycryptodome installed under its own name
    from Crypto.Cipher import DES, DES3


def h(s):
    return bytes.fromhex(s)


def x(a, b):
    return bytes(p ^ q for p, q in zip(a, b))


def block_cipher(key):
    if len(key) == 8:
        return DES.new(key, DES.MODE_ECB)
    if key[:8] == key[8:16] and (len(key) == 16 or key[8:16] == key[16:24]):
        return DES.new(key[:8], DES.MODE_ECB)  # pycryptodome refuses degenerate TDES keys
    return DES3.new(key, DES3.MODE_ECB)


def E(key, block):
    return block_cipher(key).encrypt(block)


def D(key, block):
    return block_cipher(key).decrypt(block)


def cbc_encrypt(key, iv, data):
    out, prev = b"", iv
    for i in range(0, len(data), 8):
        prev = E(key, x(data[i:i + 8], prev))
        out += prev
    return out


def cbc_decrypt(key, iv, data):
    out, prev = b"", iv
    for i in range(0, len(data), 8):
        c = data[i:i + 8]
        out += x(D(key, c), prev)
        prev = c
    return out


def pad80(data):
    data = data + b"\x80"
    while len(data) % 8:
        data += b"\x00"
    return data


# --- GlobalPlatform SCP02 -----------------------------------------------------------------------

def scp02_session_key(static, constant, seq):
    return cbc_encrypt(static, bytes(8), constant + seq + bytes(12))


def full_tdes_mac(key, data):
    return cbc_encrypt(key, bytes(8), pad80(data))[-8:]


def retail_mac(key, icv, data):
    k1, k2 = key[:8], key[8:16]
    chain = icv
    for i in range(0, len(data), 8):
        chain = E(k1, x(chain, data[i:i + 8]))
    return E(k1, D(k2, chain))


def scp02(case):
    keys = {k: h(v) for k, v in case["keys"].items()}
    seq, host, card = h(case["seq"]), h(case["host"]), h(case["card"])
    s_enc = scp02_session_key(keys["enc"], b"\x01\x82", seq)
    s_mac = scp02_session_key(keys["mac"], b"\x01\x01", seq)
    s_rmac = scp02_session_key(keys["mac"], b"\x01\x02", seq)
    s_dek = scp02_session_key(keys["dek"], b"\x01\x81", seq)
    level, icv_enc = case["level"], case["icvEncryption"]
    state = {"last": None}

    def wrap(cla, ins, p1, p2, data, le, encrypt):
        if state["last"] is None:
            icv = bytes(8)
        elif icv_enc:
            icv = E(s_mac[:8], state["last"])
        else:
            icv = state["last"]
        cla |= 0x04
        mac = retail_mac(s_mac, icv, pad80(bytes([cla, ins, p1, p2, len(data) + 8]) + data))
        state["last"] = mac
        if encrypt and data:
            data = cbc_encrypt(s_enc, bytes(8), pad80(data))
        return bytes([cla, ins, p1, p2, len(data) + 8]) + data + mac + (bytes([le]) if le is not None else b"")

    host_crypto = full_tdes_mac(s_enc, seq + card + host)
    out = {
        "enc": s_enc, "cmac": s_mac, "rmac": s_rmac, "dek": s_dek,
        "cardCryptogram": full_tdes_mac(s_enc, host + seq + card),
        "hostCryptogram": host_crypto,
        "externalAuthenticate": wrap(0x80, 0x82, level, 0x00, host_crypto, None, False),
    }
    wrapped = []
    for apdu in case["apdus"]:
        a = h(apdu)
        if len(a) == 4:
            data, le = b"", None
        elif len(a) == 5:
            data, le = b"", a[4]
        elif len(a) == 5 + a[4]:
            data, le = a[5:], None
        else:
            data, le = a[5:-1], a[-1]
        wrapped.append(a if level == 0 else wrap(a[0], a[1], a[2], a[3], data, le, level == 3))
    out["wrapped"] = wrapped
    return out


def scp02_diversify(case):
    master, kdd = h(case["master"]), h(case["kdd"])
    six = kdd[4:10] if case["method"] == "emv" else kdd[0:2] + kdd[4:8]
    return {name: E(master, six + bytes([0xF0, c]) + six + bytes([0x0F, c]))
            for name, c in (("enc", 1), ("mac", 2), ("dek", 3))}


# --- MIFARE DESFire ------------------------------------------------------------------------------

def double(block):
    """Multiplication by x in GF(2^64), R = 0x1B (SP 800-38B 5.3, 6.1)."""
    n = int.from_bytes(block, "big") << 1
    if n >> 64:
        n = (n & ((1 << 64) - 1)) ^ 0x1B
    return n.to_bytes(8, "big")


def an10922_mac(key, d):
    k1 = double(E(key, bytes(8)))
    k2 = double(k1)
    if len(d) == 16:
        m = d[:8] + x(d[8:], k1)
    else:
        p = d + b"\x80" + bytes(15 - len(d))
        m = p[:8] + x(p[8:], k2)
    return cbc_encrypt(key, bytes(8), m)[-8:]


def desfire_diversify(case):
    master, m = h(case["master"]), h(case["input"])
    constants = [0x21, 0x22] if len(master) == 16 else [0x31, 0x32, 0x33]
    return {"key": b"".join(an10922_mac(master, bytes([c]) + m) for c in constants)}


def set_key_version(case):
    key, version = bytearray(h(case["key"])), case["version"]
    for n in range(8):
        bit = (version >> (7 - n)) & 1
        key[n] = (key[n] & 0xFE) | bit
        if len(key) == 16:
            key[n + 8] = (key[n + 8] & 0xFE) | (1 - bit)
    return {"key": bytes(key)}


def rotl(b):
    return b[1:] + b[:1]


def authenticate(case):
    key, rnd_a, enc_b = h(case["key"]), h(case["rndA"]), h(case["encRndB"])
    if case["command"] == "iso":
        rnd_b = cbc_decrypt(key, bytes(8), enc_b)
        host = cbc_encrypt(key, enc_b[-8:], rnd_a + rotl(rnd_b))
        final = cbc_encrypt(key, host[-8:], rotl(rnd_a))
    else:
        rnd_b = D(key, enc_b)
        b1 = D(key, rnd_a)
        b2 = D(key, x(rotl(rnd_b), b1))
        host = b1 + b2
        final = E(key, rotl(rnd_a))
    as_des = len(key) == 8 or (len(key) == 16 and key[:8] == key[8:])
    if as_des:
        session = (rnd_a[0:4] + rnd_b[0:4]) * 2
    elif len(key) == 16:
        session = rnd_a[0:4] + rnd_b[0:4] + rnd_a[4:8] + rnd_b[4:8]
    else:
        session = rnd_a[0:4] + rnd_b[0:4] + rnd_a[6:10] + rnd_b[6:10] + rnd_a[12:16] + rnd_b[12:16]
    return {"hostResponse": host, "expectedCardFinal": final, "sessionKey": session}


def encode(value):
    if isinstance(value, bytes):
        return value.hex().upper()
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


KINDS = {
    "scp02": scp02, "scp02Diversify": scp02_diversify,
    "desfireDiversify": desfire_diversify, "setKeyVersion": set_key_version, "authenticate": authenticate,
}

json.dump([encode(KINDS[c["kind"]](c)) for c in json.load(sys.stdin)], sys.stdout)

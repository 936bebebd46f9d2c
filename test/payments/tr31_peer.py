"""An independent TR-31 (versions A, B, C) implementation for des-wasm's tests, on pycryptodome's
DES3 and CMAC. Written from the construction as TR-31:2018 Annex A / X9.143 describe it; it
shares no code with des-wasm.

Reads a JSON list of requests on stdin, writes a JSON list of answers on stdout:
  {"op": "unwrap", "kbpk": hex, "block": str}
      -> {"ok": true, "key": hex, "padding": hex, "kcv": hex, "header_length": n}  or  {"ok": false, "why": str}
  {"op": "wrap", "kbpk": hex, "version": "A"|"B"|"C", "fields": "P0TE00E" (usage, algorithm,
   mode, key version, exportability), "blocks": [[id, data], ...], "key": hex, "padding": hex,
   "bits": n (optional: a key length field other than the key's, for testing a reader)}
      -> {"ok": true, "block": str}
"""
import json
import sys

try:
    from Crypto.Cipher import DES, DES3
    from Crypto.Hash import CMAC
except ImportError:  # Debian's python3-pycryptodome installs as Cryptodome
    from Cryptodome.Cipher import DES, DES3
    from Cryptodome.Hash import CMAC


def tdes_key(key):
    # pycryptodome's DES3 takes 16 or 24 bytes (K3 = K1 for 16).
    return bytes(key)


def cbc_encrypt(key, iv, data):
    return DES3.new(tdes_key(key), DES3.MODE_CBC, iv=iv).encrypt(data)


def cbc_decrypt(key, iv, data):
    return DES3.new(tdes_key(key), DES3.MODE_CBC, iv=iv).decrypt(data)


def cbc_mac(key, data):
    """ISO 9797-1 MAC algorithm 1, padding method 1 (zeros), full 8 bytes."""
    if len(data) % 8:
        data = data + bytes(8 - len(data) % 8)
    return cbc_encrypt(key, bytes(8), data)[-8:]


def cmac(key, data):
    return CMAC.new(tdes_key(key), msg=data, ciphermod=DES3).digest()


def variant_keys(kbpk):
    return bytes(b ^ 0x45 for b in kbpk), bytes(b ^ 0x4D for b in kbpk)


def derived_keys(kbpk):
    algorithm, bits = (b"\x00\x00", b"\x00\x80") if len(kbpk) == 16 else (b"\x00\x01", b"\x00\xc0")
    parts = len(kbpk) // 8
    enc = b"".join(cmac(kbpk, bytes([i]) + b"\x00\x00" + b"\x00" + algorithm + bits) for i in range(1, parts + 1))
    mac = b"".join(cmac(kbpk, bytes([i]) + b"\x00\x01" + b"\x00" + algorithm + bits) for i in range(1, parts + 1))
    return enc, mac


def header_length(block):
    """16, plus the optional blocks: 2-character ID, 2 hex digits of length (or 00, a count of
    length bytes, then the length), data."""
    count = int(block[12:14])
    pos = 16
    for _ in range(count):
        size = int(block[pos + 2:pos + 4], 16)
        if size == 0:
            digits = 2 * int(block[pos + 4:pos + 6], 16)
            size = int(block[pos + 6:pos + 6 + digits], 16)
        pos += size
    return pos


def unwrap(kbpk, block):
    version = block[0]
    mac_len = 8 if version == "B" else 4
    hl = header_length(block)
    header = block[:hl].encode("ascii")
    body = bytes.fromhex(block[hl:])
    encrypted, mac = body[:-mac_len], body[-mac_len:]
    if version == "B":
        kbek, kbak = derived_keys(kbpk)
        payload = cbc_decrypt(kbek, mac, encrypted)
        ok = cmac(kbak, header + payload) == mac
    else:
        kbek, kbak = variant_keys(kbpk)
        ok = cbc_mac(kbak, header + encrypted)[:4] == mac
        payload = cbc_decrypt(kbek, header[:8], encrypted)
    if not ok:
        return {"ok": False, "why": "mac"}
    n = int.from_bytes(payload[:2], "big") // 8
    key = payload[2:2 + n]
    return {"ok": True, "key": key.hex().upper(), "padding": payload[2 + n:].hex().upper(),
            "kcv": kcv(key).hex().upper(), "header_length": hl}


def kcv(key):
    """E_K(0), first 3 bytes, by single DES steps (EDE), so that DES keys and degenerate TDES keys work too."""
    k1, k2, k3 = key[:8], key[8:16] or key[:8], key[16:24] or key[:8]
    x = DES.new(k1, DES.MODE_ECB).encrypt(bytes(8))
    x = DES.new(k2, DES.MODE_ECB).decrypt(x)
    return DES.new(k3, DES.MODE_ECB).encrypt(x)[:3]


def optional_blocks(blocks):
    out = ""
    for block_id, data in blocks:
        if len(data) + 4 <= 255:
            out += block_id + format(len(data) + 4, "02X") + data
        else:
            out += block_id + "0002" + format(len(data) + 10, "04X") + data
    count = len(blocks)
    if len(out) % 8:
        # A padding block of '0's, never empty (as psec writes it).
        zeros = 8 - (len(out) + 4) % 8
        out += "PB" + format(4 + zeros, "02X") + "0" * zeros
        count += 1
    return count, out


def wrap(kbpk, version, fields, blocks, key, padding, bits=None):
    count, opt = optional_blocks(blocks)
    payload = (8 * len(key) if bits is None else bits).to_bytes(2, "big") + key + padding
    assert len(payload) % 8 == 0
    mac_len = 8 if version == "B" else 4
    total = 16 + len(opt) + 2 * len(payload) + 2 * mac_len
    header = version + "%04d" % total + fields + "%02d" % count + "00" + opt
    if version == "B":
        kbek, kbak = derived_keys(kbpk)
        mac = cmac(kbak, header.encode("ascii") + payload)
        encrypted = cbc_encrypt(kbek, mac, payload)
    else:
        kbek, kbak = variant_keys(kbpk)
        encrypted = cbc_encrypt(kbek, header.encode("ascii")[:8], payload)
        mac = cbc_mac(kbak, header.encode("ascii") + encrypted)[:4]
    return header + encrypted.hex().upper() + mac.hex().upper()


def main():
    answers = []
    for r in json.load(sys.stdin):
        kbpk = bytes.fromhex(r["kbpk"])
        if r["op"] == "unwrap":
            answers.append(unwrap(kbpk, r["block"]))
        else:
            answers.append({"ok": True, "block": wrap(kbpk, r["version"], r["fields"], r["blocks"],
                                                      bytes.fromhex(r["key"]), bytes.fromhex(r["padding"]),
                                                      r.get("bits"))})
    json.dump(answers, sys.stdout)


main()

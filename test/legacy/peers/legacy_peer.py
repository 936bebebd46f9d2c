"""An independent implementation of the legacy protocols for des-wasm's differential tests,
written from the specifications (MS-NLMP 3.3.1, RFC 2759, RFB 7.2.2, RFC 3961 6.2) on
pycryptodome's single-block DES and MD4 and Python's hashlib; crypt(3) hashes come from the
machine's libcrypt (libxcrypt) through Python's crypt module.

Reads a JSON list of cases on stdin, writes a JSON list of results (hex, or null) on stdout.
Needs pycryptodome (apt-get install -y python3-pycryptodome, or pip install pycryptodome) and
Python's crypt module (Python 3.12 or older)."""
import hashlib, json, sys, warnings

try:
    from Cryptodome.Cipher import DES
    from Cryptodome.Hash import MD4
except ImportError:
    from Crypto.Cipher import DES
    from Crypto.Hash import MD4

with warnings.catch_warnings():
    warnings.simplefilter('ignore', DeprecationWarning)
    import crypt


def md4(data):
    return MD4.new(data).digest()


def des_key(seven):
    """56 bits into 8 bytes, 7 bits per byte in the high bits."""
    n = int.from_bytes(seven, 'big')
    return bytes(((n >> (49 - 7 * i)) & 0x7F) << 1 for i in range(8))


def des(key, block):
    return DES.new(key, DES.MODE_ECB).encrypt(block)


def desl(k16, challenge):
    k = k16 + bytes(5)
    return b''.join(des(des_key(k[i:i + 7]), challenge) for i in (0, 7, 14))


def unicode(password):
    return password.encode('utf-16-le', 'surrogatepass')


def lm_hash(password):
    if len(password) > 14 or any(not (0x20 <= ord(c) <= 0x7E) for c in password):
        return None
    p = password.upper().encode('ascii').ljust(14, b'\0')
    return des(des_key(p[:7]), b'KGS!@#$%') + des(des_key(p[7:]), b'KGS!@#$%')


def ntlm_v1(c):
    challenge = bytes.fromhex(c['serverChallenge'])
    lm = lm_hash(c['password'])
    return {'nt': desl(md4(unicode(c['password'])), challenge).hex(),
            'lm': None if lm is None else desl(lm, challenge).hex()}


def ntlm_v1ess(c):
    sc, cc = bytes.fromhex(c['serverChallenge']), bytes.fromhex(c['clientChallenge'])
    return {'nt': desl(md4(unicode(c['password'])), hashlib.md5(sc + cc).digest()[:8]).hex(),
            'lm': (cc + bytes(16)).hex()}


def mschapv2(c):
    auth, peer = bytes.fromhex(c['authenticatorChallenge']), bytes.fromhex(c['peerChallenge'])
    challenge = hashlib.sha1(peer + auth + c['username'].encode('utf-8')).digest()[:8]
    pw_hash = md4(unicode(c['password']))
    nt = desl(pw_hash, challenge)
    digest = hashlib.sha1(md4(pw_hash) + nt + b'Magic server to client signing constant').digest()
    digest = hashlib.sha1(digest + challenge + b'Pad to make it do more than one iteration').digest()
    return {'nt': nt.hex(), 'auth': 'S=' + digest.hex().upper()}


def bitrev(b):
    return int(f'{b:08b}'[::-1], 2)


def vnc(c):
    key = bytes(bitrev(b) for b in c['password'].encode('utf-8')[:8].ljust(8, b'\0'))
    ch = bytes.fromhex(c['challenge'])
    return {'response': (des(key, ch[:8]) + des(key, ch[8:])).hex()}


WEAK = {bytes.fromhex(h) for h in (
    '0101010101010101 FEFEFEFEFEFEFEFE E0E0E0E0F1F1F1F1 1F1F1F1F0E0E0E0E '
    '011F011F010E010E 1F011F010E010E01 01E001E001F101F1 E001E001F101F101 '
    '01FE01FE01FE01FE FE01FE01FE01FE01 1FE01FE00EF10EF1 E01FE01FF10EF10E '
    '1FFE1FFE0EFE0EFE FE1FFE1FFE0EFE0E E0FEE0FEF1FEF1FE FEE0FEE0FEF1FEF1').split()}


def odd_parity(key):
    return bytes((b & 0xFE) | (bin(b & 0xFE).count('1') + 1) % 2 for b in key)


def correct(key):
    key = odd_parity(key)
    return key[:7] + bytes([key[7] ^ 0xF0]) if key in WEAK else key


def kerberos(c):
    s = c['password'].encode('utf-8') + c['salt'].encode('utf-8')
    s = s + bytes(-len(s) % 8)
    folded = 0
    for i in range(0, len(s), 8):
        bits = ''.join(f'{b & 0x7F:07b}' for b in s[i:i + 8])
        if (i // 8) % 2 == 1:
            bits = bits[::-1]
        folded ^= int(bits, 2)
    temp = correct(des_key(folded.to_bytes(7, 'big')))
    mac = DES.new(temp, DES.MODE_CBC, iv=temp).encrypt(s)[-8:] if s else temp
    return {'key': correct(mac).hex()}


def crypt3(c):
    return {'hash': crypt.crypt(c['password'], c['setting'])}


KINDS = {'ntlm.v1': ntlm_v1, 'ntlm.v1ess': ntlm_v1ess, 'mschapv2': mschapv2, 'vnc': vnc,
         'kerberos': kerberos, 'crypt': crypt3}
cases = json.load(sys.stdin)
json.dump([KINDS[c['kind']](c) for c in cases], sys.stdout)

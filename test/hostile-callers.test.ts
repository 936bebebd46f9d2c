/**
 * Callers who are careless or hostile: objects that only look like bytes, bytes from another
 * realm, detached buffers, misspelt options, caller code that runs in the middle of a call, and
 * the second encryption under one IV that would repeat a keystream. Every case either works
 * exactly as node:crypto (the peer, run beside) or fails with a coded DesError; none gives wrong
 * bytes.
 */
import * as crypto from 'node:crypto';
import * as vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cbcMac, cmac, createCipheriv, createDecipheriv, des, DesError, kcv, ready, retailMac, tdes, trace, verifyCmac, wrapKey,
} from '../src/node.js';
import { expandKey, leftovers, newState, runMode, withResidentKey } from '../src/engine/index.js';

beforeAll(async () => { await ready(); });

const KEY = Uint8Array.from({ length: 24 }, (_, i) => 0x11 * (i % 8) + i);
const IV = Uint8Array.from({ length: 8 }, (_, i) => 0xf0 + i);
const DATA = Uint8Array.from({ length: 37 }, (_, i) => i * 5);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeOnce = (name: string, data: Uint8Array, key = KEY, iv: Uint8Array | null = IV) => {
  const c = crypto.createCipheriv(name, key, iv);
  return hex(Buffer.concat([c.update(data), c.final()]));
};

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(DesError);
    return (error as DesError).code;
  }
  return 'no error';
}

describe('what counts as bytes: internal slots, not prototypes', () => {
  it('a Uint8Array with a null prototype is its bytes (it gave 0 bytes once)', () => {
    const data = Uint8Array.from(DATA);
    Object.setPrototypeOf(data, null);
    const c = createCipheriv('des-ede3-cbc', KEY, IV);
    expect(hex(Buffer.concat([c.update(data as never), c.final()]))).toBe(nodeOnce('des-ede3-cbc', DATA));
    expect(hex(tdes.cbc(KEY, IV).encrypt(data))).toBe(nodeOnce('des-ede3-cbc', DATA));
  });

  it('typed arrays and ArrayBuffers from another realm (node:vm) are taken', () => {
    const other = vm.runInNewContext('({ key: new Uint8Array(24), buffer: new ArrayBuffer(24), iv: new Uint16Array(4) })');
    new Uint8Array(other.key.buffer).set(KEY);
    new Uint8Array(other.buffer).set(KEY);
    new Uint8Array(other.iv.buffer).set(IV);
    const expected = nodeOnce('des-ede3-cbc', DATA);
    for (const key of [other.key, other.buffer]) {
      const c = createCipheriv('des-ede3-cbc', key, other.iv);
      expect(hex(Buffer.concat([c.update(DATA), c.final()]))).toBe(expected);
      expect(hex(tdes.cbc(key, other.iv).encrypt(DATA))).toBe(expected);
    }
  });

  it('subclasses work, and their overridden methods are never called', () => {
    let called = 0;
    class Spy extends Uint8Array {
      override subarray(...args: Parameters<Uint8Array['subarray']>) { called++; return super.subarray(...args); }
      override slice(...args: Parameters<Uint8Array['slice']>) { called++; return super.slice(...args); }
    }
    const data = new Spy(DATA.length);
    data.set(DATA);
    const c = createCipheriv('des-ede3-cbc', new Spy(KEY.buffer.slice(0)), new Spy(IV.buffer.slice(0)));
    expect(hex(Buffer.concat([c.update(data), c.update(data), c.final()]))).toBe(nodeOnce('des-ede3-cbc', Buffer.concat([DATA, DATA])));
    expect(hex(tdes.ecb(KEY).encrypt(data))).toBe(nodeOnce('des-ede3', DATA, KEY, null));
    expect(called).toBe(0);
  });

  it('a length that lies (an own property, a subclass getter) is never read: the batch calls use the real one', () => {
    const owned = Uint8Array.from(DATA.subarray(0, 16));
    Object.defineProperty(owned, 'length', { get: () => 4096 });
    class Liar extends Uint8Array { override get length() { return 1; } }
    const liar = new Liar(16);
    liar.set(DATA.subarray(0, 16));
    const expected = nodeOnce('des-ede3', DATA.subarray(0, 16), KEY, null);
    for (const message of [owned, liar]) {
      expect(hex(tdes.ecb.encryptMany(KEY, [message], { padding: 'none' })[0])).toBe(expected.slice(0, 32));
      expect(hex(tdes.cbc.encryptMany(KEY, [{ iv: IV, data: message }], { padding: 'none' })[0])).toBe(nodeOnce('des-ede3-cbc', DATA.subarray(0, 16)).slice(0, 32));
    }
  });

  it('impostors are refused with ERR_INVALID_ARG_TYPE, without running a single trap', () => {
    let traps = 0;
    const handler = new Proxy({}, { get: () => { traps++; return undefined; } });
    const proxy = new Proxy(new Uint8Array(24), handler);
    const fake = Object.create(Uint8Array.prototype);
    for (const value of [proxy, fake]) {
      expect(codeOf(() => tdes.ecb(value))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => tdes.ecb(KEY).encrypt(value))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => createCipheriv('des-ede3', value, null))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => createCipheriv('des-ede3', KEY, null).update(value))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => cmac(KEY, value))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => kcv(value))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => trace(value, value))).toBe('ERR_INVALID_ARG_TYPE');
    }
    expect(traps).toBe(0);
  });

  it('detached buffers are refused', () => {
    const detached = new ArrayBuffer(24);
    structuredClone(detached, { transfer: [detached] });
    const view = new Uint8Array(new ArrayBuffer(8));
    structuredClone(view.buffer, { transfer: [view.buffer] });
    expect(codeOf(() => tdes.ecb(detached as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => createCipheriv('des-ede3', detached, null))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => tdes.ecb(KEY).encrypt(view))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => createCipheriv('des-ede3', KEY, null).update(view))).toBe('ERR_INVALID_ARG_TYPE');
  });
});

describe('the batch calls: a caller\'s Uint8Arrays read by their slots and elements only', () => {
  it('no getter or method of theirs runs (length, buffer, byteOffset, subarray, slice), in ECB, CBC and CTR, both ways', () => {
    let touched = 0;
    class Watched extends Uint8Array {
      override get length() { touched++; return super.length; }
      override get buffer() { touched++; return super.buffer; }
      override get byteOffset() { touched++; return super.byteOffset; }
      override get byteLength() { touched++; return super.byteLength; }
      override subarray(...args: Parameters<Uint8Array['subarray']>) { touched++; return super.subarray(...args); }
      override slice(...args: Parameters<Uint8Array['slice']>) { touched++; return super.slice(...args); }
    }
    const watched = (bytes: Uint8Array) => { const w = new Watched(bytes.length); w.set(bytes); return w; };
    const messages = [DATA.subarray(0, 16), DATA.subarray(0, 5), DATA];
    const ecb = messages.map((m) => nodeOnce('des-ede3', m, KEY, null));
    const cbc = messages.map((m) => nodeOnce('des-ede3-cbc', m));
    // CTR from node:crypto's ECB: the keystream is E(counter), E(counter + 1), … (no carry out of the low byte here).
    const counterBlocks = Uint8Array.from([...IV, ...IV, ...IV, ...IV, ...IV]);
    for (let b = 1; b < 5; b++) counterBlocks[8 * b + 7] += b;
    const keystream = Buffer.from(nodeOnce('des-ede3', counterBlocks, KEY, null), 'hex');
    const ctr = messages.map((m) => hex(m.map((x, i) => x ^ keystream[i])));

    const ecbOut = tdes.ecb.encryptMany(KEY, messages.map(watched));
    const cbcOut = tdes.cbc.encryptMany(KEY, messages.map((m) => ({ iv: watched(IV), data: watched(m) })));
    const ctrOut = tdes.ctr.encryptMany(KEY, messages.map((m) => ({ counter: watched(IV), data: watched(m) })));
    expect([ecbOut.map(hex), cbcOut.map(hex), ctrOut.map(hex)]).toEqual([ecb, cbc, ctr]);
    const ecbBack = tdes.ecb.decryptMany(KEY, ecbOut.map(watched));
    const cbcBack = tdes.cbc.decryptMany(KEY, cbcOut.map((c) => ({ iv: watched(IV), data: watched(c) })));
    const ctrBack = tdes.ctr.decryptMany(KEY, ctrOut.map((c) => ({ counter: watched(IV), data: watched(c) })));
    for (const back of [ecbBack, cbcBack, ctrBack]) expect(back.map(hex)).toEqual(messages.map(hex));
    expect(touched).toBe(0);
  });

  it('the inputs are all read before the key is expanded: des-wasm called from an item\'s getter works, and the outer call is right', () => {
    const inner: string[] = [];
    const item = {
      iv: IV,
      get data() {
        inner.push(hex(tdes.ecb.encryptMany(KEY, [DATA.subarray(0, 8)], { padding: 'none' })[0]));
        return DATA;
      },
    };
    const out = tdes.cbc.encryptMany(KEY, [item, { iv: IV, data: DATA.subarray(0, 9) }]);
    expect(inner).toEqual([nodeOnce('des-ede3', DATA.subarray(0, 8), KEY, null).slice(0, 16)]);
    expect(out.map(hex)).toEqual([nodeOnce('des-ede3-cbc', DATA), nodeOnce('des-ede3-cbc', DATA.subarray(0, 9))]);
  });

  it('a getter that detaches the buffer of a message read before it: a DesError naming that message, never bytes read as zeros', () => {
    const fresh = () => Uint8Array.from(DATA.subarray(0, 16));
    const detaching = (earlier: Uint8Array, field: 'iv' | 'counter') =>
      ({ [field]: IV, get data() { structuredClone(earlier.buffer, { transfer: [earlier.buffer] }); return DATA; } }) as never;
    const first = fresh();
    const messages = [first, fresh()];
    Object.defineProperty(messages, 1, { get() { structuredClone(first.buffer, { transfer: [first.buffer] }); return DATA; } });
    expect(() => tdes.ecb.encryptMany(KEY, messages)).toThrow(expect.objectContaining({
      code: 'ERR_INVALID_ARG_VALUE', message: 'messages[0]: its buffer was resized or detached while the input was read' }));
    const data = fresh();
    expect(() => tdes.cbc.encryptMany(KEY, [{ iv: IV, data }, detaching(data, 'iv')])).toThrow(expect.objectContaining({
      code: 'ERR_INVALID_ARG_VALUE', message: 'items[0]: its buffer was resized or detached while the input was read' }));
    const iv = Uint8Array.from(IV);
    expect(() => tdes.ctr.encryptMany(KEY, [{ counter: iv, data: fresh() }, detaching(iv, 'counter')])).toThrow(expect.objectContaining({
      code: 'ERR_INVALID_ARG_VALUE', message: 'items[0]: its buffer was resized or detached while the input was read' }));
  });
});

describe('re-entrancy: caller code run inside a call cannot change its output', () => {
  it('a Uint8Array subclass whose subarray() calls des-wasm gets correct output through every API', () => {
    class Evil extends Uint8Array {
      override subarray(...args: Parameters<Uint8Array['subarray']>) {
        try { des.ecb(new Uint8Array(8).fill(1)).encrypt(new Uint8Array(64)); } catch { /* refused: fine */ }
        return super.subarray(...args);
      }
    }
    const data = new Evil(DATA.length * 8);
    for (let i = 0; i < data.length; i++) data[i] = i * 13;
    const plain = Uint8Array.from(data);
    const c = createCipheriv('des-ede3-ofb', KEY, IV);
    expect(hex(Buffer.concat([c.update(data), c.final()]))).toBe(nodeOnce('des-ede3-ofb', plain));
    expect(hex(tdes.cbc(KEY, IV).encrypt(data))).toBe(nodeOnce('des-ede3-cbc', plain));
    expect(hex(tdes.ecb.encryptMany(KEY, [data, data])[1])).toBe(nodeOnce('des-ede3', plain, KEY, null));
  });

  it('the engine itself refuses a call that starts inside another: ERR_DES_REENTRANT, and the outer call is unharmed', () => {
    // The public API never hands the engine a caller's object; this drives the engine directly
    // with one, to prove the guard that stands behind that rule.
    let inner = 'not called';
    // (runMode reads its input's length before the engine call and, last, inside it.)
    class Evil extends Uint8Array {
      override get length() {
        inner = codeOf(() => des.ecb(new Uint8Array(8).fill(1)).encrypt(new Uint8Array(8)));
        return super.length;
      }
    }
    const input = new Evil(64);
    input.set(Uint8Array.from({ length: 64 }, (_, i) => i));
    const schedule = expandKey('tdes', KEY, 'encrypt');
    const out = new Uint8Array(64);
    runMode('ecb', 'encrypt', schedule, newState(), input, out);
    expect(inner).toBe('ERR_DES_REENTRANT');
    expect(hex(out)).toBe(nodeOnce('des-ede3', Uint8Array.from(input), KEY, null).slice(0, 128));
    // And the engine is free again afterwards.
    expect(codeOf(() => des.ecb(new Uint8Array(8).fill(1)).encrypt(new Uint8Array(8)))).toBe('no error');
  });

  it('while a batch call\'s key is resident in the engine, a call with another key is refused; after it, its key is gone', () => {
    const input = Uint8Array.from({ length: 64 }, (_, i) => i);
    let inner = 'not called';
    let kept: Parameters<typeof runMode>[2] | null = null;
    const out = withResidentKey('tdes', KEY, 'encrypt', {}, (schedule, data: Uint8Array) => {
      inner = codeOf(() => des.ecb(new Uint8Array(8).fill(1)).encrypt(new Uint8Array(8)));
      kept = schedule;
      const result = new Uint8Array(data.length);
      runMode('ecb', 'encrypt', schedule, null, data, result);
      return result;
    }, input);
    expect(inner).toBe('ERR_DES_REENTRANT');
    expect(hex(out)).toBe(nodeOnce('des-ede3', input, KEY, null).slice(0, 128));
    expect(leftovers()).toEqual([]);
    expect(codeOf(() => runMode('ecb', 'encrypt', kept!, null, input, new Uint8Array(64)))).toBe('ERR_DES_INTERNAL');
    expect(codeOf(() => des.ecb(new Uint8Array(8).fill(1)).encrypt(new Uint8Array(8)))).toBe('no error');
  });
});

describe('options: every key checked, with the closest known one named', () => {
  it('a misspelt option is refused everywhere, never silently ignored', () => {
    const cases: [() => unknown, string][] = [
      [() => createCipheriv('des-ede3', KEY, null, { paddign: 'none' } as never), 'options: unknown option "paddign" (did you mean padding?)'],
      [() => tdes.cbc(KEY, IV, { paddign: 'none' } as never), 'tdes.cbc options: unknown option "paddign" (did you mean padding?)'],
      [() => tdes.ecb.encryptMany(KEY, [], { constanttime: true } as never), 'tdes.ecb.encryptMany options: unknown option "constanttime" (did you mean constantTime?)'],
      [() => tdes.ctr(KEY, IV, { counterbits: 32 } as never), 'tdes.ctr options: unknown option "counterbits" (did you mean counterBits?)'],
      [() => retailMac(KEY.subarray(0, 16), DATA, { lenght: 4 } as never), 'options: unknown option "lenght" (did you mean length?)'],
      [() => kcv(KEY, { methd: 'cmac' } as never), 'kcv options: unknown option "methd" (did you mean method?)'],
    ];
    for (const [f, message] of cases) {
      expect(codeOf(f)).toBe('ERR_DES_UNKNOWN_OPTION');
      expect(() => f()).toThrow(message);
    }
  });

  it('boolean options take only booleans, in both APIs alike', () => {
    for (const value of [1, 'true', 0, null]) {
      expect(codeOf(() => tdes.ecb(KEY, { constantTime: value } as never))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => createCipheriv('des-ede3', KEY, null, { constantTime: value } as never))).toBe('ERR_INVALID_ARG_TYPE');
      expect(codeOf(() => tdes.ecb(KEY, { rejectWeakKeys: value } as never))).toBe('ERR_INVALID_ARG_TYPE');
    }
  });

  it('null, Symbols and other non-objects as options are coded errors', () => {
    expect(codeOf(() => createCipheriv('des-ede3', KEY, null, null as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => tdes.cbc(KEY, IV, null as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => cbcMac(KEY, DATA, null as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => tdes.cbc(KEY, IV, { padding: Symbol('x') } as never))).toBe('ERR_INVALID_ARG_VALUE');
    expect(codeOf(() => cmac(KEY, DATA, { length: Symbol('x') } as never))).toBe('ERR_INVALID_ARG_VALUE');
    expect(codeOf(() => kcv(KEY, { length: 10n } as never))).toBe('ERR_INVALID_ARG_VALUE');
    expect(codeOf(() => verifyCmac(KEY, DATA, new Uint8Array(8), 'x' as never))).toBe('ERR_INVALID_ARG_TYPE');
  });

  it('an options getter that throws: a DesError, the caller\'s error kept as its cause', () => {
    const bad = { get padding(): string { throw new RangeError('mine'); } };
    for (const f of [() => tdes.cbc(KEY, IV, bad as never), () => createCipheriv('des-ede3-cbc', KEY, IV, bad as never)]) {
      expect(codeOf(f)).toBe('ERR_INVALID_ARG_VALUE');
      try { f(); } catch (error) { expect((error as Error & { cause: Error }).cause.message).toBe('mine'); }
    }
  });

  it('OFB\'s segment is read, never ignored (it once was): 8 … 64, others refused', () => {
    for (const segment of [1, 12, 0, 65, '8']) expect(codeOf(() => tdes.ofb(KEY, IV, { segment } as never))).toBe('ERR_INVALID_ARG_VALUE');
    expect(hex(tdes.ofb(KEY, IV, { segment: 64 }).encrypt(DATA))).toBe(nodeOnce('des-ede3-ofb', DATA));
    expect(hex(tdes.ofb(KEY, IV, { segment: 8 }).encrypt(DATA))).not.toBe(nodeOnce('des-ede3-ofb', DATA));
  });

  it('the batch calls: sparse arrays and non-arrays are coded errors', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [DATA, , DATA] as Uint8Array[];
    expect(codeOf(() => tdes.ecb.encryptMany(KEY, sparse))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => tdes.cbc.encryptMany(KEY, [{ iv: IV, data: DATA }, undefined as never]))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => tdes.ctr.encryptMany(KEY, 'abc' as never))).toBe('ERR_INVALID_ARG_TYPE');
  });

  it('wrapKey checks its IV; createCipheriv refuses an undefined IV as node:crypto', () => {
    expect(codeOf(() => wrapKey(KEY, KEY, new Uint8Array(7)))).toBe('ERR_CRYPTO_INVALID_IV');
    expect(codeOf(() => wrapKey(KEY, KEY, 'abcdefgh' as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => createCipheriv('des-ede3', KEY, undefined as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(() => crypto.createCipheriv('des-ede3', KEY, undefined as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });
});

describe('no silent keystream reuse', () => {
  it('a second encrypt() of a CTR, OFB or CFB object is refused; decrypt() is not limited', () => {
    for (const make of [() => tdes.ctr(KEY, IV), () => tdes.ofb(KEY, IV), () => tdes.cfb(KEY, IV), () => tdes.cfb(KEY, IV, { segment: 8 })]) {
      const c = make();
      const first = c.encrypt(DATA);
      expect(codeOf(() => c.encrypt(DATA))).toBe('ERR_DES_IV_REUSE');
      expect(hex(c.decrypt(first))).toBe(hex(DATA));
      expect(hex(c.decrypt(first))).toBe(hex(DATA));
    }
  });

  it('{ allowIvReuse: true } opts out; ECB and CBC stay deterministic', () => {
    const c = tdes.ctr(KEY, IV, { allowIvReuse: true });
    expect(hex(c.encrypt(DATA))).toBe(hex(c.encrypt(DATA)));
    const cbc = tdes.cbc(KEY, IV);
    expect(hex(cbc.encrypt(DATA))).toBe(hex(cbc.encrypt(DATA)));
    expect(codeOf(() => tdes.cbc(KEY, IV, { allowIvReuse: true } as never))).toBe('ERR_DES_UNKNOWN_OPTION');
  });

  it('a refused first call does not count as a use', () => {
    const c = tdes.ctr(KEY, IV);
    expect(codeOf(() => c.encrypt('text' as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => c.encrypt(DATA))).toBe('no error');
  });
});

describe('trace() checks its arguments like everything else', () => {
  it('coded errors for non-bytes, wrong lengths and a non-boolean direction', () => {
    expect(codeOf(() => trace('0123456789abcdef' as never, new Uint8Array(8)))).toBe('ERR_INVALID_ARG_TYPE');
    expect(codeOf(() => trace(new Uint8Array(8), new Uint8Array(7)))).toBe('ERR_INVALID_ARG_VALUE');
    expect(codeOf(() => trace(new Uint8Array(9), new Uint8Array(8)))).toBe('ERR_CRYPTO_INVALID_KEYLEN');
    expect(codeOf(() => trace(new Uint8Array(8), new Uint8Array(8), 1 as never))).toBe('ERR_INVALID_ARG_TYPE');
  });
});

describe('decryption objects are not limited by the reuse rule', () => {
  it('createDecipheriv over CTR works across update() calls as node:crypto', () => {
    const enc = nodeOnce('des-ede3-ofb', DATA);
    const d = createDecipheriv('des-ede3-ofb', KEY, IV);
    expect(hex(Buffer.concat([d.update(Buffer.from(enc, 'hex')), d.final()]))).toBe(hex(DATA));
  });
});

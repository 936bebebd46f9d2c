/**
 * The project's own fuzzing: every function the package exports (and every method of the objects
 * they return) called with generated garbage, mixed with values good enough to get past the first
 * check. Each call must return, or throw a DesError with a code: never another error type (a
 * TypeError from deep inside is a missing check), never a hang. Seeded, so a failure replays.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '../src/node.js';

beforeAll(async () => { await api.ready(); });

const SEED = 0xfa22;

/** Values a careless or hostile caller might pass. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ withBigInt: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withMap: true, withSet: true }) },
  fc.constantFrom(
    undefined, null, NaN, -1, 0, 1, 2 ** 53, Infinity, '', 'hex', 'utf8', 'base64', 'des-ede3-cbc', 'des', 'none', 'pkcs7',
    Symbol('x'), 10n, () => 1, [], [undefined], { padding: 'none' }, { constantTime: 'true' }, { length: 4 }, { segment: 8 },
    new Proxy(new Uint8Array(8), {}), Object.create(Uint8Array.prototype), new DataView(new ArrayBuffer(8)),
    new ArrayBuffer(24), new Uint16Array(4), new Float64Array(3), Object.setPrototypeOf(new Uint8Array(16), null),
  ),
  fc.uint8Array({ maxLength: 40 }),
  fc.constantFrom(8, 16, 24, 7, 0, 32).map((n) => new Uint8Array(n).map((_, i) => i * 37 + 1)),
);
const args = fc.array(garbage, { maxLength: 5 });

/** Call f and classify what happened. */
function outcome(f: () => unknown): 'ok' | 'coded' | string {
  try {
    const r = f();
    if (r instanceof Promise) r.catch(() => {});
    return 'ok';
  } catch (error) {
    if (error instanceof api.DesError && typeof error.code === 'string' && error.code.startsWith('ERR_')) return 'coded';
    return `${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
  }
}

/** The exported functions, by name, as callables taking any arguments. */
const FUNCTIONS: Record<string, (...a: unknown[]) => unknown> = {};
for (const [name, value] of Object.entries(api)) {
  if (typeof value !== 'function' || name === 'DesError') continue;
  const isClass = /^class\b/.test(Function.prototype.toString.call(value));
  FUNCTIONS[name] = isClass ? (...a) => new (value as new (...x: unknown[]) => unknown)(...a) : value as (...a: unknown[]) => unknown;
}
for (const family of ['des', 'tdes', 'desx'] as const) {
  for (const mode of ['ecb', 'cbc', 'cfb', 'ofb', 'ctr'] as const) FUNCTIONS[`${family}.${mode}`] = api[family][mode] as never;
  for (const mode of ['ecb', 'cbc', 'ctr'] as const) {
    FUNCTIONS[`${family}.${mode}.encryptMany`] = api[family][mode].encryptMany as never;
    FUNCTIONS[`${family}.${mode}.decryptMany`] = api[family][mode].decryptMany as never;
  }
}
for (const mac of ['cbcMac', 'retailMac', 'cmac'] as const) FUNCTIONS[`${mac}.create`] = api[mac].create as never;

describe('every exported function × garbage: a result or a coded DesError', () => {
  it(`covers every export (${Object.keys(FUNCTIONS).length} callables)`, () => {
    expect(Object.keys(FUNCTIONS)).toEqual(expect.arrayContaining(['createCipheriv', 'trace', 'wrapKey', 'kcv', 'cmac', 'hexToBytes', 'tdes.cbc.encryptMany']));
  });

  for (const [name, f] of Object.entries(FUNCTIONS)) {
    it(name, () => {
      fc.assert(fc.property(args, (a) => {
        expect(outcome(() => f(...a)), `${name}(${a.map((x) => typeof x).join(', ')})`).toMatch(/^(ok|coded)$/);
      }), { seed: SEED, numRuns: 150 });
    });
  }
});

describe('the objects they return × garbage', () => {
  const key = new Uint8Array(24).map((_, i) => i + 1);
  const iv = new Uint8Array(8).fill(9);

  it('createCipheriv / createDecipheriv objects: update, final, setAutoPadding in any order', () => {
    fc.assert(fc.property(fc.constantFrom(...api.getCiphers()), fc.boolean(),
      fc.array(fc.tuple(fc.constantFrom('update', 'final', 'setAutoPadding'), args), { maxLength: 6 }), (name, decrypt, calls) => {
        const info = { 8: 8, 16: 16, 24: 24 } as Record<number, number>;
        void info;
        let c: api.Cipheriv | undefined;
        for (const keyLength of [8, 16, 24]) {
          try {
            c = (decrypt ? api.createDecipheriv : api.createCipheriv)(name, key.subarray(0, keyLength), /ecb|ede$|ede3$|wrap/.test(name) || name === 'des-ede' ? null : iv);
            break;
          } catch { /* another key length */ }
        }
        if (!c) return;
        for (const [method, a] of calls) {
          expect(outcome(() => (c as unknown as Record<string, (...x: unknown[]) => unknown>)[method](...a)), `${name} ${method}`).toMatch(/^(ok|coded)$/);
        }
      }), { seed: SEED, numRuns: 300 });
  });

  it('one-shot objects and MAC objects: every method with anything', () => {
    const makers: (() => Record<string, (...x: unknown[]) => unknown>)[] = [
      () => api.tdes.cbc(key, iv) as never, () => api.des.ctr(key.subarray(0, 8), iv) as never, () => api.desx.cfb(key, iv, { segment: 1 }) as never,
      () => api.cbcMac.create(key) as never, () => api.cmac.create(key.subarray(0, 16)) as never, () => api.retailMac.create(key.subarray(0, 16), { padding: 3 }) as never,
    ];
    fc.assert(fc.property(fc.integer({ min: 0, max: makers.length - 1 }),
      fc.array(fc.tuple(fc.constantFrom('encrypt', 'decrypt', 'destroy', 'update', 'digest'), args), { maxLength: 5 }), (which, calls) => {
        const o = makers[which]();
        for (const [method, a] of calls) {
          if (typeof o[method] !== 'function') continue;
          expect(outcome(() => o[method](...a)), method).toMatch(/^(ok|coded)$/);
        }
      }), { seed: SEED, numRuns: 300 });
  });
});

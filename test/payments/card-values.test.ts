// Card and PIN verification values (cardValues.*) against
// vectors/payments/card_and_pin_verification_values.json: every `match` value, the CVV worked
// example's intermediates included, counted; then every error path, and seeded properties
// (verify accepts what generate gives and rejects any other value).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cardValues } from '../../src/payments/index.js';
import { bytesToHex, des, hexToBytes, retailMac } from '../../src/index.js';
import { loadJson } from '../helpers/vectors.js';
import { testSeed } from '../helpers/peers.js';
import { expectDesError } from '../helpers/errors.js';
import { countStatus } from '../helpers/vector-status.js';

type Checked = { expected: string; status: string };
interface CvvVector extends Checked { cvk: string; pan: string; expiry_yymm: string; service_code: string; intermediates?: Record<string, Checked> }
interface PvvVector extends Checked { pvk: string; pvki: string; pin: string; pan: string }
interface Ibm3624Vector extends Checked {
  direction: 'PIN from offset' | 'offset from PIN'; offset?: string; pin?: string; pan: string;
  pan_verify_offset: number; pan_verify_length: number; pan_pad: string; decimalization_table: string;
}
const FILE = loadJson<{ cvv: CvvVector[]; visa_pvv: PvvVector[]; ibm3624: Ibm3624Vector[] }>('payments/card_and_pin_verification_values.json');

const H = (s: string) => hexToBytes(s);
const HEX = (b: Uint8Array) => bytesToHex(b).toUpperCase();
/** The IBM 3624 validation data as the file's rule builds it: PAN digits from an offset, padded to 16. */
const validationData = (v: Ibm3624Vector) => v.pan.slice(v.pan_verify_offset, v.pan_verify_offset + v.pan_verify_length).padEnd(16, v.pan_pad);

describe('cardValues: every match value of card_and_pin_verification_values.json', () => {
  it('runs them all', () => {
    let ran = 0, skipped = 0;
    for (const v of FILE.cvv) {
      if (v.status === 'match') {
        const options = { pan: v.pan, expiry: v.expiry_yymm, serviceCode: v.service_code };
        expect(cardValues.cvv(H(v.cvk), options), v.pan).toBe(v.expected);
        expect(cardValues.verifyCvv(H(v.cvk), { ...options, cvv: v.expected })).toBe(true);
        ran++;
      } else skipped++;
      for (const [name, step] of Object.entries(v.intermediates ?? {})) {
        if (step.status !== 'match') { skipped++; continue; }
        expect(HEX(cvvStep(v, name)), `${v.pan} ${name}`).toBe(step.expected);
        ran++;
      }
    }
    for (const v of FILE.visa_pvv) {
      if (v.status !== 'match') { skipped++; continue; }
      expect(cardValues.pvv(H(v.pvk), { pan: v.pan, pin: v.pin, pvki: v.pvki })).toBe(v.expected);
      expect(cardValues.pvv(H(v.pvk), { pan: v.pan, pin: v.pin, pvki: Number(v.pvki) })).toBe(v.expected);
      expect(cardValues.verifyPvv(H(v.pvk), { pan: v.pan, pin: v.pin, pvki: v.pvki, pvv: v.expected })).toBe(true);
      ran++;
    }
    for (const v of FILE.ibm3624) {
      if (v.status !== 'match') { skipped++; continue; }
      const pvk = H('0123456789ABCDEFFEDCBA9876543210');   // psec tests/test_pin.py: every IBM 3624 case uses this PVK
      const common = { validationData: validationData(v), decimalization: v.decimalization_table };
      if (v.direction === 'PIN from offset') expect(cardValues.ibm3624Pin(pvk, { ...common, offset: v.offset! })).toBe(v.expected);
      else expect(cardValues.ibm3624Offset(pvk, { ...common, pin: v.pin! })).toBe(v.expected);
      ran++;
    }
    const matches = countStatus(FILE, 'match');          // every object with a status, intermediates included
    console.log(`[card-values] ran ${ran} match values of card_and_pin_verification_values.json (CVV ${FILE.cvv.length} + ${FILE.cvv.reduce((n, v) => n + Object.keys(v.intermediates ?? {}).length, 0)} intermediates, PVV ${FILE.visa_pvv.length}, IBM 3624 ${FILE.ibm3624.length}), skipped ${skipped} of other statuses`);
    expect(ran).toBe(matches);
    expect(skipped).toBe(countStatus(FILE) - matches);
  });
});

/**
 * The worked example's intermediates, step by step with single DES from the core API (the file's
 * rule: R = TDES(CVK, DES(CVK_A, B1) ⊕ B2)); the last step is also the retail MAC cvv() uses.
 */
function cvvStep(v: CvvVector, name: string): Uint8Array {
  const digits = (v.pan + v.expiry_yymm + v.service_code).padEnd(32, '0');
  const b1 = H(digits.slice(0, 16)), b2 = H(digits.slice(16));
  const ka = H(v.cvk.slice(0, 16)), kb = H(v.cvk.slice(16));
  const e = (k: Uint8Array, x: Uint8Array) => des.ecb(k, { padding: 'none' }).encrypt(x);
  const d = (k: Uint8Array, x: Uint8Array) => des.ecb(k, { padding: 'none' }).decrypt(x);
  const block1 = e(ka, b1);
  const xored = block1.map((x, i) => x ^ b2[i]);
  const eka = e(ka, xored), dkb = d(kb, eka), final = e(ka, dkb);
  const steps: Record<string, Uint8Array> = { block1_E_KA: block1, xor_block2: xored, E_KA: eka, D_KB: dkb, E_KA_final: final };
  if (!steps[name]) throw new Error(`an intermediate this test does not know: ${name}`);
  expect(HEX(retailMac(H(v.cvk), H(digits)))).toBe(HEX(final));
  return steps[name];
}

// ---------------------------------------------------------------------------------------------

const KEY = H('0123456789ABCDEFFEDCBA9876543210');
const CVV = { pan: '4123456789012345', expiry: '8701', serviceCode: '101' };
const PVV = { pan: '1122334455667788', pin: '4524', pvki: '1' };
const IBM = { validationData: '1122334455667788', decimalization: '1234567890123456' };


describe('cardValues: bad input is a DesError naming the field', () => {
  it('cvv and verifyCvv', () => {
    expectDesError(() => cardValues.cvv(KEY.subarray(0, 8), CVV), 'ERR_CRYPTO_INVALID_KEYLEN', 'cvk: expected Uint8Array of length 16, got length=8');
    expectDesError(() => cardValues.cvv(new Uint8Array(24), CVV), 'ERR_CRYPTO_INVALID_KEYLEN', 'cvk: expected Uint8Array of length 16, got length=24');
    expectDesError(() => cardValues.cvv(KEY, { ...CVV, pan: '41234567890' }), 'ERR_CARD_INPUT', 'pan: expected 12 to 19 decimal digits, got 11');
    expectDesError(() => cardValues.cvv(KEY, { ...CVV, pan: '4123 5678 9012' }), 'ERR_CARD_INPUT', 'pan: expected 12 to 19 decimal digits, got a character other than 0-9 at position 5');
    expectDesError(() => cardValues.cvv(KEY, { ...CVV, expiry: '870' }), 'ERR_CARD_INPUT', 'expiry: expected 4 decimal digits, got 3');
    expectDesError(() => cardValues.cvv(KEY, { ...CVV, expiry: '87/1' }), 'ERR_CARD_INPUT', 'expiry: expected 4 decimal digits, got a character other than 0-9 at position 3');
    expectDesError(() => cardValues.cvv(KEY, { ...CVV, serviceCode: '1010' }), 'ERR_CARD_INPUT', 'serviceCode: expected 3 decimal digits, got 4');
    expectDesError(() => cardValues.cvv(KEY, { ...CVV, serviceCode: 101 as never }), 'ERR_INVALID_ARG_TYPE', 'serviceCode: expected a string of 3 decimal digits, got number');
    expectDesError(() => cardValues.cvv(KEY, { ...CVV, cvv: '370' } as never), 'ERR_DES_UNKNOWN_OPTION', 'cardValues.cvv options: unknown option "cvv" (did you mean pan?)');
    expectDesError(() => cardValues.verifyCvv(KEY, { ...CVV, cvv: '37' }), 'ERR_CARD_INPUT', 'cvv: expected 3 decimal digits, got 2');
    expectDesError(() => cardValues.verifyCvv(KEY, { ...CVV, cvv: '3a0' }), 'ERR_CARD_INPUT', 'cvv: expected 3 decimal digits, got a character other than 0-9 at position 2');
    expectDesError(() => cardValues.verifyCvv(KEY, CVV as never), 'ERR_INVALID_ARG_TYPE', 'cvv: expected a string of 3 decimal digits, got undefined');
  });
  it('pvv and verifyPvv', () => {
    expectDesError(() => cardValues.pvv(KEY.subarray(0, 8), PVV), 'ERR_CRYPTO_INVALID_KEYLEN', 'pvk: expected Uint8Array of length 16, got length=8');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pan: '11223344556' }), 'ERR_CARD_INPUT', 'pan: expected 12 to 19 decimal digits, got 11');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pin: '452' }), 'ERR_CARD_INPUT', 'pin: expected 4 to 12 decimal digits, got 3');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pin: '4524452445244' }), 'ERR_CARD_INPUT', 'pin: expected 4 to 12 decimal digits, got 13');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pin: '45F4' }), 'ERR_CARD_INPUT', 'pin: expected 4 to 12 decimal digits, got a character other than 0-9 at position 3');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pvki: '10' }), 'ERR_CARD_INPUT', 'pvki: expected a PIN verification key index \'0\' to \'9\', got "10"');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pvki: 10 }), 'ERR_CARD_INPUT', 'pvki: expected a PIN verification key index 0 to 9, got 10');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pvki: 1.5 }), 'ERR_CARD_INPUT', 'pvki: expected a PIN verification key index 0 to 9, got 1.5');
    expectDesError(() => cardValues.pvv(KEY, { ...PVV, pvki: true as never }), 'ERR_INVALID_ARG_TYPE', 'pvki: expected a digit \'0\' to \'9\' or a number 0 to 9, got boolean');
    expectDesError(() => cardValues.verifyPvv(KEY, { ...PVV, pvv: '85230' }), 'ERR_CARD_INPUT', 'pvv: expected 4 decimal digits, got 5');
  });
  it('ibm3624Offset and ibm3624Pin', () => {
    expectDesError(() => cardValues.ibm3624Offset(new Uint8Array(12), { ...IBM, pin: '4524' }), 'ERR_CRYPTO_INVALID_KEYLEN', 'pvk: expected Uint8Array of length 8/16/24, got length=12');
    expectDesError(() => cardValues.ibm3624Offset(KEY, { ...IBM, pin: '452' }), 'ERR_CARD_INPUT', 'pin: expected 4 to 12 decimal digits, got 3');
    expectDesError(() => cardValues.ibm3624Offset(KEY, { ...IBM, pin: '4524', validationData: '112233445566778' }), 'ERR_CARD_INPUT', 'validationData: expected 16 hex digits, got 15');
    expectDesError(() => cardValues.ibm3624Offset(KEY, { ...IBM, pin: '4524', validationData: '112233445566778G' }), 'ERR_CARD_INPUT',
      'validationData: expected 16 hex digits, got a character other than 0-9, A-F at position 16');
    expectDesError(() => cardValues.ibm3624Offset(KEY, { ...IBM, pin: '4524', decimalization: '123456789012345' }), 'ERR_CARD_INPUT', 'decimalization: expected 16 decimal digits, got 15');
    expectDesError(() => cardValues.ibm3624Offset(KEY, { ...IBM, pin: '4524', decimalization: '0123456789ABCDEF' }), 'ERR_CARD_INPUT',
      'decimalization: expected 16 decimal digits, got a character other than 0-9 at position 11');
    expectDesError(() => cardValues.ibm3624Pin(KEY, { ...IBM, offset: '000' }), 'ERR_CARD_INPUT', 'offset: expected 4 to 12 decimal digits, got 3');
    expectDesError(() => cardValues.ibm3624Pin(KEY, { ...IBM, pin: '4524' } as never), 'ERR_DES_UNKNOWN_OPTION', 'cardValues.ibm3624Pin options: unknown option "pin" (did you mean offset?)');
  });
});

describe('cardValues: behaviour worth pinning', () => {
  it('validation data in lower case is the same as in upper case; 8- and 24-byte IBM 3624 keys work', () => {
    const pvk = H('0123456789ABCDEF');
    expect(cardValues.ibm3624Pin(pvk, { ...IBM, validationData: '11223344556677ff', offset: '0000' }))
      .toBe(cardValues.ibm3624Pin(pvk, { ...IBM, validationData: '11223344556677FF', offset: '0000' }));
    // A 24-byte key K1‖K2‖K1 is the 16-byte key K1‖K2.
    const k24 = new Uint8Array(24); k24.set(KEY); k24.set(KEY.subarray(0, 8), 16);
    expect(cardValues.ibm3624Offset(k24, { ...IBM, pin: '1234' })).toBe(cardValues.ibm3624Offset(KEY, { ...IBM, pin: '1234' }));
  });
  it('PVV uses the leftmost 4 PIN digits', () => {
    expect(cardValues.pvv(KEY, { ...PVV, pin: '45249876' })).toBe(cardValues.pvv(KEY, PVV));
  });
  it('CVV2 (service code 000) and iCVV (999) differ from the track CVV', () => {
    const track = cardValues.cvv(KEY, CVV);
    const cvv2 = cardValues.cvv(KEY, { ...CVV, serviceCode: '000' });
    const icvv = cardValues.cvv(KEY, { ...CVV, serviceCode: '999' });
    expect(new Set([track, cvv2, icvv]).size).toBeGreaterThan(1);
  });
});

describe('cardValues: seeded properties', () => {
  const seed = testSeed('card-values', 0xc0ffee);
  const key = fc.uint8Array({ minLength: 16, maxLength: 16 });
  const digitString = (min: number, max: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
  const otherDigits = (s: string, shift: number[]) => s.split('').map((c, i) => String((Number(c) + shift[i]) % 10)).join('');
  const shifts = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).filter((a) => a.some((x) => x !== 0));

  it('verifyCvv accepts the CVV and rejects every other 3 digits', () => {
    fc.assert(fc.property(key, digitString(12, 19), digitString(4, 4), digitString(3, 3), shifts(3), (cvk, pan, expiry, serviceCode, shift) => {
      const value = cardValues.cvv(cvk, { pan, expiry, serviceCode });
      expect(value).toMatch(/^[0-9]{3}$/);
      expect(cardValues.verifyCvv(cvk, { pan, expiry, serviceCode, cvv: value })).toBe(true);
      expect(cardValues.verifyCvv(cvk, { pan, expiry, serviceCode, cvv: otherDigits(value, shift) })).toBe(false);
    }), { seed, numRuns: 150 });
  });
  it('verifyPvv accepts the PVV and rejects every other 4 digits', () => {
    fc.assert(fc.property(key, digitString(12, 19), digitString(4, 12), fc.integer({ min: 0, max: 9 }), shifts(4), (pvk, pan, pin, pvki, shift) => {
      const value = cardValues.pvv(pvk, { pan, pin, pvki });
      expect(value).toMatch(/^[0-9]{4}$/);
      expect(cardValues.verifyPvv(pvk, { pan, pin, pvki: String(pvki), pvv: value })).toBe(true);
      expect(cardValues.verifyPvv(pvk, { pan, pin, pvki, pvv: otherDigits(value, shift) })).toBe(false);
    }), { seed, numRuns: 150 });
  });
  it('ibm3624Pin undoes ibm3624Offset, and another offset gives another PIN', () => {
    const keyAny = fc.constantFrom(8, 16, 24).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
    const vd = fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => HEX(b));
    fc.assert(fc.property(keyAny, vd, digitString(16, 16), digitString(4, 12), (pvk, validationData, decimalization, pin) => {
      const offset = cardValues.ibm3624Offset(pvk, { validationData, decimalization, pin });
      expect(offset).toHaveLength(pin.length);
      expect(cardValues.ibm3624Pin(pvk, { validationData, decimalization, offset })).toBe(pin);
      const other = otherDigits(offset, [1, ...Array(offset.length - 1).fill(0)]);
      expect(cardValues.ibm3624Pin(pvk, { validationData, decimalization, offset: other })).not.toBe(pin);
    }), { seed, numRuns: 150 });
  });
});

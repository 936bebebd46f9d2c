/**
 * The DUKPT key serial number of ANSI X9.24-1:2009 (TDES): 10 bytes, the initial key serial
 * number (key set identifier, device identifier) in the left 59 bits and the transaction
 * counter in the right 21 bits (X9.24-1:2009 Annex A, the Key Serial Number Register).
 *
 * A terminal only ever uses counters with at most 10 one bits (Annex A: so that the host
 * reaches any transaction key in at most 10 derivation steps, while the device holds 21 future
 * keys). The last usable counter is 1FF800 (the ten high bits set); after it the device needs
 * a new initial key. The section numbers of the paywalled standard are not cited here: the
 * procedures are named by the standard's terms, as the open-source suites that transcribe its
 * Annex A.4 test data name them.
 */
import { bytesOrNull, describe } from '../bytes.js';
import { fail } from '../errors.js';

export const KSN_LENGTH = 10;
/** The 21 counter bits. */
export const COUNTER_MASK = 0x1fffff;
/** At most this many one bits in a counter a terminal uses. */
export const MAX_ONE_BITS = 10;

export interface ParsedKsn {
  /** The KSN with the 21 counter bits zero. */
  iksn: Uint8Array;
  counter: number;
}

export function oneBits(n: number): number {
  let count = 0;
  for (; n; n &= n - 1) count++;
  return count;
}

const hex6 = (n: number) => n.toString(16).toUpperCase().padStart(6, '0');

/** The counter in the KSN's last 21 bits. */
function counterOf(ksn: Uint8Array): number {
  return ((ksn[7] << 16) | (ksn[8] << 8) | ksn[9]) & COUNTER_MASK;
}

/**
 * A KSN from the caller, checked: 10 bytes, a counter with at most 10 one bits. Returns the
 * caller's bytes (never written to) and the counter.
 */
export function readKsn(value: unknown, name = 'ksn'): { ksn: Uint8Array; counter: number } {
  const ksn = bytesOrNull(value, name);
  if (ksn === null) throw fail('ERR_DUKPT_KSN', `${name}: expected a 10-byte Uint8Array, got ${describe(value)}`);
  if (ksn.length !== KSN_LENGTH) throw fail('ERR_DUKPT_KSN', `${name}: expected 10 bytes, got ${ksn.length}`);
  const counter = counterOf(ksn);
  if (oneBits(counter) > MAX_ONE_BITS) {
    throw fail('ERR_DUKPT_KSN', `${name}: the counter ${hex6(counter)} has ${oneBits(counter)} one bits; `
      + `a terminal never uses a counter with more than ${MAX_ONE_BITS}, so this is not a KSN a terminal can use`);
  }
  return { ksn, counter };
}

/** The KSN with its counter replaced (a new array). */
export function withCounter(ksn: Uint8Array, counter: number): Uint8Array {
  const out = Uint8Array.from(ksn);
  out[7] = (out[7] & 0xe0) | (counter >> 16);
  out[8] = (counter >> 8) & 0xff;
  out[9] = counter & 0xff;
  return out;
}

/** The initial key serial number (the counter bits zero) and the counter of a KSN. */
export function parseKsn(ksnIn: Uint8Array): ParsedKsn {
  const { ksn, counter } = readKsn(ksnIn);
  return { iksn: withCounter(ksn, 0), counter };
}

/**
 * The terminal's next KSN: the smallest larger counter with at most 10 one bits. Adding the
 * lowest one bit of a counter that has too many skips exactly the counters that keep all of its
 * higher bits and add more (Annex A: with 10 one bits, the device adds its shift register to
 * the counter instead of 1).
 */
export function nextKsn(ksnIn: Uint8Array): Uint8Array {
  const { ksn, counter } = readKsn(ksnIn);
  let next = counter + 1;
  while (oneBits(next) > MAX_ONE_BITS) next += next & -next;
  if (next > COUNTER_MASK) {
    throw fail('ERR_DUKPT_EXHAUSTED', `ksn: the counter ${hex6(counter)} is the last one (1FF800 is the highest with at most 10 one bits); `
      + 'this device needs a new initial key');
  }
  return withCounter(ksn, next);
}

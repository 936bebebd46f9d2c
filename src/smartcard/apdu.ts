/**
 * Short command APDUs (ISO/IEC 7816-4 §5.1): the four cases by their length.
 *
 *   case 1   CLA INS P1 P2
 *   case 2   CLA INS P1 P2 Le
 *   case 3   CLA INS P1 P2 Lc data(Lc)
 *   case 4   CLA INS P1 P2 Lc data(Lc) Le
 *
 * Lc is 1…255; an Lc byte of 00 followed by more bytes starts an extended-length APDU, which
 * GlobalPlatform SCP02 does not wrap and which is refused here.
 */
import { fail } from '../errors.js';
import type { FieldCode } from '../subpath/fields.js';

export interface CommandApdu {
  /** CLA, INS, P1, P2 (a view of the caller's bytes). */
  header: Uint8Array;
  /** The command data field, empty for cases 1 and 2 (a view). */
  data: Uint8Array;
  /** The Le byte, or null when absent (cases 1 and 3). */
  le: number | null;
}

export function parseCommandApdu(apdu: Uint8Array, name: string, code: FieldCode): CommandApdu {
  const n = apdu.length;
  if (n < 4) throw fail(code, `${name}: expected at least 4 bytes (CLA INS P1 P2), got ${n}`);
  const header = apdu.subarray(0, 4);
  if (n === 4) return { header, data: apdu.subarray(4, 4), le: null };
  if (n === 5) return { header, data: apdu.subarray(5, 5), le: apdu[4] };
  const lc = apdu[4];
  if (lc === 0) throw fail(code, `${name}: extended-length APDUs (Lc byte 00) are not supported`);
  if (n === 5 + lc) return { header, data: apdu.subarray(5), le: null };
  if (n === 6 + lc) return { header, data: apdu.subarray(5, 5 + lc), le: apdu[n - 1] };
  throw fail(code, `${name}: Lc says ${lc} data bytes, but ${n - 5} bytes follow it`);
}

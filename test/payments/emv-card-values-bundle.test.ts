// emv.* and cardValues.* outside Node: des-wasm/payments bundled by esbuild for the browser and run
// in a bare V8 context with no process, require or Buffer, on one EMV chain and one CVV / PVV /
// IBM 3624 value of the shared vector files.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { loadJson } from '../helpers/vectors.js';

const EMV = loadJson('payments/emv_session_keys_cryptograms.json').vectors as { case?: string; step: string; expected: string; transaction_data?: string; csu?: string; prop_auth_data?: string }[];
const CARD = loadJson('payments/card_and_pin_verification_values.json');

describe('des-wasm/payments (emv, cardValues) in a browser-like context', () => {
  it('bundles for platform browser and runs without Node globals', async () => {
    const entry = fileURLToPath(new URL('../../src/payments/index.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', globalName: 'payments',
      target: 'es2022', write: false, logLevel: 'silent',
    });
    const sha = 'option B, SHA-1 digest needs A-F decimalisation';
    const arqc = EMV.find((v) => v.case === sha && v.step.startsWith('ARQC'))!;
    const arpc = EMV.find((v) => v.case === sha && v.step.startsWith('ARPC method 2'))!;
    const cvv = CARD.cvv[0], pvv = CARD.visa_pvv[0];
    const ibm = CARD.ibm3624.find((v: any) => v.direction === 'offset from PIN' && v.pan_verify_length === 16);
    const context = { TextEncoder, TextDecoder, WebAssembly, crypto: globalThis.crypto, atob, btoa, input: { arqc, arpc, cvv, pvv, ibm } };
    const out = runInNewContext(`${result.outputFiles[0].text}
      const h = (s) => new Uint8Array(s.match(/../g).map((x) => parseInt(x, 16)));
      const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
      const { emv, cardValues } = payments;
      // Inputs of this case from pyemv tests/test_kd_hsm.py (test_derive_icc_mk_b_sha_pad)
      const mk = emv.masterKey(h('0123456789ABCDEFFEDCBA9876543210'), { pan: '000000000000000005', psn: '23', method: 'B' });
      const sk = emv.sessionKey(mk, h('001C'));
      const arqc = emv.arqc(sk, h(input.arqc.transaction_data), { padding: 2 });
      const arpc = emv.arpc(sk, arqc, { method: 2, csu: h(input.arpc.csu), proprietary: h(input.arpc.prop_auth_data) });
      const { cvv, pvv, ibm } = input;
      ({
        arqc: hex(arqc), arpc: hex(arpc),
        cvv: cardValues.cvv(h(cvv.cvk), { pan: cvv.pan, expiry: cvv.expiry_yymm, serviceCode: cvv.service_code }),
        pvv: cardValues.pvv(h(pvv.pvk), { pan: pvv.pan, pin: pvv.pin, pvki: pvv.pvki }),
        offset: cardValues.ibm3624Offset(h('0123456789ABCDEFFEDCBA9876543210'),
          { validationData: ibm.pan.padEnd(16, ibm.pan_pad), pin: ibm.pin, decimalization: ibm.decimalization_table }),
        node: typeof process + typeof require + typeof Buffer,
      });`, context);
    expect(out).toEqual({ arqc: arqc.expected, arpc: arpc.expected, cvv: cvv.expected, pvv: pvv.expected, offset: ibm.expected, node: 'undefinedundefinedundefined' });
  });
});


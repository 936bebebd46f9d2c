// des-wasm and des-wasm/payments, des-wasm/smartcard and des-wasm/legacy outside Node: each built
// entry (dist/index.js, dist/payments.js, dist/smartcard.js, dist/legacy.js; build first: npm run build:ts) bundled by
// esbuild for the browser with no settings at all (the README promises bundlers need none), then
// run in a bare V8 context with no process, require or Buffer, against values of the shared vector
// files. Inputs named below come from the sources the files cite.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { loadJson } from './helpers/vectors.js';

/** The subpath bundled for the browser as an IIFE with `globalName`, run with `input` in a context without Node. */
async function runBundled(subpath: string, globalName: string, body: string, input: unknown, names?: string[]): Promise<any> {
  // Imported by an application's module, as a user's bundle has it (an entry point itself would
  // never be tree-shaken): all of it, or the `names` it uses.
  const entry = fileURLToPath(new URL(`../dist/${subpath}.js`, import.meta.url));
  const result = await build({
    stdin: { contents: `export ${names ? `{ ${names.join(', ')} }` : '*'} from ${JSON.stringify(entry)};`, resolveDir: process.cwd() },
    bundle: true, platform: 'browser', format: 'iife', globalName, write: false, logLevel: 'silent',
  });
  const context = { TextEncoder, TextDecoder, WebAssembly, crypto: globalThis.crypto, console, atob, btoa, input };
  return runInNewContext(`${result.outputFiles[0].text}
    const h = (s) => new Uint8Array(s.match(/../g).map((x) => parseInt(x, 16)));
    const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
    ({ node: typeof process + typeof require + typeof Buffer, ...(() => { ${body} })() });`, context);
}

const NO_NODE = 'undefinedundefinedundefined';

describe('the subpaths bundled for the browser, run without Node globals', () => {
  it('des-wasm: the hash provider survives bundling (openssl.encrypt gives openssl enc\'s bytes; node:crypto unwraps wrapKey\'s output)', async () => {
    const salt = '0102030405060708', kek = crypto.randomBytes(24), cek = crypto.randomBytes(24);
    const out = await runBundled('index', 'lib', `
      const file = lib.openssl.encrypt(lib.utf8ToBytes('attack at dawn'), 'pw', { salt: h(input.salt) });
      return { file: hex(file), wrapped: hex(lib.wrapKey(h(input.kek), h(input.cek))) };`, { salt, kek: kek.toString('hex'), cek: cek.toString('hex') },
    ['openssl', 'wrapKey', 'utf8ToBytes']);
    const theirs = execFileSync('openssl', ['enc', '-e', '-des-ede3-cbc', '-pbkdf2', '-S', salt, '-pass', 'pass:pw'], { input: 'attack at dawn' });
    expect(out.file).toBe(('53616c7465645f5f' + salt + theirs.toString('hex')).toUpperCase());
    const unwrap = crypto.createDecipheriv('des3-wrap', kek, null);
    expect(Buffer.concat([unwrap.update(Buffer.from(out.wrapped, 'hex')), unwrap.final()]).toString('hex')).toBe(cek.toString('hex'));
    expect(out.node).toBe(NO_NODE);
  });

  it('des-wasm/payments: an EMV chain, a CVV, a PVV and an IBM 3624 offset', async () => {
    const EMV = loadJson('payments/emv_session_keys_cryptograms.json').vectors as { case?: string; step: string; expected: string; transaction_data?: string; csu?: string; prop_auth_data?: string }[];
    const CARD = loadJson('payments/card_and_pin_verification_values.json');
    const sha = 'option B, SHA-1 digest needs A-F decimalisation';
    const arqc = EMV.find((v) => v.case === sha && v.step.startsWith('ARQC'))!;
    const arpc = EMV.find((v) => v.case === sha && v.step.startsWith('ARPC method 2'))!;
    const cvv = CARD.cvv[0], pvv = CARD.visa_pvv[0];
    const ibm = CARD.ibm3624.find((v: any) => v.direction === 'offset from PIN' && v.pan_verify_length === 16);
    const out = await runBundled('payments', 'payments', `
      const { emv, cardValues } = payments;
      const { arqc: a, arpc: b, cvv, pvv, ibm } = input;
      // Inputs of this case from pyemv tests/test_kd_hsm.py (test_derive_icc_mk_b_sha_pad)
      const mk = emv.masterKey(h('0123456789ABCDEFFEDCBA9876543210'), { pan: '000000000000000005', psn: '23', method: 'B' });
      const sk = emv.sessionKey(mk, h('001C'));
      const arqc = emv.arqc(sk, h(a.transaction_data), { padding: 2 });
      const arpc = emv.arpc(sk, arqc, { method: 2, csu: h(b.csu), proprietary: h(b.prop_auth_data) });
      return {
        arqc: hex(arqc), arpc: hex(arpc),
        cvv: cardValues.cvv(h(cvv.cvk), { pan: cvv.pan, expiry: cvv.expiry_yymm, serviceCode: cvv.service_code }),
        pvv: cardValues.pvv(h(pvv.pvk), { pan: pvv.pan, pin: pvv.pin, pvki: pvv.pvki }),
        // psec tests/test_pin.py: every IBM 3624 case uses this PVK
        offset: cardValues.ibm3624Offset(h('0123456789ABCDEFFEDCBA9876543210'),
          { validationData: ibm.pan.padEnd(16, ibm.pan_pad), pin: ibm.pin, decimalization: ibm.decimalization_table }),
      };`, { arqc, arpc, cvv, pvv, ibm });
    expect(out).toEqual({ arqc: arqc.expected, arpc: arpc.expected, cvv: cvv.expected, pvv: pvv.expected, offset: ibm.expected, node: NO_NODE });
  });

  it('des-wasm/smartcard: an AN10922 diversification and an SCP02 card cryptogram', async () => {
    const DESFIRE = loadJson('payments/desfire_des_tdes.json').vectors as { step: string; status: string; master?: string; m_hex?: string; raw_cmac_output?: string }[];
    const SCP02 = loadJson('payments/gp_scp02.json').vectors as { source_ref: string; step: string; expected: string; host_challenge?: string; init_update_response?: string }[];
    const an10922 = DESFIRE.find((v) => v.status === 'match' && v.step.startsWith('AN10922'))!;
    const init = SCP02.find((v) => v.source_ref === 'pysim' && v.init_update_response)!;
    const out = await runBundled('smartcard', 'smartcard', `
      const { desfire, scp02 } = smartcard;
      const { an10922, init } = input;
      const response = scp02.parseInitializeUpdate(h(init.init_update_response));
      // pySim's KIC / KID / KIK (tests/unittests/test_globalplatform.py): inputs, not expected values
      const session = scp02.session({
        keys: { enc: h('100102030405060708090A0B0C0D0E0F'), mac: h('101102030405060708090A0B0C0D0E0F'), dek: h('102102030405060708090A0B0C0D0E0F') },
        sequenceCounter: response.sequenceCounter, hostChallenge: h(init.host_challenge), cardChallenge: response.cardChallenge,
        securityLevel: 1, icvEncryption: true,
      });
      try {
        return { diversified: hex(desfire.diversify(h(an10922.master), h(an10922.m_hex))), card: session.verifyCardCryptogram(response.cardCryptogram), cryptogram: hex(session.cardCryptogram) };
      } finally {
        session.destroy();
      }`, { an10922, init });
    expect(out).toEqual({ diversified: an10922.raw_cmac_output!.toUpperCase(), card: true, cryptogram: init.expected.toUpperCase(), node: NO_NODE });
  });

  it('des-wasm/legacy: an NTLMv1 response and a crypt(3) hash', async () => {
    const NTLM = loadJson('payments/ntlm_mschap_des.json');
    const CRYPT = loadJson('payments/crypt3_des_bsdi.json');
    const nt = NTLM.vectors.find((v: any) => v.step.startsWith('NTLMv1 response')).expected.toUpperCase();
    const hash = CRYPT.descrypt.find((v: any) => v.password === 'dragon').hash;
    const out = await runBundled('legacy', 'legacy', `
      const challenge = h('0123456789ABCDEF');   // MS-NLMP 4.2.2
      return { nt: hex(legacy.ntlm.v1({ password: 'Password', serverChallenge: challenge }).ntResponse), crypt: legacy.crypt.verify('dragon', input.hash) };`,
    { hash });
    expect(out).toEqual({ nt, crypt: true, node: NO_NODE });
  });
});

// des-wasm/legacy outside Node: the built package (dist/legacy.js) bundled by esbuild for the
// browser with no settings at all (the README promises bundlers need none for js-md4) and run in a
// bare V8 context with no process, require or Buffer, against MS-NLMP 4.2.2 and libxcrypt values.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { loadUtf8Json } from './vectors.js';

const NTLM = loadUtf8Json('payments/ntlm_mschap_des.json');
const CRYPT = loadUtf8Json('payments/crypt3_des_bsdi.json');

describe('des-wasm/legacy in a browser-like context', () => {
  it('bundles for platform browser and runs without Node globals', async () => {
    const entry = fileURLToPath(new URL('../../dist/legacy.js', import.meta.url));
    const result = await build({
      entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', globalName: 'legacy',
      target: 'es2022', write: false, logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    const ntExpected = NTLM.vectors.find((v: any) => v.step.startsWith('NTLMv1 response')).expected.toLowerCase();
    const hash = CRYPT.descrypt.find((v: any) => v.password === 'dragon').hash;
    const context = {
      TextEncoder, TextDecoder, WebAssembly, crypto: globalThis.crypto, console, atob, btoa,
      hash,
    };
    const out = runInNewContext(`${code}
      const challenge = new Uint8Array([0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]);   // MS-NLMP 4.2.2
      const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      ({ nt: hex(legacy.ntlm.v1({ password: 'Password', serverChallenge: challenge }).ntResponse),
         crypt: legacy.crypt.verify('dragon', hash), node: typeof process + typeof require + typeof Buffer });`, context);
    expect(out.node).toBe('undefinedundefinedundefined');
    expect(out.nt).toBe(ntExpected);
    expect(out.crypt).toBe(true);
  });
});

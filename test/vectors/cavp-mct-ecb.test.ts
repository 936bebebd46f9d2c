/**
 * NIST CAVP TDES Monte Carlo test, ECB (CAVS 11.1): TECBMonte3.rsp (three-key, both directions)
 * and TECBMonte2.rsp (two-key, decrypt only). All 400 outer rounds of 10,000 operations per
 * direction; the procedure and the one-call inner loop are explained in ./mct.ts.
 * Source: vectors/nist-cavp/mct/ (see vectors/README.md).
 */
import { ecbRound, monteCarloSuite } from './mct.js';

monteCarloSuite('ECB', ['TECBMonte3.rsp', 'TECBMonte2.rsp'],
  (r, direction) => ecbRound(r.key, direction, direction === 'encrypt' ? r.plaintext : r.ciphertext));

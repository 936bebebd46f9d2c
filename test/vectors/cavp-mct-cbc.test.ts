/**
 * NIST CAVP TDES Monte Carlo test, CBC (CAVS 11.1): TCBCMonte3.rsp (three-key, both directions)
 * and TCBCMonte2.rsp (two-key, decrypt only). All 400 outer rounds of 10,000 operations per
 * direction; the procedure is explained in ./mct.ts.
 * Source: vectors/nist-cavp/mct/ (see vectors/README.md).
 */
import { cbcDecryptRound, cbcEncryptRound, monteCarloSuite } from './mct.js';

monteCarloSuite('CBC', ['TCBCMonte3.rsp', 'TCBCMonte2.rsp'],
  (r, direction) => direction === 'encrypt' ? cbcEncryptRound(r.key, r.iv!, r.plaintext) : cbcDecryptRound(r.key, r.iv!, r.ciphertext));

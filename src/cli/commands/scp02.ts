/**
 * `des-wasm scp02`: a GlobalPlatform SCP02 session from the card's INITIALIZE UPDATE response, for
 * card testers checking keys or scripting commands outside a card manager: the response's fields,
 * the card cryptogram checked, the host cryptogram, EXTERNAL AUTHENTICATE and any further commands
 * wrapped in order. On des-wasm/smartcard's scp02.* functions. Keys come from env:VAR or a key
 * file (loadKey), never from the command line; session keys are shown as check values unless
 * --show-session-keys asks for them.
 */
import type { Command } from 'commander';
import { kcv } from '../../node.js';
import { scp02 } from '../../smartcard/index.js';
import type { StaticKeys } from '../../smartcard/index.js';
import { cryptoFailure, usage } from '../errors.js';
import { upperHex as H } from '../hex-line.js';
import { KEY_SOURCE_HELP, loadKey, parseHex, withKey } from '../secrets.js';

const KEY_HELP = `${KEY_SOURCE_HELP}, 16 bytes`;

// The example is pySim's recorded card (vectors/payments/gp_scp02.json, source "pysim").
const EXAMPLES = `
Example (vectors/payments/gp_scp02.json: pySim's card, keys KIC/KID/KIK, ICV encryption on):
  export KIC=100102030405060708090A0B0C0D0E0F KID=101102030405060708090A0B0C0D0E0F KIK=102102030405060708090A0B0C0D0E0F
  des-wasm scp02 --enc env:KIC --mac env:KID --dek env:KIK --host-challenge 40A62C37FA6304F8 \\
      --response 00000000000000000000700200016B4524ABEE7CF32EA3838BC148F3 --wrap 80F22002 --wrap 80CA006600
      ...
      card-cryptogram           F32EA3838BC148F3 (matches)
      external-authenticate     8482010010BA6961667737C5BCEBECE14C7D6A4376
      wrap 80F22002             84F220020814DB34FA4341DCA8
      wrap 80CA006600           84CA00660855ED7C5FF069512B00

Exit status 1 when the card cryptogram does not match (wrong keys, --kdf or key version).
`;

interface Options {
  key?: string; enc?: string; mac?: string; dek?: string; master?: string; kdf?: string;
  hostChallenge: string; response: string; securityLevel: string; icvEncryption: boolean;
  wrap: string[]; showSessionKeys?: boolean;
}

/** The static keys the options name: one key for all three, three keys, or a master key and a template. */
function staticKeys(o: Options, kdd: Uint8Array): StaticKeys {
  const ways = [o.key !== undefined, o.enc !== undefined || o.mac !== undefined || o.dek !== undefined, o.master !== undefined];
  if (ways.filter(Boolean).length !== 1) throw usage('give the keys one way: --key, or --enc --mac --dek, or --master with --kdf');
  if (o.key !== undefined) {
    const key = loadKey(o.key, [16], '--key');
    return { enc: key, mac: Uint8Array.from(key), dek: Uint8Array.from(key) };
  }
  if (o.master !== undefined) {
    if (o.kdf !== 'emv' && o.kdf !== 'visa2') throw usage(`--kdf ${o.kdf ?? '(missing)'}: expected emv or visa2 with --master`);
    const method = o.kdf;
    return withKey(o.master, [16], '--master', (master) => scp02.diversify(master, kdd, { method }));
  }
  if (o.enc === undefined || o.mac === undefined || o.dek === undefined) throw usage('--enc, --mac and --dek go together');
  return { enc: loadKey(o.enc, [16], '--enc'), mac: loadKey(o.mac, [16], '--mac'), dek: loadKey(o.dek, [16], '--dek') };
}

function securityLevel(text: string): number {
  if (!/^(0x)?[0-9a-fA-F]{1,2}$/.test(text)) throw usage(`--security-level ${text}: expected 00, 01 or 03`);
  return parseInt(text.replace(/^0x/, ''), 16);
}

export function register(program: Command): void {
  program.command('scp02')
    .description('GlobalPlatform SCP02: check the card cryptogram of an INITIALIZE UPDATE response, make EXTERNAL AUTHENTICATE and wrap commands')
    .option('--key <source>', `one key for ENC, MAC and DEK: ${KEY_HELP}`)
    .option('--enc <source>', `the static ENC key: ${KEY_HELP}`)
    .option('--mac <source>', `the static MAC key: ${KEY_HELP}`)
    .option('--dek <source>', `the static DEK key: ${KEY_HELP}`)
    .option('--master <source>', `a master key, diversified with the response's KDD (with --kdf): ${KEY_HELP}`)
    .option('--kdf <template>', 'the diversification template for --master: emv or visa2')
    .requiredOption('--host-challenge <hex>', 'the 8-byte host challenge sent in INITIALIZE UPDATE')
    .requiredOption('--response <hex>', 'the INITIALIZE UPDATE response: 28 bytes, or 30 ending 9000')
    .option('--security-level <level>', 'EXTERNAL AUTHENTICATE P1: 00, 01 (C-MAC) or 03 (C-MAC and C-DECRYPTION)', '01')
    .option('--no-icv-encryption', 'do not encrypt the C-MAC chaining value (cards with i = 05, 45 …)')
    .option('--wrap <apdu>', 'a command to wrap after EXTERNAL AUTHENTICATE, in order (repeat for more)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--show-session-keys', 'print the session keys themselves, not only their check values')
    .addHelpText('after', EXAMPLES)
    .action((o: Options) => {
      const hostChallenge = parseHex(o.hostChallenge, '--host-challenge', 8);
      const response = scp02.parseInitializeUpdate(parseHex(o.response, '--response'));
      const level = securityLevel(o.securityLevel);
      const apdus = o.wrap.map((a) => parseHex(a, '--wrap'));
      const keys = staticKeys(o, response.keyDiversificationData);
      let session;
      try {
        session = scp02.session({
          keys, sequenceCounter: response.sequenceCounter, hostChallenge, cardChallenge: response.cardChallenge,
          securityLevel: level, icvEncryption: o.icvEncryption,
        });
      } finally {
        keys.enc.fill(0); keys.mac.fill(0); keys.dek.fill(0);
      }
      const lines: [string, string][] = [
        ['key-diversification-data', H(response.keyDiversificationData)],
        ['key-version', H(response.keyInformation.subarray(0, 1))],
        ['sequence-counter', H(response.sequenceCounter)],
        ['card-challenge', H(response.cardChallenge)],
      ];
      const sk = session.sessionKeys;
      for (const name of ['enc', 'cmac', 'rmac', 'dek'] as const) {
        lines.push([`session-${name}`, o.showSessionKeys ? H(sk[name]) : `KCV ${H(kcv(sk[name]))}`]);
        sk[name].fill(0);
      }
      const matches = session.verifyCardCryptogram(response.cardCryptogram);
      lines.push(['card-cryptogram', matches ? `${H(response.cardCryptogram)} (matches)`
        : `${H(response.cardCryptogram)} from the card, ${H(session.cardCryptogram)} computed`]);
      lines.push(['host-cryptogram', H(session.hostCryptogram)]);
      try {
        if (matches) {
          lines.push(['external-authenticate', H(session.externalAuthenticate())]);
          apdus.forEach((apdu, i) => lines.push([`wrap ${o.wrap[i].trim().toUpperCase()}`, H(session.wrap(apdu))]));
        }
      } finally {
        session.destroy();
      }
      const width = Math.max(...lines.map(([label]) => label.length)) + 2;
      process.stdout.write(lines.map(([label, value]) => label.padEnd(width) + value + '\n').join(''));
      if (!matches) throw cryptoFailure('card cryptogram mismatch: the card holds other keys (check the keys, --kdf and the key version)');
    });
}

/**
 * `des-wasm desfire`: MIFARE DESFire DES / TDES helpers for card testers — AN10922 key
 * diversification (`diversify`) and the reader's side of an authentication (`auth`): from the
 * card's encrypted RndB, the message to send, the card's expected answer and the session key.
 * On des-wasm/smartcard's desfire.* functions. Keys come from env:VAR or a key file (loadKey),
 * never from the command line; the session key is shown as a check value unless
 * --show-session-key asks for it.
 */
import type { Command } from 'commander';
import { kcv } from '../../node.js';
import { randomBytes } from '../../bytes.js';
import { desfire } from '../../smartcard/index.js';
import { usage } from '../errors.js';
import { upperHex as H, writeHexLine } from '../hex-line.js';
import { KEY_SOURCE_HELP as KEY_HELP, parseHex, withKey } from '../secrets.js';

// Example values: vectors/payments/desfire_des_tdes.json (libfreefare's AN10922 2K3DES vector,
// patsys/desfire-python's first recorded AuthenticateISO).
const EXAMPLES = `
Examples (vectors/payments/desfire_des_tdes.json):
  export MK=00112233445566778899AABBCCDDEEFF
  des-wasm desfire diversify --master env:MK --input 04782E21801D803042F54E58502041
      16F8597C9E8910C86B9648D006107DD7
  des-wasm desfire diversify --master env:MK --input 04782E21801D803042F54E58502041 --key-version 55
      16F9587D9E8910C96B9649D007107DD6
  export K=0000000000000000
  des-wasm desfire auth --key env:K --command iso --rnd-a 849B36C5F8BF4A09 --enc-rnd-b 5D994CE085F24089
      rnd-a                849B36C5F8BF4A09
      host-response        21D0AD5F2FD97454A746CC80567F1B1C
      (then expected-card-final, and the session key's check value)
`;

function version(text: string): number {
  if (!/^(0x)?[0-9a-fA-F]{1,2}$/.test(text)) throw usage(`--key-version ${text}: expected a byte in hex, 00 to FF`);
  return parseInt(text.replace(/^0x/, ''), 16);
}

export function register(program: Command): void {
  const command = program.command('desfire')
    .description('MIFARE DESFire (DES / TDES): AN10922 key diversification, authentication messages')
    .addHelpText('after', EXAMPLES);

  command.command('diversify')
    .description('NXP AN10922 diversification of a 2K3DES or 3K3DES master key (TDES-CMAC): the card key, in hex')
    .requiredOption('--master <source>', `the master key, 16 or 24 bytes: ${KEY_HELP}`)
    .requiredOption('--input <hex>', 'the diversification input M (UID ‖ AID ‖ system identifier …), 1 to 15 bytes')
    .option('--key-version <hex>', 'put this key version (00-FF) into the parity bits; without it, the raw CMAC output')
    .addHelpText('after', EXAMPLES)
    .action((o: { master: string; input: string; keyVersion?: string }) => {
      const input = parseHex(o.input, '--input');
      const v = o.keyVersion === undefined ? undefined : version(o.keyVersion);
      const key = withKey(o.master, [16, 24], '--master', (master) => desfire.diversify(master, input));
      const out = v === undefined ? key : desfire.setKeyVersion(key, v);
      try { writeHexLine(out); } finally { key.fill(0); out.fill(0); }
    });

  command.command('auth')
    .description('The reader\'s side of Authenticate (ISO 0x1A or legacy 0x0A): the message to send after the card\'s E(RndB), and the answer to expect')
    .requiredOption('--key <source>', `the card key, 8 (DES), 16 (2K3DES) or 24 (3K3DES) bytes: ${KEY_HELP}`)
    .requiredOption('--enc-rnd-b <hex>', 'the card\'s first answer, E(K, RndB): 8 bytes, 16 for 3K3DES')
    .option('--rnd-a <hex>', 'the reader\'s RndA (default: random, printed)')
    .option('--command <iso|legacy>', 'iso (0x1A, AuthenticateISO) or legacy (0x0A, DES and 2K3DES only)', 'iso')
    .option('--show-session-key', 'print the session key itself, not only its check value')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; encRndB: string; rndA?: string; command: string; showSessionKey?: boolean }) => {
      if (o.command !== 'iso' && o.command !== 'legacy') throw usage(`--command ${o.command}: expected iso or legacy`);
      const kind = o.command;
      const encRndB = parseHex(o.encRndB, '--enc-rnd-b');
      withKey(o.key, [8, 16, 24], '--key', (key) => {
        const rndA = o.rndA === undefined ? randomBytes(key.length === 24 ? 16 : 8) : parseHex(o.rndA, '--rnd-a');
        const r = desfire.authenticate(key, { rndA, encRndB, command: kind });
        const lines: [string, string][] = [
          ['rnd-a', H(rndA)],
          ['host-response', H(r.hostResponse)],
          ['expected-card-final', H(r.expectedCardFinal)],
          ['session-key', o.showSessionKey ? H(r.sessionKey) : `KCV ${H(kcv(r.sessionKey))}`],
        ];
        r.sessionKey.fill(0);
        process.stdout.write(lines.map(([label, value]) => label.padEnd(21) + value + '\n').join(''));
      });
    });
}

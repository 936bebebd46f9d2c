/**
 * `des-wasm emv`: EMV issuer cryptography from the command line — ICC master key (options A / B),
 * session key, ARQC generation and verification, ARPC (methods 1 and 2) — on des-wasm/payments'
 * emv.* functions. Keys come from env:VAR or a key file (loadKey), never from the command line;
 * binary inputs are hex, output is upper-case hex.
 */
import type { Command } from 'commander';
import { emv } from '../../payments/index.js';
import { usage, verdict } from '../errors.js';
import { printHex, writeHexLine } from '../hex-line.js';
import { KEY_SOURCE_HELP as KEY_HELP, parseHex, withKey } from '../secrets.js';

// Every example value comes from vectors/payments/emv_session_keys_cryptograms.json (pyemv's
// HSM-checked tests): the option B case whose SHA-1 digest needs A-F decimalisation.
const EXAMPLES = `
Examples (vectors/payments/emv_session_keys_cryptograms.json, option B with A-F decimalisation):
  export IMK=0123456789ABCDEFFEDCBA9876543210
  des-wasm emv master-key --key env:IMK --pan 000000000000000005 --psn 23 --method B
      2608BAA2378C92DAE0948A97E0CD230B          (key check value DD73)
  export MK=2608BAA2378C92DAE0948A97E0CD230B
  des-wasm emv session-key --key env:MK --atc 001C
      512CE0EC80A45DAB49D5B59492E59BD9          (key check value 04F8)
  export SK=512CE0EC80A45DAB49D5B59492E59BD9
  des-wasm emv arqc --key env:SK --padding 2 --data 0000000040000000000000000124800004800001241911050152BF45851800001C06011203A0B800
      8CAD6F2489C640B1
  des-wasm emv arqc --key env:SK --padding 2 --data 0000000040000000000000000124800004800001241911050152BF45851800001C06011203A0B800 \
      --verify 8CAD6F2489C640B1
      OK                                          (exit 1 when it does not match)
  des-wasm emv arpc --key env:SK --arqc 8CAD6F2489C640B1 --method 2 --csu 00000000 --proprietary 12345678
      E39F1876
`;

export function register(program: Command): void {
  const command = program.command('emv')
    .description('EMV issuer cryptography (Triple-DES): ICC master key, session key, ARQC, ARPC')
    .addHelpText('after', EXAMPLES);

  command.command('master-key')
    .description('ICC master key from the issuer master key (EMV Book 2 A1.4, option A or B), odd parity')
    .requiredOption('--key <source>', `the issuer master key, 16 bytes: ${KEY_HELP}`)
    .requiredOption('--pan <digits>', 'the application PAN, 12 to 19 digits')
    .option('--psn <digits>', 'the PAN sequence number, 2 digits', '00')
    .option('--method <A|B>', 'option A, or option B (option A for PANs of 16 digits or fewer)', 'A')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; pan: string; psn: string; method: string }) => {
      const mk = withKey(o.key, [16], '--key', (imk) => emv.masterKey(imk, { pan: o.pan, psn: o.psn, method: o.method as 'A' | 'B' }));
      try { writeHexLine(mk); } finally { mk.fill(0); }
    });

  command.command('session-key')
    .description('Application cryptogram session key from the ICC master key and the ATC (EMV Book 2 A1.3.1), odd parity')
    .requiredOption('--key <source>', `the ICC master key, 16 bytes: ${KEY_HELP}`)
    .requiredOption('--atc <hex>', 'the application transaction counter, 2 bytes')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; atc: string }) => {
      const atc = parseHex(o.atc, '--atc', 2);
      const sk = withKey(o.key, [16], '--key', (mk) => emv.sessionKey(mk, atc));
      try { writeHexLine(sk); } finally { sk.fill(0); }
    });

  command.command('arqc')
    .description('Application cryptogram (ARQC, TC, AAC): ISO/IEC 9797-1 MAC algorithm 3 under the session key; or verify one')
    .requiredOption('--key <source>', `the session key, 16 bytes: ${KEY_HELP}`)
    .requiredOption('--data <hex>', 'the transaction data, as the card\'s cryptogram version assembles it')
    .requiredOption('--padding <1|2>', 'ISO/IEC 9797-1 padding method: 1 (zeros) or 2 (80 then zeros), as the cryptogram version says')
    .option('--verify <hex>', 'check this 8-byte ARQC instead of printing one: prints OK, or exits 1')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; data: string; padding: string; verify?: string }) => {
      const data = parseHex(o.data, '--data');
      if (o.padding !== '1' && o.padding !== '2') throw usage(`--padding ${o.padding}: expected 1 or 2 (ISO/IEC 9797-1 padding method)`);
      const padding = Number(o.padding) as 1 | 2;
      const given = o.verify === undefined ? undefined : parseHex(o.verify, '--verify', 8);
      withKey(o.key, [16], '--key', (sk) => {
        if (given === undefined) printHex(emv.arqc(sk, data, { padding }));
        else verdict(emv.verifyArqc(sk, data, given, { padding }), 'the ARQC does not match: wrong key, ATC, data or padding');
      });
    });

  command.command('arpc')
    .description('Authorisation response cryptogram: method 1 (ARC, 8 bytes) or method 2 (CSU, 4 bytes)')
    .requiredOption('--key <source>', `the session key (or the ICC master key where the scheme answers with it), 16 bytes: ${KEY_HELP}`)
    .requiredOption('--arqc <hex>', 'the ARQC, 8 bytes')
    .requiredOption('--method <1|2>', 'ARPC method 1 (with --arc) or 2 (with --csu, --proprietary)')
    .option('--arc <hex>', 'method 1: the authorisation response code, 2 bytes')
    .option('--csu <hex>', 'method 2: the card status update, 4 bytes')
    .option('--proprietary <hex>', 'method 2: proprietary authentication data, 1 to 8 bytes')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; arqc: string; method: string; arc?: string; csu?: string; proprietary?: string }) => {
      const arqc = parseHex(o.arqc, '--arqc', 8);
      const needs = (value: string | undefined, name: string, length: number) => {
        if (value === undefined) throw usage(`--method ${o.method} needs ${name} (${length} bytes of hex)`);
        return parseHex(value, name, length);
      };
      const refuse = (names: (string | undefined)[], method: string) => {
        if (names.some((n) => n !== undefined)) throw usage(`${method === '1' ? '--csu and --proprietary belong' : '--arc belongs'} to the other ARPC method`);
      };
      let options;
      if (o.method === '1') {
        refuse([o.csu, o.proprietary], '1');
        options = { method: 1 as const, arc: needs(o.arc, '--arc', 2) };
      } else if (o.method === '2') {
        refuse([o.arc], '2');
        options = { method: 2 as const, csu: needs(o.csu, '--csu', 4), proprietary: o.proprietary === undefined ? undefined : parseHex(o.proprietary, '--proprietary') };
      } else {
        throw usage(`--method ${o.method}: expected 1 or 2 (ARPC method)`);
      }
      printHex(withKey(o.key, [16], '--key', (sk) => emv.arpc(sk, arqc, options)));
    });
}

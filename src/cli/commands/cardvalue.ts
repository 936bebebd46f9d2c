/**
 * `des-wasm cardvalue`: card and PIN verification values from the command line — Visa CVV / CVC
 * (CVV2 with service code 000, iCVV with 999), Visa PVV, IBM 3624 offset and PIN — generated or
 * verified, on des-wasm/payments' cardValues.* functions. Keys come from env:VAR or a key file
 * (loadKey); a PIN may come from env:VAR too, so that it need not show in process listings.
 */
import type { Command } from 'commander';
import { equalBytes, utf8ToBytes } from '../../node.js';
import { cardValues } from '../../payments/index.js';
import { usage, verdict, warn } from '../errors.js';
import { KEY_SOURCE_HELP as KEY_HELP, readPin, withKey } from '../secrets.js';


/** Print the value, or with --verify print OK when it matches and exit 1 when it does not. */
function answer(value: string | boolean, what: string): void {
  if (typeof value === 'boolean') verdict(value, `the ${what} does not match`);
  else process.stdout.write(`${value}\n`);
}

// Every example value comes from vectors/payments/card_and_pin_verification_values.json.
const EXAMPLES = `
Examples (vectors/payments/card_and_pin_verification_values.json):
  export CVK=0123456789ABCDEFFEDCBA9876543210 PVK=0123456789ABCDEFFEDCBA9876543210
  des-wasm cardvalue cvv --key env:CVK --pan 4123456789012345 --expiry 8701 --service-code 101
      561                        (--service-code 000 gives the CVV2, 999 the iCVV)
  des-wasm cardvalue cvv --key env:CVK --pan 4123456789012345 --expiry 8701 --service-code 101 --verify 561
      OK                         (exit 1 when it does not match)
  des-wasm cardvalue pvv --key env:PVK --pan 1122334455667788 --pin 4524 --pvki 1
      8523
  des-wasm cardvalue ibm3624 --key env:PVK --validation-data 1122334455667788 --decimalization 1234567890123456 --pin 1234
      7710                       (the offset)
  des-wasm cardvalue ibm3624 --key env:PVK --validation-data 1122334455667788 --decimalization 1234567890123456 --offset 7710
      1234                       (the PIN; with both --pin and --offset: verify)
`;

export function register(program: Command): void {
  const command = program.command('cardvalue')
    .description('Card and PIN verification values (Triple-DES): CVV / CVC, Visa PVV, IBM 3624 offset and PIN')
    .addHelpText('after', EXAMPLES);

  command.command('cvv')
    .description('Visa CVV / Mastercard CVC (CVV2: service code 000; iCVV: 999), or verify one')
    .requiredOption('--key <source>', `the CVK pair A‖B, 16 bytes: ${KEY_HELP}`)
    .requiredOption('--pan <digits>', 'the PAN, 12 to 19 digits')
    .requiredOption('--expiry <YYMM>', 'the expiry date as encoded on the track, 4 digits')
    .requiredOption('--service-code <digits>', 'the service code, 3 digits')
    .option('--verify <cvv>', 'check this 3-digit CVV instead of printing one: prints OK, or exits 1')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; pan: string; expiry: string; serviceCode: string; verify?: string }) => {
      const card = { pan: o.pan, expiry: o.expiry, serviceCode: o.serviceCode };
      answer(withKey(o.key, [16], '--key', (cvk) => o.verify === undefined ? cardValues.cvv(cvk, card) : cardValues.verifyCvv(cvk, { ...card, cvv: o.verify })), 'CVV');
    });

  command.command('pvv')
    .description('Visa PIN verification value, or verify one')
    .requiredOption('--key <source>', `the PVK pair A‖B, 16 bytes: ${KEY_HELP}`)
    .requiredOption('--pan <digits>', 'the PAN, 12 to 19 digits')
    .requiredOption('--pin <source>', 'the PIN, 4 to 12 digits (its leftmost 4 enter the PVV): env:VAR, file:PATH, or the digits')
    .requiredOption('--pvki <digit>', 'the PIN verification key index, 0 to 9')
    .option('--verify <pvv>', 'check this 4-digit PVV instead of printing one: prints OK, or exits 1')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; pan: string; pin: string; pvki: string; verify?: string }) => {
      const card = { pan: o.pan, pin: readPin(o.pin, warn), pvki: o.pvki };
      answer(withKey(o.key, [16], '--key', (pvk) => o.verify === undefined ? cardValues.pvv(pvk, card) : cardValues.verifyPvv(pvk, { ...card, pvv: o.verify })), 'PVV');
    });

  command.command('ibm3624')
    .description('IBM 3624: the offset for a PIN (--pin), the PIN for an offset (--offset), or verify both')
    .requiredOption('--key <source>', `the PVK, 8, 16 or 24 bytes: ${KEY_HELP}`)
    .requiredOption('--validation-data <hex>', '16 hex digits (usually PAN digits and a pad character, as the issuer lays them out)')
    .requiredOption('--decimalization <digits>', 'the decimalization table, 16 digits (e.g. 0123456789012345)')
    .option('--pin <source>', 'the PIN, 4 to 12 digits: env:VAR, file:PATH, or the digits: prints the offset')
    .option('--offset <digits>', 'the offset, 4 to 12 digits: prints the PIN; with --pin, checks that they agree (OK, or exit 1)')
    .addHelpText('after', EXAMPLES)
    .action((o: { key: string; validationData: string; decimalization: string; pin?: string; offset?: string }) => {
      if (o.pin === undefined && o.offset === undefined) throw usage('ibm3624 needs --pin (to get the offset), --offset (to get the PIN) or both (to verify)');
      const common = { validationData: o.validationData, decimalization: o.decimalization };
      const pin = o.pin === undefined ? undefined : readPin(o.pin, warn);
      answer(withKey(o.key, [8, 16, 24], '--key', (pvk) => {
        if (o.offset === undefined) return cardValues.ibm3624Offset(pvk, { ...common, pin: pin! });
        const derived = cardValues.ibm3624Pin(pvk, { ...common, offset: o.offset });
        if (pin === undefined) return derived;
        cardValues.ibm3624Offset(pvk, { ...common, pin });            // checks the PIN's form
        return equalBytes(utf8ToBytes(derived), utf8ToBytes(pin));
      }), 'PIN');
    });
}

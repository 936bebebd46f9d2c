/**
 * The CLI's command modules. Each module exports `register(program)`, which adds its command
 * (options, help with examples, action) to the program; main.ts calls them in this order, which
 * is the order `des-wasm --help` lists them in.
 */
import type { Command } from 'commander';
import { register as crypt } from './crypt.js';
import { register as keygen } from './keygen.js';
import { register as trace } from './trace.js';
import { register as mac } from './mac.js';
import { register as kcv } from './kcv.js';
import { register as ciphers } from './ciphers.js';
import { register as demo } from './demo.js';
import { register as bench } from './bench.js';
import { register as pinblock } from './pinblock.js';
import { register as dukpt } from './dukpt.js';
import { register as tr31 } from './tr31.js';
import { register as desfire } from './desfire.js';
import { register as scp02 } from './scp02.js';
import { register as cryptVerify } from './crypt-verify.js';
import { register as emv } from './emv.js';
import { register as cardvalue } from './cardvalue.js';

export type Register = (program: Command) => void;

export const COMMANDS: readonly Register[] = [
  crypt,
  keygen,
  trace,
  mac,
  kcv,
  ciphers,
  demo,
  pinblock,
  dukpt,
  tr31,
  scp02,
  desfire,
  cryptVerify,
  emv,
  cardvalue,
  bench,
];

/**
 * `des-wasm trace`: Grabbe's walk through one block, printed as the article prints it — K in
 * groups of 8 bits, K+ in groups of 7, C and D whole, the subkeys and E(R) in groups of 6, the
 * 32-bit values in groups of 4 — with hex beside each value whose length allows it.
 */
import type { Command } from 'commander';
import { bitsToHex, formatBits, trace } from '../../reference.js';
import { parseHex } from '../secrets.js';
import type { Bits } from '../../reference.js';

function line(name: string, bits: Bits, group: number): string {
  const hex = bits.length % 4 === 0 ? `  (${bitsToHex(bits).toUpperCase()})` : '';
  return `${name.padEnd(18)} = ${formatBits(bits, group)}${hex}`;
}

export function traceText(key: Uint8Array, block: Uint8Array): string {
  const t = trace(key, block);
  const out: string[] = [];
  out.push('Step 1: Create 16 subkeys, each of which is 48 bits long', '');
  out.push(line('K', t.key, 8), line('K+ = PC-1(K)', t.kPlus, 7), '');
  for (let n = 0; n <= 16; n++) out.push(line(`C${n}`, t.c[n], 28), line(`D${n}`, t.d[n], 28));
  out.push('');
  for (let n = 1; n <= 16; n++) out.push(line(`K${n} = PC-2(C${n}D${n})`, t.k[n], 6));
  out.push('', 'Step 2: Encode each 64-bit block of data', '');
  out.push(line('M', t.message, 4), line('IP', t.ip, 4), line('L0', t.l0, 4), line('R0', t.r0, 4));
  for (const r of t.rounds) {
    out.push('', `Round ${r.n}`);
    out.push(line(`  E(R${r.n - 1})`, r.expanded, 6));
    out.push(line(`  K${r.n} + E(R${r.n - 1})`, r.mixed, 6));
    out.push(line('  S-box output', r.substituted, 4));
    out.push(line(`  f = P(S)`, r.f, 4));
    out.push(line(`  L${r.n} = R${r.n - 1}`, r.l, 4));
    out.push(line(`  R${r.n}`, r.r, 4));
  }
  out.push('', line('R16L16', t.r16l16, 8), line('IP-1 = result', t.output, 8), '');
  out.push(`Result: ${Buffer.from(t.result).toString('hex').toUpperCase()}`);
  return out.join('\n');
}

export function traceJson(key: Uint8Array, block: Uint8Array): string {
  const t = trace(key, block);
  const value = (bits: Bits) => ({ bits: bits.join(''), ...(bits.length % 4 === 0 ? { hex: bitsToHex(bits) } : {}) });
  return JSON.stringify({
    key: value(t.key), kPlus: value(t.kPlus),
    c: t.c.map(value), d: t.d.map(value), k: t.k.slice(1).map(value),
    message: value(t.message), ip: value(t.ip), l0: value(t.l0), r0: value(t.r0),
    rounds: t.rounds.map((r) => ({ n: r.n, expanded: value(r.expanded), mixed: value(r.mixed),
      substituted: value(r.substituted), f: value(r.f), l: value(r.l), r: value(r.r) })),
    r16l16: value(t.r16l16), result: Buffer.from(t.result).toString('hex'),
  }, null, 2);
}

export function register(program: Command): void {
  program.command('trace')
    .description('Walk one block through DES as Grabbe\'s "The DES Algorithm Illustrated" does')
    .option('--key <hex>', '64-bit key', '133457799BBCDFF1')
    .option('--block <hex>', '64-bit block', '0123456789ABCDEF')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  des-wasm trace --key 0E329232EA6D0D73 --block 8787878787878787\n')
    .action((options: { key: string; block: string; json?: boolean }) => {
      const key = parseHex(options.key, '--key', 8), block = parseHex(options.block, '--block', 8);
      process.stdout.write((options.json ? traceJson(key, block) : traceText(key, block)) + '\n');
    });
}

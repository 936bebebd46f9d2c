/** `des-wasm bench`: the benchmark, which lives in bench/ of a clone of the repository (not in the package). */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function register(program: Command): void {
  const runner = new URL('../bench/run.mjs', import.meta.url);      // beside dist/, where cli.js is
  if (!existsSync(fileURLToPath(runner))) return;
  program.command('bench')
    .description('Run the benchmark against node:crypto and the JavaScript libraries (this clone\'s bench/)')
    .allowUnknownOption()
    .helpOption(false)
    .argument('[args...]')
    .action(async (args: string[]) => {
      process.argv = [process.argv[0], fileURLToPath(runner), ...args];
      await import(runner.href);
    });
}

#!/usr/bin/env node
/**
 * npm run bench [-- options]: the benchmark runner's command line. All the work is in runner.mjs.
 *
 *   --quick              every operation at 1 KiB, short budgets (CI; under 30 s)
 *   --filter <regex>     operations to run, e.g. "des-ede3-cbc", "cbc-enc|ctr", "tdes3", "msgs", "startup"
 *   --sizes <list>       message sizes, e.g. 16,1024,64k,16m
 *   --time <ms>          tinybench time budget per cell (default 250, quick 40)
 *   --json <path>        where the JSON goes (default bench/results/latest.json; quick.json for
 *                        --quick, partial.json for a filtered or resized run)
 *   --svg <path>         where the chart goes (default beside the JSON)
 *   --max-cell-seconds <s>  skip a peer's large cell when its runs would take longer (default 8, quick 3)
 *   --libraries <list>   e.g. des-wasm,node:crypto
 *   --no-startup, --no-messages
 */
import { parseArgs } from 'node:util';
import { runBenchmarks } from './runner.mjs';
import { parseSizes } from './matrix.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    filter: { type: 'string' },
    sizes: { type: 'string' },
    time: { type: 'string' },
    json: { type: 'string' },
    svg: { type: 'string' },
    'max-cell-seconds': { type: 'string' },
    libraries: { type: 'string' },
    'no-startup': { type: 'boolean' },
    'no-messages': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  const { readFileSync } = await import('node:fs');
  const source = readFileSync(new URL(import.meta.url), 'utf8');
  process.stdout.write(`${source.slice(source.indexOf(' * npm'), source.indexOf(' */')).replace(/^ \* ?/gm, '')}`);
  process.exit(0);
}

function positive(name, text) {
  const value = Number(text);
  if (!(value > 0)) throw new Error(`--${name}: expected a positive number, got ${JSON.stringify(text)}`);
  return value;
}

try {
  const { markdown, jsonPath, svgPath } = await runBenchmarks({
    quick: values.quick,
    filter: values.filter,
    sizes: values.sizes ? parseSizes(values.sizes) : undefined,
    timeMs: values.time ? positive('time', values.time) : undefined,
    json: values.json,
    svg: values.svg,
    maxCellSeconds: values['max-cell-seconds'] ? positive('max-cell-seconds', values['max-cell-seconds']) : undefined,
    libraries: values.libraries?.split(',').map((name) => name.trim()),
    startup: !values['no-startup'],
    messages: !values['no-messages'],
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${markdown}\n`);
  process.stderr.write(`wrote ${jsonPath} and ${svgPath}\n`);
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  process.exitCode = 1;
}

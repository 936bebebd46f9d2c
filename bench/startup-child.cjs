/**
 * Child process for start-up time through require(): a fresh node requires one library (des-wasm's
 * CommonJS package entry) and encrypts one block with des-ede3-cbc. Prints the same JSON as
 * startup-child.mjs.
 *
 *   node startup-child.cjs <path> <library>
 */
'use strict';
const { FIRST_BLOCK, checkBlock } = require('./startup-block.cjs');

const [path, library] = process.argv.slice(2);
const cpu = process.cpuUsage();
const start = performance.now();
const loaded = require(path);
const imported = performance.now();
checkBlock(FIRST_BLOCK[library](loaded));
const firstBlockMs = performance.now() - imported;
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ importMs: imported - start, firstBlockMs, cpuMs: (used.user + used.system) / 1000, readyMs: performance.now() }));

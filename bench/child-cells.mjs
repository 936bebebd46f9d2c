/**
 * Child process: time one library's cells that cannot run in the parent, with the same harness.
 * The parent runs `node <execArgv> child-cells.mjs` (e.g. --openssl-legacy-provider for node:crypto's
 * single DES and DESX) and writes on stdin
 *   { peerUrl, timeMs, cells: [{ cipher, row, size, expected: { sha256, length } }] }
 * The child rebuilds the same inputs (inputs.mjs), checks each output's SHA-256 against des-wasm's,
 * times the ones that agree, and writes { results: [...] } as JSON on stdout.
 */
import { checkAndTime } from './cells.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const adapter = (await import(request.peerUrl)).default;
const results = request.cells.map((cell) => checkAndTime(adapter, cell, cell.expected, { timeMs: request.timeMs }));
process.stdout.write(JSON.stringify({ execArgv: process.execArgv, results }));

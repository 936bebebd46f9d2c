/**
 * Child process: the 16-byte-message table in a fresh node, so that it is not measured in the
 * heap and JIT state the throughput matrix leaves behind. The parent (messages.mjs) writes on stdin
 *   { rows: [row ids], libraries: [{ name, url }] (subject first), timeMs }
 * and the child loads the adapters, checks and times the rows (measureMessageRows) and writes
 * { results: [...], log: [lines] } as JSON on stdout.
 */
import { byId, MESSAGE_ROWS } from './matrix.mjs';
import { measureMessageRows } from './messages.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const libraries = [];
for (const { name, url } of request.libraries) libraries.push({ name, adapter: (await import(url)).default });
const log = [];
const results = measureMessageRows(request.rows.map((id) => byId(MESSAGE_ROWS, id)), libraries, { timeMs: request.timeMs, log: (line) => log.push(line) });
process.stdout.write(JSON.stringify({ results, log }));

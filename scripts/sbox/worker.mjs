// Worker thread for scripts/sbox-circuits.mjs: searches the S-boxes it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { search } from './search.mjs';

parentPort.on('message', ({ box, outputs, seconds, seed }) => {
  const log = (line) => parentPort.postMessage({ box, log: line });
  const { front, tries } = search(outputs, { seconds, seed, log });
  parentPort.postMessage({ box, front, tries });
});

/**
 * Child process for start-up time: a fresh node imports one library (through its adapter) and
 * encrypts one block with des-ede3-cbc. Prints { importMs, firstBlockMs, readyMs } as JSON, where
 * readyMs counts from the process's own start (performance.timeOrigin), node's boot included.
 * With no adapter URL it only reports node's own boot ("node alone"), the floor under every row.
 */
const [adapterUrl] = process.argv.slice(2);
const start = performance.now();
let importMs = 0;
let firstBlockMs = 0;
if (adapterUrl) {
  const adapter = (await import(adapterUrl)).default;
  const imported = performance.now();
  const cipher = adapter.prepare('tdes3', 'cbc', new Uint8Array(24).map((_, i) => 0x11 * (i % 8) + (i >> 3)), new Uint8Array(8));
  const out = cipher.encrypt(new Uint8Array(8));
  if (!(out instanceof Uint8Array) || out.length !== 8) throw new Error('first block: no 8-byte output');
  importMs = imported - start;
  firstBlockMs = performance.now() - imported;
}
process.stdout.write(JSON.stringify({ importMs, firstBlockMs, readyMs: performance.now() }));

/**
 * Printing a key: upper-case hex and a newline, built byte by byte into a buffer of our own (no
 * JavaScript string ever holds the key), written, then wiped.
 */
export function writeHexLine(bytes: Uint8Array): void {
  const digits = '0123456789ABCDEF';
  const out = Buffer.alloc(2 * bytes.length + 1);
  bytes.forEach((b, i) => { out[2 * i] = digits.charCodeAt(b >> 4); out[2 * i + 1] = digits.charCodeAt(b & 15); });
  out[out.length - 1] = 0x0a;
  process.stdout.write(Uint8Array.from(out));
  out.fill(0);
}

/**
 * A progress bar on stderr: bytes done, MB/s and time left, redrawn at most ten times a second.
 * Without a known total (a pipe) it shows bytes and MB/s only.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly total: number | undefined, private readonly stream: NodeJS.WritableStream = process.stderr) {}

  update(done: number, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < 100 && (this.total === undefined || done < this.total)) return;
    this.lastDraw = now;
    this.drawn = true;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const speed = `${(rate / 1e6).toFixed(1)} MB/s`;
    if (this.total === undefined) {
      this.stream.write(`\r${formatBytes(done)}  ${speed} `);
      return;
    }
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const left = rate > 0 ? (this.total - done) / rate : Infinity;
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(100 * fraction).toFixed(0).padStart(3)}% `
      + `${formatBytes(done)} / ${formatBytes(this.total)}  ${speed}  ${formatSeconds(left)} left `);
  }

  /** Draw the last state and end the line, so that what follows starts on a line of its own. */
  finish(done: number): void {
    this.update(done, true);
    if (this.drawn) this.stream.write('\n');
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${Math.round(s % 60).toString().padStart(2, '0')}s` : `${s.toFixed(0)}s`;
}

/** A progress bar on stderr: bytes done, MB/s and time left, redrawn at most ten times a second. */
export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;

  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(done: number): void {
    const now = performance.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const width = 30;
    const filled = Math.round(fraction * width);
    const left = rate > 0 ? (this.total - done) / rate : 0;
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(100 * fraction).toFixed(0).padStart(3)}% `
      + `${formatBytes(done)} / ${formatBytes(this.total)}  ${(rate / 1e6).toFixed(1)} MB/s  ${formatSeconds(left)} left `);
  }

  finish(): void {
    this.stream.write('\n');
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

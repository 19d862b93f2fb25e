/**
 * A console progress bar with rate and time left, in the style of the demo seed's bar:
 * redrawn in place on a terminal, one line per step otherwise (logs stay readable).
 */
export interface ProgressBar {
  /** Move the bar to `done` (of the bar's total). */
  update(done: number): void;
  /** Finish the bar and print its final line. */
  finish(): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  return h > 0 ? `${h}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function progressBar(step: string, total: number, unit: string, options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): ProgressBar {
  const stream = options.stream ?? process.stdout;
  const started = Date.now();
  let last = 0;
  let lastShownTenth = -1;
  const line = (done: number) => {
    const width = 24;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * width);
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? (total - done) / rate : Number.NaN;
    return `  ${step.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-GB')}/${total.toLocaleString('en-GB')} ${unit}  ${Math.round(rate).toLocaleString('en-GB')}/s  ${formatDuration(elapsed)} elapsed, ${formatDuration(left)} left`;
  };
  return {
    update(done: number) {
      if (options.quiet) return;
      const now = Date.now();
      if (stream.isTTY) {
        if (now - last < 200) return;
        last = now;
        stream.write(`\r${line(done)}`);
      } else {
        const tenth = Math.floor((done / Math.max(1, total)) * 10);
        if (tenth === lastShownTenth || tenth >= 10) return;
        lastShownTenth = tenth;
        stream.write(`${line(done)}\n`);
      }
    },
    finish() {
      if (options.quiet) return;
      stream.write(`${stream.isTTY ? '\r' : ''}${line(total)}\n`);
    },
  };
}

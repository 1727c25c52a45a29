/** Where an ingestion stands, for one redraw of the progress bar. */
export interface ProgressSnapshot {
  readonly done: number;
  readonly total: number;
  /** Milliseconds since the ingestion started. */
  readonly elapsedMs: number;
}

const WIDTH = 30;

/**
 * One line of progress: a bar, chunks embedded / total, the rate so far and the time left at that
 * rate, e.g. `[#########---------------------]  96/320 chunks  48.0 chunks/s  ETA 5s`.
 * Pure (the caller passes the elapsed time), so it is tested without a clock.
 */
export function renderProgressBar({ done, total, elapsedMs }: ProgressSnapshot): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
  const counts = `${String(done).padStart(String(total).length)}/${total} chunks`;
  if (elapsedMs <= 0 || done === 0) return `${bar}  ${counts}  -- chunks/s  ETA --`;
  const rate = (done * 1000) / elapsedMs;
  return `${bar}  ${counts}  ${rate.toFixed(1)} chunks/s  ETA ${formatDuration((total - done) / rate)}`;
}

/** `42s`, `3m 05s`, `1h 02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

// How a job's progress reads on the page: sizes, rates and times left as short text, and the totals of a job over
// several files when the server has not sent them. Pure functions, tested without a page.

export interface FileProgress {
  name: string;
  bytesDone: number;
  bytesTotal: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
  state: 'waiting' | 'running' | 'done' | 'failed' | 'cancelled' | string;
  message?: string | null;
}

export interface JobProgress {
  fraction: number | null;
  step: string | null;
  bytesDone: number | null;
  bytesTotal: number | null;
  bytesPerSecond: number | null;
  etaSeconds: number | null;
  files: FileProgress[] | null;
}

const units = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Bytes in decimal units with three significant digits: 0 B, 999 B, 1.50 kB, 20.0 MB, 1.23 GB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
    return '?';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toPrecision(3)} ${units[unit]}`;
}

/** A rate: "1.20 MB/s"; empty when unknown. */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  return bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0
    ? '' : `${formatBytes(bytesPerSecond)}/s`;
}

/** Time left: "8 s", "2 min 05 s", "1 h 02 min"; empty when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '';
  }
  const s = Math.ceil(seconds);
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A file's done fraction 0–1: 1 when done, bytes over total when known, null otherwise. */
export function fileFraction(file: FileProgress): number | null {
  if (file.state === 'done') {
    return 1;
  }
  if (file.bytesTotal !== null && file.bytesTotal !== undefined && file.bytesTotal > 0) {
    return Math.min(1, file.bytesDone / file.bytesTotal);
  }
  return null;
}

/**
 * The job's totals: the server's when it sent them, else summed over the files (the total only when every
 * file's size is known; the ETA from the remaining bytes at the summed rate).
 */
export function totals(progress: JobProgress): { fraction: number | null; done: number | null; total: number | null; rate: number | null; eta: number | null } {
  const files = progress.files ?? [];
  const done = progress.bytesDone ?? (files.length ? files.reduce((a, f) => a + f.bytesDone, 0) : null);
  const allKnown = files.length > 0 && files.every(f => (f.bytesTotal !== null && f.bytesTotal !== undefined) || f.state === 'done');
  const total = progress.bytesTotal ?? (allKnown ? files.reduce((a, f) => a + (f.bytesTotal ?? f.bytesDone), 0) : null);
  const rate = progress.bytesPerSecond ?? (files.length ? files.filter(f => f.state === 'running').reduce((a, f) => a + (f.bytesPerSecond ?? 0), 0) : null);
  let fraction = progress.fraction ?? null;
  if (fraction === null && done !== null && total !== null && total > 0) {
    fraction = Math.min(1, done / total);
  }
  let eta = progress.etaSeconds ?? null;
  if (eta === null && done !== null && total !== null && rate !== null && rate > 0) {
    eta = Math.max(0, total - done) / rate;
  }
  return { fraction, done, total, rate, eta };
}

/** A percentage as text: "42 %"; "100 %" only when complete. */
export function percent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) {
    return '';
  }
  const p = Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
  return `${p} %`;
}

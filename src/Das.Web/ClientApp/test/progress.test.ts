import { describe, expect, it } from 'vitest';
import { fileFraction, formatBytes, formatEta, formatRate, percent, totals, type FileProgress, type JobProgress } from '../src/progress';

const file = (bytesDone: number, bytesTotal: number | null, state: string, bytesPerSecond: number | null = null): FileProgress =>
  ({ name: 'f', bytesDone, bytesTotal, bytesPerSecond, etaSeconds: null, state });

const empty: JobProgress = { fraction: null, step: null, bytesDone: null, bytesTotal: null, bytesPerSecond: null, etaSeconds: null, files: null };

describe('formatting', () => {
  it('writes sizes with three significant digits in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.50 kB');
    expect(formatBytes(20_000_000)).toBe('20.0 MB');
    expect(formatBytes(1_234_567_890)).toBe('1.23 GB');
    expect(formatBytes(null)).toBe('?');
  });

  it('writes rates and leaves unknown ones out', () => {
    expect(formatRate(1_200_000)).toBe('1.20 MB/s');
    expect(formatRate(null)).toBe('');
  });

  it('writes times left in seconds, minutes or hours', () => {
    expect(formatEta(7.2)).toBe('8 s');
    expect(formatEta(125)).toBe('2 min 05 s');
    expect(formatEta(3720)).toBe('1 h 02 min');
    expect(formatEta(undefined)).toBe('');
  });

  it('says 100 % only when complete', () => {
    expect(percent(0.999)).toBe('99 %');
    expect(percent(1)).toBe('100 %');
    expect(percent(null)).toBe('');
  });
});

describe('totals', () => {
  it('keeps the server totals when given', () => {
    expect(totals({ ...empty, fraction: 0.5, bytesDone: 5, bytesTotal: 10, bytesPerSecond: 1, etaSeconds: 5 }))
      .toEqual({ fraction: 0.5, done: 5, total: 10, rate: 1, eta: 5 });
  });

  it('sums the files when the server sent no totals', () => {
    const t = totals({ ...empty, files: [file(100, 100, 'done'), file(50, 200, 'running', 25), file(0, 100, 'waiting')] });
    expect(t).toEqual({ fraction: 150 / 400, done: 150, total: 400, rate: 25, eta: 10 });
  });

  it('has no total while a file size is unknown', () => {
    const t = totals({ ...empty, files: [file(100, null, 'running', 10), file(0, 100, 'waiting')] });
    expect(t.total).toBeNull();
    expect(t.fraction).toBeNull();
    expect(t.done).toBe(100);
  });

  it('gives each file its fraction: done is whole, unknown size is null', () => {
    expect(fileFraction(file(10, null, 'done'))).toBe(1);
    expect(fileFraction(file(25, 100, 'running'))).toBe(0.25);
    expect(fileFraction(file(25, null, 'running'))).toBeNull();
  });
});

import { formatDuration, renderProgressBar } from '../sample/ingest/progress-bar';

describe('the sample ingest progress bar', () => {
  it('shows the bar, chunks embedded / total, the rate and the time left at that rate', () => {
    expect(renderProgressBar({ done: 96, total: 320, elapsedMs: 2000 })).toBe(
      '[#########---------------------]   96/320 chunks  48.0 chunks/s  ETA 5s',
    );
  });

  it('has no rate or ETA before the first batch', () => {
    expect(renderProgressBar({ done: 0, total: 320, elapsedMs: 0 })).toBe(
      '[------------------------------]    0/320 chunks  -- chunks/s  ETA --',
    );
  });

  it('is full with nothing left at the end, and full for an empty folder', () => {
    expect(renderProgressBar({ done: 320, total: 320, elapsedMs: 8000 })).toBe(
      '[##############################]  320/320 chunks  40.0 chunks/s  ETA 0s',
    );
    expect(renderProgressBar({ done: 0, total: 0, elapsedMs: 10 })).toMatch(/^\[#{30}\]/);
  });

  it('formats durations in seconds, minutes and hours', () => {
    expect(formatDuration(42.4)).toBe('42s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(formatDuration(-3)).toBe('0s');
  });
});

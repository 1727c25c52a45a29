import { parseDurationMs, parseRetryAfterMs } from './retry-after';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseDurationMs', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['120ms', 120],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    [' 2m ', 120_000],
  ])('%p -> %p ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', 'soon', '5', '1x', 's1', '1s garbage'])('rejects %p', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms over everything', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' }, [], NOW)).toBe(250);
  });

  it('reads retry-after as seconds', () => {
    expect(parseRetryAfterMs({ 'retry-after': '2' }, [], NOW)).toBe(2000);
    expect(parseRetryAfterMs({ 'retry-after': '0.25' }, [], NOW)).toBe(250);
  });

  it('reads retry-after as an HTTP date, never negative', () => {
    expect(parseRetryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, [], NOW)).toBe(
      30_000,
    );
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, [], NOW)).toBe(0);
  });

  it('falls back to the provider reset headers, taking the longest wait', () => {
    const headers = { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' };
    const names = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens'];
    expect(parseRetryAfterMs(headers, names, NOW)).toBe(360_000);
    expect(parseRetryAfterMs(headers, [], NOW)).toBeUndefined();
  });

  it('reads ISO timestamps (Anthropic) and plain seconds in reset headers', () => {
    const names = ['anthropic-ratelimit-requests-reset', 'anthropic-ratelimit-tokens-reset'];
    expect(
      parseRetryAfterMs(
        { 'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:12Z' },
        names,
        NOW,
      ),
    ).toBe(12_000);
    expect(parseRetryAfterMs({ 'anthropic-ratelimit-tokens-reset': '7' }, names, NOW)).toBe(7000);
  });

  it('matches header names case-insensitively on the provider list', () => {
    expect(parseRetryAfterMs({ 'x-reset': '3s' }, ['X-Reset'], NOW)).toBe(3000);
  });

  it('ignores values it cannot read and answers undefined when nothing is usable', () => {
    expect(
      parseRetryAfterMs({ 'retry-after-ms': 'soon', 'retry-after': 'later' }, ['x-reset'], NOW),
    ).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': 'later', 'x-reset': '2s' }, ['x-reset'], NOW)).toBe(
      2000,
    );
    expect(parseRetryAfterMs({ 'x-reset': '' }, ['x-reset'], NOW)).toBeUndefined();
    expect(parseRetryAfterMs({}, ['x-reset'], NOW)).toBeUndefined();
  });

  it('uses the current time by default', () => {
    expect(parseRetryAfterMs({ 'retry-after': '1' })).toBe(1000);
  });
});

import { INVALID_USAGE_WARNING_CODE, readTokenCounts } from './token-counts';

describe('readTokenCounts', () => {
  it('keeps non-negative integer counts and leaves absent or null ones undefined, silently', () => {
    const warn = jest.fn();
    const counts = readTokenCounts({ a: 0, b: 12, c: undefined, d: null }, { provider: 'p', warn });
    expect(counts).toEqual({ a: 0, b: 12 });
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ['negative', -1e12],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['fractional', 1.5],
    ['above 2^53', 2 ** 60],
    ['a string', '12'],
  ])('drops a %s count and names it in one warning', (_, value) => {
    const warn = jest.fn();
    const counts = readTokenCounts({ good: 3, bad: value }, { provider: 'groq', warn });
    expect(counts).toEqual({ good: 3 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^groq reported impossible token counts \(bad: /);
  });

  it('names every impossible field in a single warning', () => {
    const warn = jest.fn();
    readTokenCounts({ x: -1, y: NaN, z: 1 }, { provider: 'openai', warn });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('x: -1, y: NaN');
  });

  it('warns through process.emitWarning with code CONDUIT_INVALID_USAGE by default', () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      readTokenCounts({ prompt_tokens: -1e12 }, { provider: 'xai' });
      expect(emit).toHaveBeenCalledWith(expect.stringContaining('prompt_tokens: -1000000000000'), {
        code: INVALID_USAGE_WARNING_CODE,
      });
    } finally {
      emit.mockRestore();
    }
  });
});

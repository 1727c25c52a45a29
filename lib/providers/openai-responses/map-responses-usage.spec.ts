import { mapResponsesUsage } from './map-responses-usage';

describe('mapResponsesUsage', () => {
  it('maps input, output, total, cached and reasoning tokens', () => {
    expect(
      mapResponsesUsage({
        input_tokens: 20,
        output_tokens: 30,
        total_tokens: 50,
        input_tokens_details: { cached_tokens: 8 },
        output_tokens_details: { reasoning_tokens: 12 },
      }),
    ).toEqual({
      inputTokens: 20,
      outputTokens: 30,
      totalTokens: 50,
      cacheReadTokens: 8,
      reasoningTokens: 12,
    });
    expect(mapResponsesUsage(null)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it.each([-1e12, NaN, Infinity, -Infinity, 2.5])(
    'drops %p token counts (0, or details left out) and warns once, naming the provider',
    (tokens) => {
      const warn = jest.fn();
      const usage = mapResponsesUsage(
        {
          input_tokens: tokens,
          output_tokens: tokens,
          total_tokens: tokens,
          input_tokens_details: { cached_tokens: tokens },
          output_tokens_details: { reasoning_tokens: tokens },
        },
        { provider: 'xai', warn },
      );
      expect(usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/^xai reported impossible token counts/);
    },
  );

  it('falls back on input + output when only the total is impossible', () => {
    const warn = jest.fn();
    expect(
      mapResponsesUsage(
        { input_tokens: 4, output_tokens: 6, total_tokens: NaN },
        { provider: 'openai', warn },
      ),
    ).toEqual({ inputTokens: 4, outputTokens: 6, totalTokens: 10 });
  });
});

import { readFixtureJson } from '../../../test/support/fixtures';
import { EMPTY_USAGE, mapOpenAIEmbeddingUsage, mapOpenAIUsage } from './map-openai-usage';

describe('mapOpenAIUsage', () => {
  it('maps cached and reasoning tokens (chat-cached-tokens.json)', () => {
    const body = readFixtureJson<{ usage: unknown }>('openai/chat-cached-tokens.json');
    expect(mapOpenAIUsage(body.usage)).toEqual({
      inputTokens: 3897,
      outputTokens: 75,
      totalTokens: 3972,
      cacheReadTokens: 3840,
      reasoningTokens: 0,
    });
  });

  it('keeps total_tokens as sent (xAI counts reasoning there)', () => {
    expect(
      mapOpenAIUsage({
        prompt_tokens: 12,
        completion_tokens: 2,
        total_tokens: 354,
        completion_tokens_details: { reasoning_tokens: 340 },
      }),
    ).toEqual({ inputTokens: 12, outputTokens: 2, totalTokens: 354, reasoningTokens: 340 });
  });

  it('fills missing numbers and omits unreported details', () => {
    expect(mapOpenAIUsage({ prompt_tokens: 3, completion_tokens: 4 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
    });
    expect(mapOpenAIUsage({})).toEqual(EMPTY_USAGE);
    expect(mapOpenAIUsage(null)).toEqual(EMPTY_USAGE);
  });
});

describe('mapOpenAIUsage of DeepSeek', () => {
  it('counts prompt_cache_hit_tokens as cache reads when the details are absent', () => {
    expect(
      mapOpenAIUsage({
        prompt_tokens: 320,
        completion_tokens: 45,
        total_tokens: 365,
        prompt_cache_hit_tokens: 256,
        prompt_cache_miss_tokens: 64,
      }),
    ).toEqual({ inputTokens: 320, outputTokens: 45, totalTokens: 365, cacheReadTokens: 256 });
  });
});

describe('mapOpenAIUsage with impossible counts', () => {
  it.each([-1e12, NaN, Infinity, -Infinity, 2.5])(
    'drops %p token counts (0, or details left out) and warns once, naming the provider',
    (tokens) => {
      const warn = jest.fn();
      const usage = mapOpenAIUsage(
        {
          prompt_tokens: tokens,
          completion_tokens: tokens,
          total_tokens: tokens,
          prompt_tokens_details: { cached_tokens: tokens },
          completion_tokens_details: { reasoning_tokens: tokens },
        },
        { provider: 'ollama', warn },
      );
      expect(usage).toEqual(EMPTY_USAGE);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/^ollama reported impossible token counts/);
    },
  );

  it('keeps the sound counts next to an impossible one, the total back to input + output', () => {
    const warn = jest.fn();
    expect(
      mapOpenAIUsage(
        { prompt_tokens: 10, completion_tokens: 5, total_tokens: -1e12 },
        { provider: 'openai', warn },
      ),
    ).toEqual({ inputTokens: 10, outputTokens: 5, totalTokens: 15 });
    expect(warn.mock.calls[0]?.[0]).toContain('total_tokens: -1000000000000');
  });

  it('warns through process.emitWarning by default', () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(mapOpenAIUsage({ prompt_tokens: -1 })).toEqual(EMPTY_USAGE);
      expect(emit).toHaveBeenCalledWith(expect.stringMatching(/^openai reported/), {
        code: 'CONDUIT_INVALID_USAGE',
      });
    } finally {
      emit.mockRestore();
    }
  });
});

describe('mapOpenAIEmbeddingUsage', () => {
  it('reads prompt_tokens, 0 when missing', () => {
    expect(mapOpenAIEmbeddingUsage({ prompt_tokens: 8, total_tokens: 8 })).toBe(8);
    expect(mapOpenAIEmbeddingUsage(undefined)).toBe(0);
  });

  it.each([-1e12, NaN, Infinity])('counts %p prompt tokens as 0, with a warning', (tokens) => {
    const warn = jest.fn();
    expect(mapOpenAIEmbeddingUsage({ prompt_tokens: tokens }, { provider: 'openai', warn })).toBe(
      0,
    );
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

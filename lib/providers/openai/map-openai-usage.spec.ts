import { readFixtureJson } from '../../../test/support/fixtures';
import { EMPTY_USAGE, mapOpenAIUsage } from './map-openai-usage';

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

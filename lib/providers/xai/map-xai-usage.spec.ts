import { mapOpenAIUsage } from '../openai/map-openai-usage';
import { normalizeXaiUsage } from './map-xai-usage';

describe('normalizeXaiUsage', () => {
  it('adds the reasoning xAI counts only in the total to the output', () => {
    expect(
      normalizeXaiUsage({
        inputTokens: 12,
        outputTokens: 2,
        totalTokens: 334,
        reasoningTokens: 320,
      }),
    ).toEqual({ inputTokens: 12, outputTokens: 322, totalTokens: 334, reasoningTokens: 320 });
  });

  it.each([-1e12, NaN, Infinity])(
    'keeps impossible counts (%p) at 0 after the wire mapping dropped them',
    (tokens) => {
      const warn = jest.fn();
      const usage = normalizeXaiUsage(
        mapOpenAIUsage(
          {
            prompt_tokens: 12,
            completion_tokens: 2,
            total_tokens: 334,
            completion_tokens_details: { reasoning_tokens: tokens },
          },
          { provider: 'xai', warn },
        ),
      );
      expect(usage).toEqual({ inputTokens: 12, outputTokens: 2, totalTokens: 334 });
      expect(warn).toHaveBeenCalledTimes(1);
    },
  );
});

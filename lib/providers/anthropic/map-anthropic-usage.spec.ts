import { readFixtureJson } from '../../../test/support/fixtures';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage';

describe('mapAnthropicUsage', () => {
  it('counts cached prompt tokens in inputTokens and reports them apart (messages-cache-read.json)', () => {
    const body = readFixtureJson<{ usage: unknown }>('anthropic/messages-cache-read.json');
    expect(mapAnthropicUsage(body.usage)).toEqual({
      inputTokens: 3 + 4597 + 598,
      outputTokens: 350,
      totalTokens: 3 + 4597 + 598 + 350,
      cacheReadTokens: 4597,
      cacheWriteTokens: 598,
    });
  });

  it('reports thinking tokens as reasoningTokens, inside outputTokens', () => {
    expect(
      mapAnthropicUsage({
        input_tokens: 598,
        output_tokens: 92,
        output_tokens_details: { thinking_tokens: 53 },
      }),
    ).toEqual({ inputTokens: 598, outputTokens: 92, totalTokens: 690, reasoningTokens: 53 });
  });

  it('leaves cache fields out when the API did not report them, and reads junk as zero', () => {
    expect(mapAnthropicUsage({ input_tokens: 10, output_tokens: 2 })).toEqual({
      inputTokens: 10,
      outputTokens: 2,
      totalTokens: 12,
    });
    expect(mapAnthropicUsage(null)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });
});

describe('mergeAnthropicUsage', () => {
  it('lets cumulative message_delta counts replace the message_start ones', () => {
    const start = {
      input_tokens: 17,
      cache_read_input_tokens: 0,
      output_tokens: 1,
      service_tier: 'standard',
    };
    const merged = mergeAnthropicUsage(start, {
      input_tokens: 17,
      output_tokens: 15,
      cache_read_input_tokens: null,
    });
    expect(merged).toEqual({
      input_tokens: 17,
      cache_read_input_tokens: 0,
      output_tokens: 15,
      service_tier: 'standard',
    });
  });

  it('keeps the start usage when the delta sent none', () => {
    const start = { input_tokens: 5, output_tokens: 1 };
    expect(mergeAnthropicUsage(start, undefined)).toBe(start);
  });
});

describe('mapAnthropicUsage with impossible counts', () => {
  it.each([-1e12, NaN, Infinity, -Infinity, 2.5])(
    'drops %p token counts (0, or cache fields left out) and warns once',
    (tokens) => {
      const warn = jest.fn();
      const usage = mapAnthropicUsage(
        {
          input_tokens: tokens,
          cache_read_input_tokens: tokens,
          cache_creation_input_tokens: tokens,
          output_tokens: tokens,
          output_tokens_details: { thinking_tokens: tokens },
        },
        { provider: 'anthropic', warn },
      );
      expect(usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/^anthropic reported impossible token counts/);
    },
  );

  it('never lets a negative cache count lower the input of the sound ones', () => {
    const warn = jest.fn();
    expect(
      mapAnthropicUsage(
        { input_tokens: 10, cache_read_input_tokens: -1e12, output_tokens: 3 },
        { provider: 'anthropic', warn },
      ),
    ).toEqual({ inputTokens: 10, outputTokens: 3, totalTokens: 13 });
    expect(warn.mock.calls[0]?.[0]).toContain('cache_read_input_tokens: -1000000000000');
  });
});

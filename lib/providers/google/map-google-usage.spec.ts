import { mapGoogleFinishReason } from './map-google-finish-reason';
import { mapGoogleUsage } from './map-google-usage';

describe('mapGoogleUsage', () => {
  it('counts thoughts as output, the cached prefix inside the input and tool-use prompts as input', () => {
    expect(
      mapGoogleUsage({
        promptTokenCount: 100,
        toolUsePromptTokenCount: 5,
        cachedContentTokenCount: 80,
        candidatesTokenCount: 20,
        thoughtsTokenCount: 30,
        totalTokenCount: 155,
      }),
    ).toEqual({
      inputTokens: 105,
      outputTokens: 50,
      totalTokens: 155,
      cacheReadTokens: 80,
      reasoningTokens: 30,
    });
  });

  it('gives zeros without usage and drops impossible counts with one warning', () => {
    expect(mapGoogleUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    const warn = jest.fn();
    expect(
      mapGoogleUsage(
        { promptTokenCount: -1e12, candidatesTokenCount: 3 },
        { provider: 'google', warn },
      ),
    ).toEqual({ inputTokens: 0, outputTokens: 3, totalTokens: 3 });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('mapGoogleFinishReason', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['RECITATION', false, 'content_filter'],
    ['SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'error'],
    ['FINISH_REASON_UNSPECIFIED', false, 'other'],
    [null, false, 'other'],
  ] as const)('%s (tool calls: %s) -> %s', (raw, calls, expected) => {
    expect(mapGoogleFinishReason(raw, calls)).toBe(expected);
  });
});

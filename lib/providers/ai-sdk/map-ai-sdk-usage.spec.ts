import { mapAiSdkFinishReason } from './map-ai-sdk-finish-reason';
import { mapAiSdkUsage } from './map-ai-sdk-usage';
import { mapAiSdkWarnings } from './map-ai-sdk-warnings';

describe('mapAiSdkUsage', () => {
  it('reads V2 flat usage with cached and reasoning tokens', () => {
    expect(
      mapAiSdkUsage({
        inputTokens: 120,
        outputTokens: 30,
        totalTokens: 150,
        cachedInputTokens: 100,
        reasoningTokens: 12,
      }),
    ).toEqual({
      inputTokens: 120,
      outputTokens: 30,
      totalTokens: 150,
      cacheReadTokens: 100,
      reasoningTokens: 12,
    });
  });

  it('reads V3 split usage and adds the total itself', () => {
    expect(
      mapAiSdkUsage({
        inputTokens: { total: 120, noCache: 15, cacheRead: 100, cacheWrite: 5 },
        outputTokens: { total: 30, text: 18, reasoning: 12 },
      }),
    ).toEqual({
      inputTokens: 120,
      outputTokens: 30,
      totalTokens: 150,
      cacheReadTokens: 100,
      cacheWriteTokens: 5,
      reasoningTokens: 12,
    });
  });

  it('counts what the provider did not report as 0 and leaves optional counts out', () => {
    expect(
      mapAiSdkUsage({
        inputTokens: {
          total: undefined,
          noCache: undefined,
          cacheRead: undefined,
          cacheWrite: undefined,
        },
        outputTokens: { total: 7, text: undefined, reasoning: undefined },
      }),
    ).toEqual({ inputTokens: 0, outputTokens: 7, totalTokens: 7 });
    expect(
      mapAiSdkUsage({ inputTokens: undefined, outputTokens: 3, totalTokens: undefined }),
    ).toEqual({
      inputTokens: 0,
      outputTokens: 3,
      totalTokens: 3,
    });
  });
});

describe('mapAiSdkFinishReason', () => {
  it('keeps the V3 raw reason and normalizes the unified one', () => {
    expect(mapAiSdkFinishReason({ unified: 'tool-calls', raw: 'tool_use' })).toEqual({
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
    });
    expect(mapAiSdkFinishReason({ unified: 'content-filter', raw: undefined })).toEqual({
      finishReason: 'content_filter',
      rawFinishReason: null,
    });
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['error', 'error'],
    ['other', 'other'],
    ['unknown', 'other'],
  ] as const)('V2 %p -> %p, raw kept as sent', (v2, ours) => {
    expect(mapAiSdkFinishReason(v2)).toEqual({ finishReason: ours, rawFinishReason: v2 });
  });
});

describe('mapAiSdkWarnings', () => {
  it('maps V2 and V3 warning shapes to setting + message', () => {
    expect(
      mapAiSdkWarnings([
        { type: 'unsupported-setting', setting: 'seed' },
        { type: 'unsupported-setting', setting: 'topK', details: 'topK is ignored' },
        { type: 'unsupported', feature: 'frequencyPenalty' },
        { type: 'compatibility', feature: 'toolChoice', details: 'emulated' },
        { type: 'other', message: 'beta model' },
      ]),
    ).toEqual([
      { setting: 'seed', message: 'seed is not supported by this model' },
      { setting: 'topK', message: 'topK is ignored' },
      { setting: 'frequencyPenalty', message: 'frequencyPenalty is not supported by this model' },
      { setting: 'toolChoice', message: 'emulated' },
      { setting: 'other', message: 'beta model' },
    ]);
  });
});

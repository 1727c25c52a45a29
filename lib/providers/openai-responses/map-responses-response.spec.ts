import { InvalidResponseError } from '../../core';
import { mapResponsesFinishReason } from './map-responses-finish-reason';
import { mapResponsesResponse } from './map-responses-response';
import { mapResponsesUsage } from './map-responses-usage';

describe('mapResponsesResponse', () => {
  it('throws InvalidResponseError for a body without an output list', () => {
    expect(() => mapResponsesResponse({ id: 'r' }, 'openai')).toThrow(InvalidResponseError);
    expect(() => mapResponsesResponse('text', 'openai')).toThrow(/without an output list/);
  });

  it('maps refusals, joins text across message items and skips server-side tool items', () => {
    const answer = mapResponsesResponse(
      {
        id: 'resp_1',
        model: 'gpt-5',
        status: 'completed',
        output: [
          'noise',
          { type: 'web_search_call', id: 'ws_1', status: 'completed' },
          { type: 'message', content: [{ type: 'output_text', text: 'Hello ' }, 'noise'] },
          {
            type: 'message',
            content: [
              { type: 'output_text', text: 'world' },
              { type: 'refusal', refusal: 'No.' },
            ],
          },
          { type: 'message', content: 'not a list' },
          { type: 'reasoning', summary: [{ type: 'summary_text' }, 'noise'] },
        ],
      },
      'openai',
    );
    expect(answer.content).toEqual([
      { type: 'text', text: 'Hello world' },
      { type: 'reasoning', text: '\n\n' },
    ]);
    expect(answer.refusal).toBe('No.');
    expect(answer.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(answer.providerMetadata).toEqual({});
  });

  it('keeps invalid tool arguments as raw text with a warning', () => {
    const answer = mapResponsesResponse(
      {
        status: 'completed',
        output: [{ type: 'function_call', id: 'fc_1', name: 'f', arguments: '{"a":' }],
      },
      'openai',
      [{ setting: 'seed', message: 'ignored' }],
    );
    expect(answer.toolCalls).toEqual([
      { id: 'fc_1', name: 'f', arguments: {}, rawArguments: '{"a":' },
    ]);
    expect(answer.warnings.map((w) => w.setting)).toEqual(['seed', 'toolCalls']);
    expect(answer).toMatchObject({ id: '', model: '', finishReason: 'tool_calls' });
  });
});

describe('mapResponsesFinishReason', () => {
  it.each([
    [{ status: 'completed' }, false, 'stop', 'completed'],
    [{ status: 'completed' }, true, 'tool_calls', 'completed'],
    [
      { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
      false,
      'length',
      'max_output_tokens',
    ],
    [
      { status: 'incomplete', incomplete_details: { reason: 'content_filter' } },
      false,
      'content_filter',
      'content_filter',
    ],
    [{ status: 'failed' }, false, 'error', 'failed'],
    [{ status: 'cancelled' }, false, 'other', 'cancelled'],
    [{}, false, 'other', null],
    [null, false, 'other', null],
  ])('maps %j (tool calls: %s) to %s', (response, hasToolCalls, finishReason, rawFinishReason) => {
    expect(mapResponsesFinishReason(response, hasToolCalls)).toEqual({
      finishReason,
      rawFinishReason,
    });
  });
});

describe('mapResponsesUsage', () => {
  it('maps missing usage to zeros and fills a missing total', () => {
    expect(mapResponsesUsage(null)).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
    expect(
      mapResponsesUsage({ input_tokens: 3, output_tokens: 4, input_tokens_details: null }),
    ).toEqual({
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
    });
  });
});

import { InvalidResponseError } from '../../core';
import { mapAnthropicResponse } from './map-anthropic-response';

describe('mapAnthropicResponse', () => {
  it('joins adjacent text blocks, skips empty ones and server-tool blocks, keeps request warnings', () => {
    const response = mapAnthropicResponse(
      {
        id: 'msg_1',
        model: 'claude-x',
        content: [
          { type: 'text', text: 'Hello ' },
          { type: 'text', text: '' },
          { type: 'server_tool_use', id: 's', name: 'web_search', input: {} },
          { type: 'text', text: 'world' },
          'junk',
        ],
        stop_reason: 'pause_turn',
        usage: { input_tokens: 1, output_tokens: 2 },
      },
      [{ setting: 'seed', message: 'not sent' }],
    );
    expect(response).toMatchObject({
      text: 'Hello world',
      content: [{ type: 'text', text: 'Hello world' }],
      finishReason: 'other',
      rawFinishReason: 'pause_turn',
      warnings: [{ setting: 'seed', message: 'not sent' }],
      providerMetadata: {},
    });
  });

  it('maps thinking without signature, redacted thinking, and tool_use with odd fields', () => {
    const response = mapAnthropicResponse({
      content: [
        { type: 'thinking', thinking: 'hmm', signature: '' },
        { type: 'redacted_thinking' },
        { type: 'tool_use', input: 'not an object' },
      ],
    });
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'hmm' },
      { type: 'reasoning', text: '', redactedData: '' },
    ]);
    expect(response.toolCalls).toEqual([{ id: '', name: '', arguments: {}, rawArguments: '{}' }]);
    expect(response).toMatchObject({
      id: '',
      model: '',
      rawFinishReason: null,
      usage: { totalTokens: 0 },
    });
    expect(response.message.content).toEqual(response.content);
  });

  it('surfaces the explanation of a refusal only for refusals that have one', () => {
    const refusal = (stop_details: unknown, stop_reason = 'refusal') =>
      mapAnthropicResponse({ content: [], stop_reason, stop_details }).refusal;
    expect(refusal({ type: 'refusal', explanation: 'Blocked.' })).toBe('Blocked.');
    expect(refusal({ type: 'refusal', explanation: '' })).toBeUndefined();
    expect(refusal(null)).toBeUndefined();
    expect(refusal({ explanation: 'x' }, 'end_turn')).toBeUndefined();
  });

  it('fails with InvalidResponseError on a body that is not a message', () => {
    expect(() => mapAnthropicResponse({ type: 'error' })).toThrow(InvalidResponseError);
    expect(() => mapAnthropicResponse('text')).toThrow(InvalidResponseError);
  });
});

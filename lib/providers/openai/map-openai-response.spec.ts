import { InvalidResponseError } from '../../core';
import { readFixtureJson } from '../../../test/support/fixtures';
import { mapOpenAIResponse, toAssistantMessage } from './map-openai-response';

const answer = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1',
  model: 'm-1',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
  ...extra,
});

describe('mapOpenAIResponse', () => {
  it('maps chat-tool-calls-parallel.json', () => {
    const response = mapOpenAIResponse(
      readFixtureJson('openai/chat-tool-calls-parallel.json'),
      'openai',
    );
    expect(response.toolCalls.map((c) => c.arguments)).toEqual([
      { password: 'mellon' },
      { password: 'radiance' },
    ]);
    expect(response.finishReason).toBe('tool_calls');
  });

  it('keeps a refusal', () => {
    const response = mapOpenAIResponse(
      answer({ content: null, refusal: "I can't help with that." }),
      'openai',
    );
    expect(response.refusal).toBe("I can't help with that.");
    expect(response.text).toBe('');
  });

  it('reads reasoning of compatible servers (reasoning_content, reasoning) before the text', () => {
    for (const field of ['reasoning_content', 'reasoning']) {
      const response = mapOpenAIResponse(
        answer({ content: 'Three.', [field]: 'Count the rs.' }),
        'groq',
      );
      expect(response.content).toEqual([
        { type: 'reasoning', text: 'Count the rs.' },
        { type: 'text', text: 'Three.' },
      ]);
      expect(response.text).toBe('Three.');
      expect(response.message.content).toEqual(response.content);
    }
  });

  it('parses empty arguments as {} and keeps invalid ones raw with a warning', () => {
    const response = mapOpenAIResponse(
      answer({
        content: null,
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'now', arguments: '' } },
          { id: 'b', type: 'function', function: { name: 'find', arguments: '{"q": "cut' } },
          'garbage',
          { id: 'c' },
        ],
      }),
      'openai',
      [{ setting: 'toolChoice', message: 'ignored' }],
    );
    expect(response.toolCalls).toEqual([
      { id: 'a', name: 'now', arguments: {}, rawArguments: '' },
      { id: 'b', name: 'find', arguments: {}, rawArguments: '{"q": "cut' },
    ]);
    expect(response.warnings).toEqual([
      { setting: 'toolChoice', message: 'ignored' },
      { setting: 'toolCalls', message: expect.stringContaining('b (find)') },
    ]);
  });

  it('reads only choice 0, whatever the order', () => {
    const body = {
      id: 'x',
      model: 'm',
      choices: [
        { index: 1, message: { content: 'second' }, finish_reason: 'stop' },
        { index: 0, message: { content: 'first' }, finish_reason: 'length' },
      ],
    };
    const response = mapOpenAIResponse(body, 'openai');
    expect(response.text).toBe('first');
    expect(response.finishReason).toBe('length');
  });

  it('tolerates missing ids, usage and finish reason', () => {
    const response = mapOpenAIResponse({ choices: [{ message: { content: 'hi' } }] }, 'vllm');
    expect(response).toMatchObject({
      id: '',
      model: '',
      text: 'hi',
      finishReason: 'other',
      rawFinishReason: null,
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      providerMetadata: {},
    });
  });

  it.each([null, {}, { choices: [] }, { choices: [{ index: 0 }] }, 'text'])(
    'rejects %p',
    (body) => {
      expect(() => mapOpenAIResponse(body, 'openai')).toThrow(InvalidResponseError);
    },
  );
});

describe('toAssistantMessage', () => {
  it('uses the plain text unless there is reasoning, and tool calls only when present', () => {
    expect(toAssistantMessage([{ type: 'text', text: 'a' }], 'a', [])).toEqual({
      role: 'assistant',
      content: 'a',
    });
    const call = { id: '1', name: 'n', arguments: {}, rawArguments: '' };
    expect(toAssistantMessage([], '', [call])).toEqual({
      role: 'assistant',
      content: '',
      toolCalls: [call],
    });
  });
});

import type { Message } from '../../core';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages';

const call = (id: string, password: string) => ({
  id,
  name: 'secret_retrieval_tool',
  arguments: { password },
  rawArguments: JSON.stringify({ password }),
});

describe('convertToAnthropicMessages', () => {
  it('moves system messages to the top-level system blocks and keeps a plain user string', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'Hello' },
    ]);
    expect(prompt.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Answer in French.' },
    ]);
    expect(prompt.messages).toEqual([{ role: 'user', content: 'Hello' }]);
    expect(prompt.warnings).toEqual([]);
  });

  it('has no system field without system messages', () => {
    expect(convertToAnthropicMessages([{ role: 'user', content: 'Hi' }]).system).toBeUndefined();
  });

  it('hoists a system message sent mid-conversation, with a warning', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'system', content: 'Now be formal.' },
      { role: 'user', content: 'How are you?' },
    ]);
    expect(prompt.system).toEqual([{ type: 'text', text: 'Now be formal.' }]);
    expect(prompt.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(prompt.warnings).toEqual([
      {
        setting: 'messages.system',
        message: expect.stringContaining('moved to the top-level system prompt'),
      },
    ]);
  });

  it('merges consecutive same-role messages into one turn of blocks', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'First' },
      { role: 'user', content: [{ type: 'text', text: 'Second' }] },
      { role: 'assistant', content: 'A' },
      { role: 'assistant', content: [{ type: 'text', text: 'B' }] },
    ]);
    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First' },
          { type: 'text', text: 'Second' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
      },
    ]);
  });

  it('sends tool calls as tool_use blocks and tool results as tool_result blocks of one user turn', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Get both secrets' },
      {
        role: 'assistant',
        content: 'On it.',
        toolCalls: [call('toolu_1', 'mellon'), call('toolu_2', 'radiance')],
      },
      { role: 'tool', toolCallId: 'toolu_1', content: 'Welcome to Moria!' },
      {
        role: 'tool',
        toolCallId: 'toolu_2',
        content: 'boom',
        isError: true,
        toolName: 'secret_retrieval_tool',
      },
      { role: 'user', content: 'Thanks, summarise.' },
    ]);
    expect(prompt.messages).toEqual([
      { role: 'user', content: 'Get both secrets' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'On it.' },
          {
            type: 'tool_use',
            id: 'toolu_1',
            name: 'secret_retrieval_tool',
            input: { password: 'mellon' },
          },
          {
            type: 'tool_use',
            id: 'toolu_2',
            name: 'secret_retrieval_tool',
            input: { password: 'radiance' },
          },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Welcome to Moria!' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'boom', is_error: true },
          { type: 'text', text: 'Thanks, summarise.' },
        ],
      },
    ]);
  });

  it('leaves out an empty assistant text next to tool calls (the API rejects empty text blocks)', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'assistant', content: '', toolCalls: [call('toolu_1', 'x')] },
    ]);
    expect(prompt.messages[0]?.content).toEqual([
      { type: 'tool_use', id: 'toolu_1', name: 'secret_retrieval_tool', input: { password: 'x' } },
    ]);
  });

  it('passes thinking and redacted thinking back unmodified, before the tool calls', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Use the tool' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Let me think.', signature: 'sig-abc' },
          { type: 'reasoning', text: '', redactedData: 'EqkECkYI...' },
          { type: 'text', text: 'Calling it.' },
        ],
        toolCalls: [call('toolu_9', 'p')],
      },
    ]);
    expect(prompt.messages[1]?.content).toEqual([
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig-abc' },
      { type: 'redacted_thinking', data: 'EqkECkYI...' },
      { type: 'text', text: 'Calling it.' },
      { type: 'tool_use', id: 'toolu_9', name: 'secret_retrieval_tool', input: { password: 'p' } },
    ]);
    expect(prompt.warnings).toEqual([]);
  });

  it('leaves out reasoning without a signature, with one warning', () => {
    const prompt = convertToAnthropicMessages([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'from another provider' },
          { type: 'reasoning', text: 'again', signature: '' },
          { type: 'text', text: 'Answer' },
        ],
      },
    ]);
    expect(prompt.messages[0]?.content).toEqual([{ type: 'text', text: 'Answer' }]);
    expect(prompt.warnings).toEqual([
      { setting: 'reasoning', message: expect.stringContaining('cannot be sent back') },
    ]);
  });

  it('sends images as base64 or URL sources; data: URLs become base64', () => {
    const prompt = convertToAnthropicMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
          { type: 'image', url: 'https://example.com/cat.jpg' },
          { type: 'image', url: 'data:image/webp;base64,UklGRg==' },
        ],
      },
    ]);
    expect(prompt.messages[0]?.content).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGRg==' } },
    ]);
  });

  it('warns once about settings Anthropic cannot send (image detail, participant names)', () => {
    const prompt = convertToAnthropicMessages([
      {
        role: 'user',
        name: 'alice',
        content: [
          { type: 'image', url: 'https://example.com/a.png', detail: 'high' },
          { type: 'image', url: 'https://example.com/b.png', detail: 'low' },
        ],
      },
      { role: 'user', name: 'bob', content: 'hi' },
    ]);
    expect(prompt.warnings.map((w) => w.setting)).toEqual(['messages.name', 'image.detail']);
  });

  it('puts cache_control on the last block of a marked message, turning a string into a text block', () => {
    const messages: Message[] = [
      { role: 'system', content: 'Long rules', cacheControl: { type: 'ephemeral', ttl: '1h' } },
      { role: 'user', content: 'Question', cacheControl: { type: 'ephemeral' } },
      { role: 'assistant', content: 'Answer' },
      { role: 'tool', toolCallId: 't1', content: 'r1' },
      { role: 'tool', toolCallId: 't2', content: 'r2', cacheControl: { type: 'ephemeral' } },
    ];
    const prompt = convertToAnthropicMessages(messages);
    expect(prompt.system).toEqual([
      { type: 'text', text: 'Long rules', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [{ type: 'text', text: 'Question', cache_control: { type: 'ephemeral' } }],
      },
      { role: 'assistant', content: 'Answer' },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 't1', content: 'r1' },
          {
            type: 'tool_result',
            tool_use_id: 't2',
            content: 'r2',
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ]);
  });

  it('marks messages by position too, the message own marker winning', () => {
    const prompt = convertToAnthropicMessages(
      [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U', cacheControl: { type: 'ephemeral', ttl: '1h' } },
      ],
      new Map([
        [0, { type: 'ephemeral' as const }],
        [1, { type: 'ephemeral' as const }],
      ]),
    );
    expect(prompt.system).toEqual([
      { type: 'text', text: 'S', cache_control: { type: 'ephemeral' } },
    ]);
    expect(prompt.messages[0]?.content).toEqual([
      { type: 'text', text: 'U', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('reports a breakpoint on a message with no block to carry it instead of dropping it silently', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: '', cacheControl: { type: 'ephemeral' } },
    ]);
    expect(prompt.messages[1]).toEqual({ role: 'assistant', content: '' });
    expect(prompt.warnings).toEqual([
      { setting: 'messages[1].cacheControl', message: expect.stringContaining('no content block') },
    ]);
  });
});

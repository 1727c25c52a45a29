import { convertToOpenAIMessages } from './convert-to-openai-messages';

describe('convertToOpenAIMessages', () => {
  it('converts system and plain user messages, keeping the participant name', () => {
    expect(
      convertToOpenAIMessages([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi', name: 'ann' },
        { role: 'user', content: 'Again' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi', name: 'ann' },
      { role: 'user', content: 'Again' },
    ]);
  });

  it('converts text and image parts; base64 images become data URLs', () => {
    const [message] = convertToOpenAIMessages([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', url: 'https://example.com/cat.png', detail: 'low' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        ],
      },
    ]);
    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    });
  });

  it('sends assistant tool calls with content null when there is no text', () => {
    const call = {
      id: 'call_1',
      name: 'lookup',
      arguments: { q: 'x' },
      rawArguments: '{"q": "x"}',
    };
    expect(
      convertToOpenAIMessages([{ role: 'assistant', content: '', toolCalls: [call] }]),
    ).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q": "x"}' } },
        ],
      },
    ]);
  });

  it('serializes arguments when the raw text is unknown, and keeps text next to tool calls', () => {
    const call = { id: 'call_2', name: 'add', arguments: { a: 1 }, rawArguments: '' };
    expect(
      convertToOpenAIMessages([{ role: 'assistant', content: 'Adding.', toolCalls: [call] }]),
    ).toEqual([
      {
        role: 'assistant',
        content: 'Adding.',
        tool_calls: [
          { id: 'call_2', type: 'function', function: { name: 'add', arguments: '{"a":1}' } },
        ],
      },
    ]);
  });

  it('drops reasoning parts and joins the text parts', () => {
    expect(
      convertToOpenAIMessages([
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'thinking...', signature: 'sig' },
            { type: 'text', text: 'Hello ' },
            { type: 'text', text: 'there' },
          ],
        },
        { role: 'assistant', content: [], toolCalls: [] },
      ]),
    ).toEqual([
      { role: 'assistant', content: 'Hello there' },
      { role: 'assistant', content: '' },
    ]);
  });

  it('turns tool results into role "tool" messages with tool_call_id', () => {
    expect(
      convertToOpenAIMessages([
        { role: 'tool', toolCallId: 'call_1', content: '42', toolName: 'lookup', isError: false },
      ]),
    ).toEqual([{ role: 'tool', content: '42', tool_call_id: 'call_1' }]);
  });
});

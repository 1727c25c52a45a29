import { validateMessages } from './validate-messages';

function problems(input: unknown): string[] {
  return validateMessages(input).issues.map((i) => `${i.path}: ${i.message}`);
}

describe('validateMessages', () => {
  it('turns a string into one user message', () => {
    expect(validateMessages('Hello')).toEqual({
      messages: [{ role: 'user', content: 'Hello' }],
      issues: [],
    });
  });

  it('accepts a full conversation with images, reasoning and tool calls', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', url: 'https://example.com/cat.png', detail: 'low' },
          { type: 'image', data: 'iVBORw0KGgo=', mediaType: 'image/png' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm', signature: 'sig' },
          { type: 'text', text: '' },
        ],
        toolCalls: [
          { id: 'call_1', name: 'lookup', arguments: { q: 'cat' }, rawArguments: '{"q":"cat"}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: '{"animal":"cat"}' },
    ];
    expect(problems(messages)).toEqual([]);
    expect(validateMessages(messages).messages).toBe(messages);
  });

  it('rejects an empty list, an empty string and other shapes', () => {
    expect(problems([])).toEqual(['messages: must contain at least one message']);
    expect(problems('')).toEqual(['messages: must not be an empty string']);
    expect(problems(42)).toEqual(['messages: must be a string or an array of messages']);
  });

  it('names the role, the tool call id and the content of the faulty message', () => {
    expect(
      problems([
        { role: 'robot', content: 'x' },
        { role: 'tool', content: 'result' },
        'hello',
        { role: 'system', content: [{ type: 'text', text: 'x' }] },
      ]),
    ).toEqual([
      'messages[0].role: unknown role "robot"; expected system, user, assistant, tool',
      'messages[1].toolCallId: required on tool messages: the id of the tool call this message answers',
      'messages[2]: must be a message object { role, content }',
      'messages[3].content: must be a string',
    ]);
  });

  it('checks every content part', () => {
    expect(
      problems([
        {
          role: 'user',
          content: [
            { type: 'video', url: 'x' },
            { type: 'text' },
            { type: 'image' },
            { type: 'image', url: '' },
            { type: 'image', data: 'abc', mediaType: 'image/bmp', detail: 'max' },
            'text',
          ],
        },
        { role: 'assistant', content: [{ type: 'image', url: 'https://x' }] },
      ]),
    ).toEqual([
      'messages[0].content[0]: unknown content part type "video"; expected text, image, file or audio',
      'messages[0].content[1].text: must be a string',
      'messages[0].content[2]: an image part needs either url or data (base64) with mediaType',
      'messages[0].content[3].url: must be a non-empty string (https: or data: URL)',
      'messages[0].content[4].mediaType: must be one of: image/jpeg, image/png, image/gif, image/webp',
      'messages[0].content[4].detail: must be one of: auto, low, high',
      'messages[0].content[5]: not an object; expected text, image, file or audio',
      'messages[1].content[0]: unknown content part type "image"; expected text or reasoning',
    ]);
  });

  it('checks file and audio parts: one source, a media type, bare padded base64, a known format', () => {
    expect(
      problems([
        {
          role: 'user',
          content: [
            { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' },
            { type: 'file', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' },
            { type: 'audio', data: 'UklGRg==', format: 'wav' },
            { type: 'file', mediaType: 'application/pdf' },
            { type: 'file', data: 'JVBERi0', mediaType: 'pdf', filename: '' },
            { type: 'file', data: 'data:application/pdf;base64,JVBERi0=', mediaType: 'a/b' },
            { type: 'file', url: 'ftp://x/a.pdf', mediaType: 'application/pdf' },
            { type: 'audio', data: 'not base64!', format: 'mid' },
          ],
        },
      ]),
    ).toEqual([
      'messages[0].content[3]: a file part needs either url or data (base64), with mediaType',
      'messages[0].content[4].data: is not valid base64 (standard alphabet, padded with =)',
      'messages[0].content[4].mediaType: must be a media type such as application/pdf',
      'messages[0].content[4].filename: must be a non-empty string when given',
      'messages[0].content[5].data: must be bare base64, without a data: URL prefix',
      'messages[0].content[6].url: must be an http(s): or data: URL',
      'messages[0].content[7].data: is not valid base64 (standard alphabet, padded with =)',
      'messages[0].content[7].format: must be one of: wav, mp3, flac, ogg, webm, aac, m4a',
    ]);
  });

  it('validates the base64 of a large file without overflowing the stack', () => {
    const data = Buffer.alloc(12 * 1024 * 1024).toString('base64');
    const file = { type: 'file', data, mediaType: 'application/pdf' };
    expect(problems([{ role: 'user', content: [file] }])).toEqual([]);
    expect(problems([{ role: 'user', content: [{ ...file, data: `${data}A` }] }])).toEqual([
      'messages[0].content[0].data: is not valid base64 (standard alphabet, padded with =)',
    ]);
  });

  it('checks the tool calls of assistant messages', () => {
    expect(
      problems([
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: '', name: 'x', arguments: [] }, 'call'],
        },
        { role: 'assistant', content: '', toolCalls: {} },
      ]),
    ).toEqual([
      'messages[0].toolCalls[0].id: must be a non-empty string',
      'messages[0].toolCalls[0].arguments: must be an object',
      'messages[0].toolCalls[1]: must be an object { id, name, arguments }',
      'messages[1].toolCalls: must be an array of tool calls',
    ]);
  });
});

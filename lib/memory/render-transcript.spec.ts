import { renderTranscript } from './render-transcript';

describe('renderTranscript', () => {
  it('renders text, image placeholders, tool calls and tool results, and leaves reasoning out', () => {
    expect(
      renderTranscript([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', url: 'https://example.com/a.png' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'thinking...' },
            { type: 'text', text: 'Let me check.' },
          ],
          toolCalls: [{ id: 'c1', name: 'lookup', arguments: { q: 'a' }, rawArguments: '' }],
        },
        { role: 'tool', toolCallId: 'c1', content: 'a cat' },
        { role: 'tool', toolCallId: 'c2', toolName: 'lookup', content: 'a dog' },
      ]),
    ).toBe(
      [
        'user: What is this?\n[image]',
        'assistant: Let me check.',
        'assistant called lookup({"q":"a"})',
        'tool c1: a cat',
        'tool lookup: a dog',
      ].join('\n'),
    );
  });
});

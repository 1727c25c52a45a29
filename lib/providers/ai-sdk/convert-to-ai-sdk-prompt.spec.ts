import type { Message } from '../../core';
import { convertToAiSdkPrompt } from './convert-to-ai-sdk-prompt';

describe('convertToAiSdkPrompt', () => {
  it('maps system, user text, assistant tool calls and tool results', () => {
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          {
            id: 'c1',
            name: 'weather',
            arguments: { city: 'Paris' },
            rawArguments: '{"city":"Paris"}',
          },
          { id: 'c2', name: 'time', arguments: {}, rawArguments: '' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', content: '18 C' },
      { role: 'tool', toolCallId: 'c2', toolName: 'time', content: 'no clock', isError: true },
      { role: 'assistant', content: 'It is 18 C.' },
    ];
    expect(convertToAiSdkPrompt(messages)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'c1', toolName: 'weather', input: { city: 'Paris' } },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'time', input: {} },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'weather',
            output: { type: 'text', value: '18 C' },
          },
          {
            type: 'tool-result',
            toolCallId: 'c2',
            toolName: 'time',
            output: { type: 'error-text', value: 'no clock' },
          },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'It is 18 C.' }] },
    ]);
  });

  it('turns images, documents and audio into file parts with their media types', () => {
    const [user] = convertToAiSdkPrompt([
      {
        role: 'user',
        content: [
          { type: 'image', data: 'aGk=', mediaType: 'image/png', detail: 'low' },
          { type: 'image', url: 'data:image/jpeg;base64,/9j/' },
          { type: 'image', url: 'https://example.com/cat.webp' },
          { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' },
          { type: 'file', url: 'https://example.com/b.pdf', mediaType: 'application/pdf' },
          { type: 'audio', data: 'UklGRg==', format: 'mp3' },
        ],
      },
    ]);
    expect(user).toEqual({
      role: 'user',
      content: [
        {
          type: 'file',
          data: 'aGk=',
          mediaType: 'image/png',
          providerOptions: { openai: { imageDetail: 'low' } },
        },
        { type: 'file', data: '/9j/', mediaType: 'image/jpeg' },
        { type: 'file', data: new URL('https://example.com/cat.webp'), mediaType: 'image/*' },
        { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' },
        { type: 'file', data: new URL('https://example.com/b.pdf'), mediaType: 'application/pdf' },
        { type: 'file', data: 'UklGRg==', mediaType: 'audio/mpeg' },
      ],
    });
  });

  it('sends reasoning with its signature and cache breakpoints where Anthropic reads them', () => {
    const prompt = convertToAiSdkPrompt([
      { role: 'system', content: 'long', cacheControl: { type: 'ephemeral', ttl: '1h' } },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'think', signature: 'sig-1' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          { type: 'text', text: 'answer' },
        ],
      },
    ]);
    expect(prompt).toEqual([
      {
        role: 'system',
        content: 'long',
        providerOptions: { anthropic: { cacheControl: { type: 'ephemeral', ttl: '1h' } } },
      },
      {
        role: 'assistant',
        content: [
          {
            type: 'reasoning',
            text: 'think',
            providerOptions: { anthropic: { signature: 'sig-1' } },
          },
          {
            type: 'reasoning',
            text: '',
            providerOptions: { anthropic: { redactedData: 'opaque' } },
          },
          { type: 'text', text: 'answer' },
        ],
      },
    ]);
  });
});

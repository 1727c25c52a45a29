import { UnsupportedContentError, type Message, type UserContentPart } from '../../core';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages';

const user = (...content: UserContentPart[]): Message[] => [{ role: 'user', content }];
const blocksOf = (messages: Message[], citations = false): unknown =>
  convertToAnthropicMessages(messages, new Map(), 'anthropic:claude-sonnet-4-5', { citations })
    .messages[0]?.content;

describe('convertToAnthropicMessages: files and audio', () => {
  it('sends a base64 PDF as a document block with a base64 source, the filename as title', () => {
    expect(
      blocksOf(
        user(
          { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'q3.pdf' },
          { type: 'text', text: 'Summarise' },
        ),
      ),
    ).toEqual([
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
        title: 'q3.pdf',
      },
      { type: 'text', text: 'Summarise' },
    ]);
  });

  it('sends a PDF by URL as a url source, a data: URL as base64', () => {
    expect(
      blocksOf(
        user(
          { type: 'file', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' },
          {
            type: 'file',
            url: 'data:application/pdf;base64,JVBERi0=',
            mediaType: 'application/pdf',
          },
        ),
      ),
    ).toEqual([
      { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
      },
    ]);
  });

  it('sends plain text as a text source (decoded), with citations when asked', () => {
    expect(
      blocksOf(
        user({
          type: 'file',
          data: Buffer.from('héllo').toString('base64'),
          mediaType: 'text/plain',
        }),
        true,
      ),
    ).toEqual([
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'héllo' },
        citations: { enabled: true },
      },
    ]);
  });

  it('sends text given as a base64 data: URL as a text source', () => {
    expect(
      blocksOf(
        user({
          type: 'file',
          url: `data:text/plain;base64,${Buffer.from('notes').toString('base64')}`,
          mediaType: 'text/plain',
        }),
      ),
    ).toEqual([
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' } },
    ]);
  });

  it('fails typed on audio, on other media types and on text by URL', () => {
    const audio = (): unknown => blocksOf(user({ type: 'audio', data: 'UklGRg==', format: 'wav' }));
    expect(audio).toThrow(UnsupportedContentError);
    expect(audio).toThrow(
      'anthropic:claude-sonnet-4-5 cannot take audio (wav) at messages[0].content[0]: the Messages API has no audio input',
    );
    expect(() =>
      blocksOf(user({ type: 'file', data: 'UEsDBA==', mediaType: 'application/zip' })),
    ).toThrow('Anthropic documents are PDFs or text/plain');
    expect(() =>
      blocksOf(user({ type: 'file', url: 'https://x/a.txt', mediaType: 'text/plain' })),
    ).toThrow(UnsupportedContentError);
  });
});

import { UnsupportedContentError, type Message, type UserContentPart } from '../../core';
import { convertToOpenAIMessages } from './convert-to-openai-messages';

const user = (...content: UserContentPart[]): Message[] => [{ role: 'user', content }];

function errorOf(messages: Message[]): UnsupportedContentError {
  try {
    convertToOpenAIMessages(messages, 'openai:gpt-4o');
  } catch (error) {
    if (error instanceof UnsupportedContentError) return error;
    throw error;
  }
  throw new Error('expected an UnsupportedContentError');
}

describe('convertToOpenAIMessages: files and audio (Chat Completions)', () => {
  it('sends a PDF as a file part: file_data as a data: URL, and its filename', () => {
    const [message] = convertToOpenAIMessages(
      user(
        { type: 'text', text: 'Summarise' },
        { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'q3.pdf' },
      ),
    );
    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Summarise' },
        {
          type: 'file',
          file: { filename: 'q3.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
        },
      ],
    });
  });

  it('names a PDF sent without a filename (the API asks for one beside file_data)', () => {
    const [message] = convertToOpenAIMessages(
      user({ type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf' }),
    );
    expect(message?.['content']).toEqual([
      {
        type: 'file',
        file: { filename: 'file.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
      },
    ]);
  });

  it('sends a PDF given as a base64 data: URL as file_data (it is bytes, not a link)', () => {
    const [message] = convertToOpenAIMessages(
      user({
        type: 'file',
        url: 'data:application/pdf;base64,JVBERi0=',
        mediaType: 'application/pdf',
        filename: 'a.pdf',
      }),
    );
    expect(message?.['content']).toEqual([
      {
        type: 'file',
        file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
      },
    ]);
  });

  it('sends wav and mp3 audio as input_audio with the bare base64 and the format', () => {
    const [message] = convertToOpenAIMessages(
      user(
        { type: 'audio', data: 'UklGRg==', format: 'wav' },
        { type: 'audio', data: 'SUQz', format: 'mp3' },
      ),
    );
    expect(message?.['content']).toEqual([
      { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
      { type: 'input_audio', input_audio: { data: 'SUQz', format: 'mp3' } },
    ]);
  });

  it('fails typed on what Chat Completions cannot carry: a file by URL, a non-PDF, flac audio', () => {
    const byUrl = errorOf(
      user(
        { type: 'text', text: 'x' },
        { type: 'file', url: 'https://x/a.pdf', mediaType: 'application/pdf' },
      ),
    );
    expect(byUrl.model).toBe('openai:gpt-4o');
    expect(byUrl.path).toBe('messages[0].content[1]');
    expect(byUrl.part).toBe('file (application/pdf, by url)');
    expect(byUrl.message).toContain('not by URL');

    expect(
      errorOf(user({ type: 'file', data: 'aGk=', mediaType: 'text/plain' })).message,
    ).toContain('PDF files only');
    expect(errorOf(user({ type: 'audio', data: 'ZkxhQw==', format: 'flac' })).part).toBe(
      'audio (flac)',
    );
  });
});

import { UnsupportedContentError, type Message, type UserContentPart } from '../../core';
import { convertToResponsesInput } from './convert-to-responses-input';

const user = (...content: UserContentPart[]): Message[] => [{ role: 'user', content }];

describe('convertToResponsesInput: files and audio', () => {
  it('sends a base64 PDF as input_file with filename and file_data (a data: URL)', () => {
    expect(
      convertToResponsesInput(
        user(
          { type: 'text', text: 'Summarise' },
          { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'q3.pdf' },
        ),
      ),
    ).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Summarise' },
          {
            type: 'input_file',
            filename: 'q3.pdf',
            file_data: 'data:application/pdf;base64,JVBERi0=',
          },
        ],
      },
    ]);
  });

  it('sends a file by URL as input_file with file_url, and text files too', () => {
    const [item] = convertToResponsesInput(
      user(
        { type: 'file', url: 'https://example.com/a.pdf', mediaType: 'application/pdf' },
        { type: 'file', data: 'aGk=', mediaType: 'text/plain', filename: 'notes.txt' },
      ),
    );
    expect(item?.['content']).toEqual([
      { type: 'input_file', file_url: 'https://example.com/a.pdf', filename: 'file.pdf' },
      { type: 'input_file', filename: 'notes.txt', file_data: 'data:text/plain;base64,aGk=' },
    ]);
  });

  it('keeps images as input_image', () => {
    const [item] = convertToResponsesInput(
      user({ type: 'image', data: 'iVBORw==', mediaType: 'image/png', detail: 'low' }),
    );
    expect(item?.['content']).toEqual([
      { type: 'input_image', image_url: 'data:image/png;base64,iVBORw==', detail: 'low' },
    ]);
  });

  it('fails typed on audio (no audio input in the Responses API) and on a zip file', () => {
    expect(() =>
      convertToResponsesInput(
        user({ type: 'audio', data: 'UklGRg==', format: 'wav' }),
        'openai:gpt-5',
      ),
    ).toThrow(
      new UnsupportedContentError({
        model: 'openai:gpt-5',
        path: 'messages[0].content[0]',
        part: 'audio (wav)',
        reason: 'the Responses API has no audio input; use Chat Completions',
      }),
    );
    expect(() =>
      convertToResponsesInput(
        user({ type: 'file', data: 'UEsDBA==', mediaType: 'application/zip' }),
      ),
    ).toThrow(UnsupportedContentError);
  });
});

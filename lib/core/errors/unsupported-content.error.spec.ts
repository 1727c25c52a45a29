import { describeErrorForClient } from './describe-error-for-client';
import { UnsupportedContentError } from './unsupported-content.error';

describe('UnsupportedContentError', () => {
  const error = new UnsupportedContentError({
    model: 'groq:llama-3.3-70b-versatile',
    path: 'messages[0].content[1]',
    part: 'file (application/pdf)',
    reason: 'the model does not take files',
  });

  it('names the model, the part and where it is', () => {
    expect(error.message).toBe(
      'groq:llama-3.3-70b-versatile cannot take file (application/pdf) at messages[0].content[1]: the model does not take files',
    );
    expect(error.isRetryable).toBe(false);
  });

  it('reads to clients as a 422 with a fixed message that does not name the model', () => {
    const described = describeErrorForClient(error);
    expect(described).toEqual({
      status: 422,
      code: 'unsupported_content',
      message: 'The model cannot take this kind of content (file, image or audio).',
    });
    expect(described.message).not.toContain('groq');
  });
});

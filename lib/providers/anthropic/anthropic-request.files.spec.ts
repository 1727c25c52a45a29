import { ConduitValidationError, type ChatRequest } from '../../core';
import { buildAnthropicMessagesBody, type AnthropicRequestTarget } from './anthropic-request';

const target: AnthropicRequestTarget = { model: 'claude-sonnet-4-5', stream: false };
const withPdf = (anthropic?: Record<string, unknown>): ChatRequest => ({
  messages: [
    {
      role: 'user',
      content: [
        { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' },
        { type: 'text', text: 'Cite it.' },
      ],
    },
  ],
  ...(anthropic === undefined ? {} : { providerOptions: { anthropic } }),
});

describe('buildAnthropicMessagesBody: documents', () => {
  it('turns providerOptions.anthropic.citations into citations on each document, not a body field', () => {
    const { body } = buildAnthropicMessagesBody(withPdf({ citations: true }), target);
    expect(body['citations']).toBeUndefined();
    expect(body['messages']).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
            title: 'a.pdf',
            citations: { enabled: true },
          },
          { type: 'text', text: 'Cite it.' },
        ],
      },
    ]);
  });

  it('sends no citations by default, and rejects a citations flag that is not a boolean', () => {
    const { body } = buildAnthropicMessagesBody(withPdf(), target);
    expect(JSON.stringify(body)).not.toContain('citations');
    expect(() => buildAnthropicMessagesBody(withPdf({ citations: 'yes' }), target)).toThrow(
      ConduitValidationError,
    );
  });
});

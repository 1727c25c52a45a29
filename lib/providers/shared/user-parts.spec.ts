import { UnsupportedContentError, type Message } from '../../core';
import { buildAnthropicMessagesBody } from '../anthropic/anthropic-request';
import { buildOpenAIChatBody } from '../openai/openai-request';
import { buildResponsesBody } from '../openai-responses/responses-request';
import {
  base64ByteLength,
  checkInlineSizes,
  defaultFilename,
  describePart,
  partSource,
  type InlineSizeLimits,
} from './user-parts';

const MB = 1024 * 1024;
/** Base64 that decodes to `bytes` bytes (a multiple of 3, so no padding). */
const base64Of = (bytes: number): string => 'A'.repeat((bytes / 3) * 4);
const pdf = (bytes: number): Message => ({
  role: 'user',
  content: [{ type: 'file', data: base64Of(bytes), mediaType: 'application/pdf' }],
});

const limits: InlineSizeLimits = {
  maxPartBytes: 300,
  maxRequestBytes: 600,
  measure: 'decoded',
  countImages: false,
};

function errorOf(run: () => unknown): UnsupportedContentError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnsupportedContentError) return error;
    throw error;
  }
  throw new Error('expected an UnsupportedContentError');
}

describe('checkInlineSizes', () => {
  it('measures decoded bytes from the base64 length, padding included', () => {
    expect(base64ByteLength('')).toBe(0);
    expect(base64ByteLength('AAAA')).toBe(3);
    expect(base64ByteLength('AAA=')).toBe(2);
    expect(base64ByteLength('AA==')).toBe(1);
    expect(base64ByteLength(Buffer.alloc(1000).toString('base64'))).toBe(1000);
  });

  it('accepts parts up to the limits', () => {
    expect(() => checkInlineSizes([pdf(300), pdf(300)], 'openai:gpt-4o', limits)).not.toThrow();
  });

  it('rejects one part over the per-part limit, naming it', () => {
    const error = errorOf(() =>
      checkInlineSizes([{ role: 'user', content: 'x' }, pdf(303)], 'openai:gpt-4o', limits),
    );
    expect(error.path).toBe('messages[1].content[0]');
    expect(error.part).toBe('file (application/pdf)');
    expect(error.message).toContain('for one part');
  });

  it('rejects the part that takes the request over its total', () => {
    const error = errorOf(() =>
      checkInlineSizes([pdf(300), pdf(300), pdf(3)], 'openai:gpt-4o', limits),
    );
    expect(error.path).toBe('messages[2].content[0]');
    expect(error.message).toContain('in one request');
  });

  it('counts audio always, images only when asked, URLs never', () => {
    const mixed: Message[] = [
      {
        role: 'user',
        content: [
          { type: 'image', data: base64Of(600), mediaType: 'image/png' },
          { type: 'file', url: 'https://x/a.pdf', mediaType: 'application/pdf' },
          { type: 'audio', data: base64Of(300), format: 'wav' },
        ],
      },
    ];
    expect(() => checkInlineSizes(mixed, 'm', limits)).not.toThrow();
    expect(() =>
      checkInlineSizes(mixed, 'm', { ...limits, countImages: true, maxPartBytes: 1000 }),
    ).toThrow(UnsupportedContentError);
  });
});

describe('provider limits, checked when the body is built', () => {
  const big = pdf(51 * MB);

  it('OpenAI Chat Completions and Responses refuse a 51 MB PDF on api.openai.com', () => {
    const target = {
      model: 'gpt-4o',
      baseUrl: 'https://api.openai.com/v1',
      providerName: 'openai',
      stream: false,
    };
    expect(errorOf(() => buildOpenAIChatBody({ messages: [big] }, target)).model).toBe(
      'openai:gpt-4o',
    );
    expect(() =>
      buildResponsesBody(
        { messages: [big] },
        { model: 'gpt-4o', providerName: 'openai', stream: false },
      ),
    ).toThrow(UnsupportedContentError);
  });

  it('leaves other OpenAI-compatible servers to their own limits', () => {
    const local = {
      model: 'llava',
      baseUrl: 'http://127.0.0.1:11434/v1',
      providerName: 'ollama',
      stream: false,
    };
    expect(() => buildOpenAIChatBody({ messages: [big] }, local)).not.toThrow();
  });

  it('Anthropic refuses inline parts whose base64 passes the 32 MB request size', () => {
    const target = { model: 'claude-sonnet-4-5', stream: false };
    // 24 MB of PDF is 32 MB of base64: over the limit with anything else.
    expect(() => buildAnthropicMessagesBody({ messages: [pdf(24 * MB)] }, target)).not.toThrow();
    expect(
      errorOf(() => buildAnthropicMessagesBody({ messages: [pdf(24 * MB), pdf(3)] }, target)).path,
    ).toBe('messages[1].content[0]');
  });
});

describe('partSource', () => {
  it('reads bytes from data and from base64 data: URLs, and keeps remote URLs', () => {
    expect(partSource({ type: 'file', data: 'AAAA', mediaType: 'application/pdf' })).toEqual({
      kind: 'data',
      data: 'AAAA',
    });
    expect(
      partSource({
        type: 'file',
        url: 'data:application/pdf;base64,AAAA',
        mediaType: 'application/pdf',
      }),
    ).toEqual({ kind: 'data', data: 'AAAA' });
    expect(partSource({ type: 'image', url: 'https://x/a.png' })).toEqual({
      kind: 'url',
      url: 'https://x/a.png',
    });
  });

  it('counts a data: URL file towards the size limits', () => {
    const big: Message = {
      role: 'user',
      content: [
        {
          type: 'file',
          url: `data:application/pdf;base64,${base64Of(303)}`,
          mediaType: 'application/pdf',
        },
      ],
    };
    expect(() => checkInlineSizes([big], 'm', limits)).toThrow(UnsupportedContentError);
  });
});

describe('part naming', () => {
  it('describes parts and picks a default file name from the media type', () => {
    expect(describePart({ type: 'audio', data: 'x', format: 'mp3' })).toBe('audio (mp3)');
    expect(describePart({ type: 'image', url: 'https://x/a.png' })).toBe('image (url)');
    expect(defaultFilename('application/pdf')).toBe('file.pdf');
    expect(defaultFilename('text/plain')).toBe('file.txt');
  });
});

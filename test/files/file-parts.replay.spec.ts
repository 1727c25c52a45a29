import { lastValueFrom } from 'rxjs';
import { UnsupportedContentError, type Message } from '../../lib/core';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';
import { GroqChatModel } from '../../lib/providers/groq/groq-chat-model';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { OpenAIResponsesChatModel } from '../../lib/providers/openai-responses/openai-responses-chat-model';
import { collectStream } from '../../lib/streaming/collect-stream';
import { chatServiceWith } from '../support/chat-service-harness';
import { useReplayServer } from '../support/replay-server';

/**
 * File and audio parts through ChatService to a local fake upstream: the recorded answers are
 * replayed, and the request bodies the providers received are checked field by field.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n').toString('base64');
const WAV = Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1').toString('base64');

const askAboutPdf: Message[] = [
  {
    role: 'user',
    content: [
      { type: 'text', text: 'What is in this report?' },
      { type: 'file', data: PDF, mediaType: 'application/pdf', filename: 'report.pdf' },
    ],
  },
];

describe('file and audio parts against a local upstream', () => {
  const replay = useReplayServer();
  const openai = (model: string): OpenAIChatModel =>
    new OpenAIChatModel({ model, apiKey: 'sk-test-files', baseUrl: replay.server.baseUrl });

  it('OpenAI Chat Completions receives the PDF as a file part and the answer maps', async () => {
    replay.server.enqueue({ fixture: 'openai/chat-text.json' });
    const { chat } = await chatServiceWith({ models: { default: openai('gpt-4o') } });

    const answer = await chat.chat(askAboutPdf);

    expect(answer.text).toBe('\\(4200 + 42 = 4242\\).');
    expect(replay.server.requests).toHaveLength(1);
    expect(replay.server.requests[0]?.path).toBe('/v1/chat/completions');
    expect(replay.server.requests[0]?.body).toEqual({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this report?' },
            {
              type: 'file',
              file: { filename: 'report.pdf', file_data: `data:application/pdf;base64,${PDF}` },
            },
          ],
        },
      ],
    });
  });

  it('OpenAI Chat Completions receives audio as input_audio on an audio model', async () => {
    replay.server.enqueue({ fixture: 'openai/chat-text.json' });
    const { chat } = await chatServiceWith({
      models: { default: openai('gpt-4o-audio-preview') },
    });

    await chat.chat([{ role: 'user', content: [{ type: 'audio', data: WAV, format: 'wav' }] }]);

    expect(replay.server.requests[0]?.body).toEqual({
      model: 'gpt-4o-audio-preview',
      messages: [
        {
          role: 'user',
          content: [{ type: 'input_audio', input_audio: { data: WAV, format: 'wav' } }],
        },
      ],
    });
  });

  it('the Responses API receives a PDF by URL as input_file with file_url', async () => {
    replay.server.enqueue({ fixture: 'openai/responses-text.stream.txt' });
    const model = new OpenAIResponsesChatModel({
      model: 'gpt-5',
      apiKey: 'sk-test-files',
      baseUrl: replay.server.baseUrl,
    });
    const { chat } = await chatServiceWith({ models: { default: model } });

    const url = 'https://example.com/letters/2024.pdf';
    const answer = await lastValueFrom(
      chat
        .stream([
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Summarise' },
              { type: 'file', url, mediaType: 'application/pdf', filename: '2024.pdf' },
            ],
          },
        ])
        .pipe(collectStream()),
    );

    expect(answer.text.length).toBeGreaterThan(0);
    expect(replay.server.requests[0]?.body).toMatchObject({
      model: 'gpt-5',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Summarise' },
            { type: 'input_file', file_url: url, filename: '2024.pdf' },
          ],
        },
      ],
      stream: true,
    });
  });

  it('Anthropic receives a document block with citations from providerOptions', async () => {
    replay.server.enqueue({ fixture: 'anthropic/messages-text.json' });
    const model = new AnthropicChatModel({
      model: 'claude-sonnet-4-5',
      apiKey: 'sk-ant-test-files',
      baseUrl: replay.server.baseUrl,
    });
    const { chat } = await chatServiceWith({ models: { default: model } });

    await chat.chat(askAboutPdf, { providerOptions: { anthropic: { citations: true } } });

    const body = replay.server.requests[0]?.body as Record<string, unknown>;
    expect(body['citations']).toBeUndefined();
    expect(body['messages']).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this report?' },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: PDF },
            title: 'report.pdf',
            citations: { enabled: true },
          },
        ],
      },
    ]);
  });

  it('a model without PDF input fails typed and nothing reaches the upstream', async () => {
    const groq = new GroqChatModel({
      model: 'llama-3.3-70b-versatile',
      apiKey: 'gsk-test-files',
      baseUrl: replay.server.baseUrl,
    });
    const { chat } = await chatServiceWith({ models: { default: groq } });

    const error = await chat.chat(askAboutPdf).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect((error as UnsupportedContentError).model).toBe('groq:llama-3.3-70b-versatile');
    expect((error as UnsupportedContentError).part).toBe('file (application/pdf)');
    expect(replay.server.requests).toHaveLength(0);
  });

  it('a PDF over OpenAI file limit fails typed before the upload', async () => {
    const { chat } = await chatServiceWith({ models: { default: openai('gpt-4o') } });
    const huge = Buffer.alloc(51 * 1024 * 1024).toString('base64');

    const error = await chat
      .chat([
        { role: 'user', content: [{ type: 'file', data: huge, mediaType: 'application/pdf' }] },
      ])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnsupportedContentError);
    expect((error as Error).message).toContain('over the 50.0 MB');
    expect(replay.server.requests).toHaveLength(0);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import type { ChatRequest, StreamEvent } from '../../core';
import { useReplayServer } from '../../../test/support/replay-server';
import { PerplexityChatModel } from './perplexity-chat-model';

/** Hand-written from docs.perplexity.ai (see test/fixtures/presets/README.md). */
const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../../test/fixtures/presets', name), 'utf8');
const ASK: ChatRequest = { messages: [{ role: 'user', content: 'What is NestJS?' }] };

describe('PerplexityChatModel', () => {
  const replay = useReplayServer();
  const model = (): PerplexityChatModel =>
    new PerplexityChatModel({
      model: 'sonar',
      apiKey: 'pplx-test-0123456789',
      baseUrl: replay.server.url,
      capabilities: { tools: false },
    });

  it('keeps citations and search results in providerMetadata (JSON)', async () => {
    replay.server.enqueue({ body: fixture('perplexity-citations.json') });
    const answer = await model().chat({
      ...ASK,
      providerOptions: { perplexity: { search_recency_filter: 'month' } },
    });
    expect(answer.text).toBe(
      'NestJS is a framework for building server-side Node.js applications [1][2].',
    );
    expect(answer.providerMetadata['perplexity']).toEqual({
      citations: ['https://www.nestjs.com/', 'https://docs.nestjs.com/'],
      searchResults: [
        {
          title: 'NestJS - A progressive Node.js framework',
          url: 'https://www.nestjs.com/',
          date: '2026-11-02',
        },
        { title: 'Documentation | NestJS', url: 'https://docs.nestjs.com/', date: null },
      ],
    });
    const sent = replay.server.requests[0];
    expect(sent?.path).toBe('/chat/completions');
    expect(sent?.body).toEqual({
      model: 'sonar',
      messages: [{ role: 'user', content: 'What is NestJS?' }],
      search_recency_filter: 'month',
    });
  });

  it('knows the Sonar models: capabilities and dated token prices', () => {
    const info = new PerplexityChatModel({ model: 'sonar-pro', apiKey: 'k' }).info();
    expect(info).toMatchObject({
      provider: 'perplexity',
      capabilities: { tools: false, maxContextTokens: 200_000 },
      pricing: { inputPerMillion: 3, outputPerMillion: 15, asOf: '2026-12-07' },
    });
  });

  it('streams without [DONE] and keeps the sources, whole and in 1-byte pieces', async () => {
    const body = fixture('perplexity-citations.stream.txt');
    const sse = { body, headers: { 'content-type': 'text/event-stream' } };
    replay.server.enqueue(sse, { ...sse, chunkSize: 1 });
    const run = (): Promise<StreamEvent[]> => lastValueFrom(model().stream(ASK).pipe(toArray()));
    const whole = await run();
    expect(whole.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('')).toBe(
      'NestJS is a Node.js framework [1].',
    );
    expect(whole[whole.length - 1]).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 7, outputTokens: 9 },
      providerMetadata: {
        perplexity: {
          citations: ['https://www.nestjs.com/'],
          searchResults: [{ title: 'NestJS', url: 'https://www.nestjs.com/', date: null }],
        },
      },
    });
    expect(await run()).toEqual(whole);
  });
});

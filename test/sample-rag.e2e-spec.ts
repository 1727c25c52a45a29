import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { parseSseMessages, readText, startSampleApp } from './sample/sample-app';

const DOCS = path.resolve(__dirname, '../docs');
const MARKDOWN_FILES = readdirSync(DOCS, { recursive: true }).filter((name) =>
  String(name).endsWith('.md'),
).length;

jest.setTimeout(60_000);

describe('sample app: RAG over the repository docs (offline embedder, local demo model)', () => {
  let app: INestApplication;
  let http: Server;

  beforeEach(async () => {
    ({ app, http } = await startSampleApp());
  });

  afterEach(async () => {
    await app.close();
  });

  it('POST /rag/ingest embeds every Markdown file of docs/ in chunks', async () => {
    const res = await request(http).post('/rag/ingest').expect(200);

    expect(res.body).toEqual({ type: 'done', files: MARKDOWN_FILES, chunks: expect.any(Number) });
    expect(res.body.chunks).toBeGreaterThan(MARKDOWN_FILES);
  });

  it('GET /rag/ingest/stream reports growing progress, then done', async () => {
    const res = await request(http)
      .get('/rag/ingest/stream')
      .buffer(true)
      .parse(readText)
      .expect(200);

    const messages = parseSseMessages(res.body as string);
    const progress = messages
      .filter((message) => message.event === 'progress')
      .map((message) => message.data as { embeddedChunks: number; totalChunks: number });
    const done = messages[messages.length - 1]?.data as { type: string; chunks: number };
    expect(done.type).toBe('done');
    expect(progress.length).toBeGreaterThan(1);
    progress.forEach((event, index) => {
      expect(event.totalChunks).toBe(done.chunks);
      if (index > 0)
        expect(event.embeddedChunks).toBeGreaterThan(progress[index - 1].embeddedChunks);
    });
    expect(progress[progress.length - 1]?.embeddedChunks).toBe(done.chunks);
  });

  it('GET /rag/ask answers from the best passage and lists the sources with scores', async () => {
    await request(http).post('/rag/ingest').expect(200);

    const res = await request(http)
      .get('/rag/ask')
      .query({
        // resilience.md also documents retries, so the question names what only interceptors.md has.
        question:
          'Which options does RateLimitInterceptor take: requestsPerMinute, onLimit, maxWaitMs?',
      })
      .expect(200);

    const body = res.body as {
      answer: string;
      sources: { rank: number; source: string; score: number }[];
    };
    expect(body.sources).toHaveLength(4);
    expect(body.sources.map((source) => source.rank)).toEqual([1, 2, 3, 4]);
    expect(body.sources[0]?.source).toBe('interceptors.md');
    const scores = body.sources.map((source) => source.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(body.answer).toMatch(
      /^\[local demo model\] The best matching passage \[1\] is from interceptors\.md: "/,
    );
  });

  it('GET /rag/ask names its sources relative to docs/, never by a server path', async () => {
    await request(http).post('/rag/ingest').expect(200);

    const res = await request(http)
      .get('/rag/ask')
      .query({ question: 'How do I keep a conversation in Redis?' })
      .expect(200);

    const body = res.body as { answer: string; sources: { source: string }[] };
    expect(body.sources.length).toBeGreaterThan(0);
    for (const { source } of body.sources) {
      expect(source).toMatch(/^[\w-]+(\/[\w-]+)*\.md$/);
    }
    expect(JSON.stringify(res.body)).not.toContain(DOCS);
  });

  it('GET /rag/ask before any ingestion says it found nothing to quote', async () => {
    const res = await request(http).get('/rag/ask').query({ question: 'Anything?' }).expect(200);

    expect(res.body.sources).toEqual([]);
    expect(res.body.answer).toBe(
      '[local demo model] No passage matches the question: ingest documents first.',
    );
  });
});

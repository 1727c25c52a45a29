import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConduitValidationError, InvalidResponseError } from '../../core';
import { useReplayServer } from '../../../test/support/replay-server';
import type { Document } from '../document.types';
import { CohereReranker } from './cohere-reranker';
import { JinaReranker } from './jina-reranker';
import { TeiReranker } from './tei-reranker';
import { VoyageReranker } from './voyage-reranker';

/** Hand-written from the API references (see test/fixtures/rerank/README.md). */
const fixture = (name: string): string =>
  readFileSync(join(__dirname, '../../../test/fixtures/rerank', name), 'utf8');

const KEY = 'rk-test-key-5566778899';
const DOCUMENTS: Document[] = [
  { id: 'nevada', content: 'Carson City is the capital city of Nevada.', metadata: {} },
  { id: 'saipan', content: 'Saipan is the capital of the Northern Mariana Islands.', metadata: {} },
  { id: 'dc', content: 'Washington, D.C. is the capital of the United States.', metadata: {} },
];
const QUERY = 'What is the capital of the United States?';
const ids = (hits: readonly { document: Document }[]): string[] => hits.map((h) => h.document.id);

describe('HTTP rerankers (hand-written fixture replies)', () => {
  const replay = useReplayServer();

  it('Cohere: posts the v2 body to /v2/rerank and maps results to documents', async () => {
    replay.server.enqueue({ body: fixture('cohere-v2-rerank.json') });
    const reranker = new CohereReranker({
      model: 'rerank-v3.5',
      apiKey: KEY,
      baseUrl: `${replay.server.url}/v2`,
      maxTokensPerDoc: 512,
    });
    const hits = await reranker.rerank(QUERY, DOCUMENTS, { topN: 2 });
    expect(hits).toEqual([
      { document: DOCUMENTS[2], score: 0.9993, index: 2 },
      { document: DOCUMENTS[0], score: 0.0821, index: 0 },
    ]);
    const sent = replay.server.requests[0];
    expect(sent.path).toBe('/v2/rerank');
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toEqual({
      model: 'rerank-v3.5',
      query: QUERY,
      documents: DOCUMENTS.map((d) => d.content),
      top_n: 2,
      max_tokens_per_doc: 512,
    });
  });

  it('Jina: posts to /v1/rerank without returning documents', async () => {
    replay.server.enqueue({ body: fixture('jina-v1-rerank.json') });
    const reranker = new JinaReranker({
      model: 'jina-reranker-v2-base-multilingual',
      apiKey: KEY,
      baseUrl: `${replay.server.url}/v1`,
    });
    const hits = await reranker.rerank(QUERY, DOCUMENTS);
    expect(ids(hits)).toEqual(['dc', 'nevada', 'saipan']);
    expect(hits.map((h) => h.score)).toEqual([0.8783, 0.1247, 0.0305]);
    expect(replay.server.requests[0].path).toBe('/v1/rerank');
    expect(replay.server.requests[0].body).toEqual({
      model: 'jina-reranker-v2-base-multilingual',
      query: QUERY,
      documents: DOCUMENTS.map((d) => d.content),
      return_documents: false,
    });
  });

  it('Infinity: the Jina wire on /rerank with no key and no authorization header', async () => {
    replay.server.enqueue({ body: fixture('infinity-rerank.json') });
    const reranker = new JinaReranker({
      model: 'BAAI/bge-reranker-v2-m3',
      baseUrl: replay.server.url,
      providerName: 'infinity',
    });
    const hits = await reranker.rerank(QUERY, DOCUMENTS, { topN: 1 });
    expect(hits).toEqual([{ document: DOCUMENTS[2], score: 0.9641, index: 2 }]);
    expect(replay.server.requests[0].path).toBe('/rerank');
    expect(replay.server.requests[0].headers.authorization).toBeUndefined();
    expect(replay.server.requests[0].body).toMatchObject({ top_n: 1 });
  });

  it('Voyage: sends top_k and reads data', async () => {
    replay.server.enqueue({ body: fixture('voyage-v1-rerank.json') });
    const reranker = new VoyageReranker({
      model: 'rerank-2.5-lite',
      apiKey: KEY,
      baseUrl: `${replay.server.url}/v1`,
    });
    const hits = await reranker.rerank(QUERY, DOCUMENTS, { topN: 2 });
    expect(ids(hits)).toEqual(['dc', 'saipan']);
    expect(replay.server.requests[0].body).toMatchObject({ top_k: 2, return_documents: false });
  });

  it('TEI: sends texts, applies topN itself and batches past maxBatchSize', async () => {
    replay.server.enqueue({ body: fixture('tei-rerank.json') });
    const tei = new TeiReranker({ baseUrl: replay.server.url });
    const hits = await tei.rerank(QUERY, DOCUMENTS, { topN: 2 });
    expect(ids(hits)).toEqual(['dc', 'nevada']);
    expect(replay.server.requests[0].path).toBe('/rerank');
    expect(replay.server.requests[0].body).toEqual({
      query: QUERY,
      texts: DOCUMENTS.map((d) => d.content),
      raw_scores: false,
      return_text: false,
      truncate: true,
    });

    // Two per request: the scores of the second batch are offset back to their documents.
    replay.server.enqueue(
      {
        body: JSON.stringify([
          { index: 1, score: 0.2 },
          { index: 0, score: 0.1 },
        ]),
      },
      { body: JSON.stringify([{ index: 0, score: 0.9 }]) },
    );
    const batched = new TeiReranker({ baseUrl: replay.server.url, maxBatchSize: 2 });
    const all = await batched.rerank(QUERY, DOCUMENTS);
    expect(all.map((h) => [h.document.id, h.index])).toEqual([
      ['dc', 2],
      ['saipan', 1],
      ['nevada', 0],
    ]);
    const sentTexts = replay.server.requests
      .slice(1)
      .map((r) => (r.body as { texts: string[] }).texts);
    expect(sentTexts).toEqual([
      [DOCUMENTS[0].content, DOCUMENTS[1].content],
      [DOCUMENTS[2].content],
    ]);
  });

  it('keeps the first of a repeated index and sorts an unsorted answer', async () => {
    replay.server.enqueue({
      body: JSON.stringify({
        results: [
          { index: 0, relevance_score: 0.1 },
          { index: 1, relevance_score: 0.7 },
          { index: 0, relevance_score: 0.99 },
        ],
      }),
    });
    const reranker = new JinaReranker({ model: 'm', baseUrl: replay.server.url });
    const hits = await reranker.rerank(QUERY, DOCUMENTS.slice(0, 2));
    expect(hits.map((h) => [h.document.id, h.score])).toEqual([
      ['saipan', 0.7],
      ['nevada', 0.1],
    ]);
  });

  it('rejects an answer with an index out of range as InvalidResponseError', async () => {
    replay.server.enqueue({
      body: JSON.stringify({ results: [{ index: 7, relevance_score: 0.5 }] }),
    });
    const reranker = new JinaReranker({ model: 'm', baseUrl: replay.server.url });
    const failure = reranker.rerank(QUERY, DOCUMENTS);
    await expect(failure).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(failure).rejects.toThrow('result 0 has no index from 0 to 2');
  });

  it('answers [] without a request for no documents or topN 0', async () => {
    const reranker = new JinaReranker({ model: 'm', baseUrl: replay.server.url });
    await expect(reranker.rerank(QUERY, [])).resolves.toEqual([]);
    await expect(reranker.rerank(QUERY, DOCUMENTS, { topN: 0 })).resolves.toEqual([]);
    expect(replay.server.requests).toHaveLength(0);
  });

  it('refuses bad input and bad settings before any request', async () => {
    const reranker = new JinaReranker({ model: 'm', baseUrl: replay.server.url });
    await expect(reranker.rerank(QUERY, DOCUMENTS, { topN: -1 })).rejects.toBeInstanceOf(
      ConduitValidationError,
    );
    await expect(
      reranker.rerank(QUERY, [{ id: 'x', content: 3 } as unknown as Document]),
    ).rejects.toThrow('documents[0].content: must be a string');
    expect(replay.server.requests).toHaveLength(0);
    const saved = process.env['COHERE_API_KEY'];
    delete process.env['COHERE_API_KEY'];
    try {
      expect(() => new CohereReranker({ model: 'rerank-v3.5' })).toThrow(
        'apiKey: missing; pass apiKey or set COHERE_API_KEY',
      );
    } finally {
      if (saved !== undefined) process.env['COHERE_API_KEY'] = saved;
    }
    expect(() => new JinaReranker({ model: 'm', baseUrl: 'localhost:7997' })).toThrow(
      'baseUrl: not an absolute http(s) URL',
    );
    expect(() => new TeiReranker({ maxBatchSize: 0 })).toThrow('maxBatchSize');
  });
});

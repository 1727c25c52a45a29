import { InvalidResponseError, RateLimitError } from '../../core';
import {
  GOOGLE_TEST_KEY,
  googleScript,
  readGoogleFixture,
} from '../../../test/support/google-harness';
import { useReplayServer, type ReplayScript } from '../../../test/support/replay-server';
import { GoogleEmbeddingModel } from './google-embedding-model';
import type { GoogleEmbeddingModelSettings } from './google-settings.types';

const replay = useReplayServer();

function model(
  scripts: readonly ReplayScript[],
  settings: Partial<GoogleEmbeddingModelSettings> = {},
): GoogleEmbeddingModel {
  replay.server.enqueue(...scripts);
  return new GoogleEmbeddingModel({
    model: 'gemini-embedding-001',
    apiKey: GOOGLE_TEST_KEY,
    baseUrl: `${replay.server.url}/v1beta`,
    ...settings,
  });
}

describe('GoogleEmbeddingModel', () => {
  it('embeds one text with embedContent, outputDimensionality and taskType', async () => {
    const embedder = model([googleScript('embed-content.json')], {
      taskType: 'RETRIEVAL_DOCUMENT',
    });
    const response = await embedder.embed({
      texts: ['What is the meaning of life?'],
      dimensions: 6,
    });
    const fixture = JSON.parse(readGoogleFixture('embed-content.json')) as {
      embedding: { values: number[] };
    };
    expect(response).toEqual({
      embeddings: [fixture.embedding.values],
      model: 'gemini-embedding-001',
      usage: { inputTokens: 0 },
    });
    const [request] = replay.server.requests;
    expect(request?.path).toBe('/v1beta/models/gemini-embedding-001:embedContent');
    expect(request?.headers['x-goog-api-key']).toBe(GOOGLE_TEST_KEY);
    // Field by field against EmbedContentRequest (ai.google.dev/api/embeddings).
    expect(request?.body).toEqual({
      content: { parts: [{ text: 'What is the meaning of life?' }] },
      taskType: 'RETRIEVAL_DOCUMENT',
      outputDimensionality: 6,
    });
  });

  it('embeds several texts with batchEmbedContents, one request per text, in order', async () => {
    const embedder = model([googleScript('batch-embed-contents.json')]);
    const response = await embedder.embed({
      texts: ['a', 'b', 'c'],
      providerOptions: { google: { taskType: 'RETRIEVAL_QUERY' } },
    });
    const fixture = JSON.parse(readGoogleFixture('batch-embed-contents.json')) as {
      embeddings: { values: number[] }[];
    };
    expect(response.embeddings).toEqual(fixture.embeddings.map((e) => e.values));
    const [request] = replay.server.requests;
    expect(request?.path).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(request?.body).toEqual({
      requests: ['a', 'b', 'c'].map((text) => ({
        model: 'models/gemini-embedding-001',
        content: { parts: [{ text }] },
        taskType: 'RETRIEVAL_QUERY',
      })),
    });
  });

  it('splits more texts than maxBatchSize into batches sent one after the other', async () => {
    const batch = (n: number): ReplayScript => ({
      body: JSON.stringify({ embeddings: Array.from({ length: n }, (_, i) => ({ values: [i] })) }),
    });
    const single: ReplayScript = { body: JSON.stringify({ embedding: { values: [7] } }) };
    const embedder = model([batch(2), single], { maxBatchSize: 2 });
    const response = await embedder.embed({ texts: ['a', 'b', 'c'] });
    expect(response.embeddings).toEqual([[0], [1], [7]]);
    expect(replay.server.requests.map((r) => r.path)).toEqual([
      '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      '/v1beta/models/gemini-embedding-001:embedContent',
    ]);
  });

  it('never asks for more than the API maximum of 100 a batch', () => {
    expect(model([], { maxBatchSize: 5000 }).maxBatchSize).toBe(100);
  });

  it('fails with InvalidResponseError when the answer has the wrong count or non-numbers', async () => {
    const embedder = model([
      { body: JSON.stringify({ embeddings: [{ values: [1] }] }) },
      { body: JSON.stringify({ embedding: { values: ['x'] } }) },
    ]);
    await expect(embedder.embed({ texts: ['a', 'b'] })).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    await expect(embedder.embed({ texts: ['a'] })).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('maps a 429 to RateLimitError with the RetryInfo delay', async () => {
    const error: unknown = await model([googleScript('error-resource-exhausted.429.json')])
      .embed({ texts: ['a'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(22_000);
  });

  it('reports the catalogue entry', () => {
    expect(model([]).info()).toMatchObject({
      provider: 'google',
      modelId: 'gemini-embedding-001',
      pricing: { inputPerMillion: 0.15 },
    });
  });
});

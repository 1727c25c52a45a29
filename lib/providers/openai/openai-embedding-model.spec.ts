import { AuthenticationError, InvalidResponseError } from '../../core';
import { readFixtureJson } from '../../../test/support/fixtures';
import { useReplayServer } from '../../../test/support/replay-server';
import { OpenAIEmbeddingModel } from './openai-embedding-model';

const KEY = 'sk-embed-key-987654';

/** A float32 base64 embedding, as OpenAI sends it. */
const base64 = (values: readonly number[]): string => {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes.toString('base64');
};

describe('OpenAIEmbeddingModel', () => {
  const replay = useReplayServer();

  const model = (extra: Partial<ConstructorParameters<typeof OpenAIEmbeddingModel>[0]> = {}) =>
    new OpenAIEmbeddingModel({
      model: 'text-embedding-3-small',
      apiKey: KEY,
      baseUrl: replay.server.baseUrl,
      ...extra,
    });

  it('decodes base64 embeddings into 128 floats (embeddings-base64.json)', async () => {
    replay.server.enqueue({ fixture: 'openai/embeddings-base64.json' });
    const response = await model({ dimensions: 128 }).embed({ texts: ['hello world'] });
    expect(response.embeddings).toHaveLength(1);
    const vector = response.embeddings[0];
    expect(vector).toHaveLength(128);
    expect(vector.every((v) => Number.isFinite(v) && Math.abs(v) < 1)).toBe(true);
    // The first float of the recording: bytes 6a 07 5a bd, little-endian.
    expect(vector[0]).toBeCloseTo(-0.05323, 4);
    expect(response.model).toBe('text-embedding-3-small');
    expect(response.usage).toEqual({ inputTokens: 4 });
    const sent = replay.server.requests[0];
    expect(sent.path).toBe('/v1/embeddings');
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['hello world'],
      encoding_format: 'base64',
      dimensions: 128,
    });
  });

  it('accepts float arrays from servers that ignore encoding_format (embeddings.json)', async () => {
    replay.server.enqueue({ fixture: 'openai/embeddings.json' });
    const response = await model().embed({ texts: ['a', 'b'] });
    const recorded = readFixtureJson<{ data: { embedding: number[] }[] }>('openai/embeddings.json');
    expect(response.embeddings).toEqual(recorded.data.map((d) => d.embedding));
    expect(response.usage.inputTokens).toBe(12);
  });

  it('batches by maxBatchSize, orders by index and sums usage', async () => {
    replay.server.respondWith((request) => {
      const input = (request.body as { input: string[] }).input;
      // Answer in reverse order: the model must sort by `index`.
      const data = input
        .map((text, index) => ({ index, embedding: base64([text.length, index]) }))
        .reverse();
      return {
        body: JSON.stringify({
          data,
          model: 'text-embedding-3-small',
          usage: { prompt_tokens: input.length },
        }),
      };
    });
    const texts = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const response = await model({ maxBatchSize: 2 }).embed({ texts, dimensions: 2 });
    expect(replay.server.requests.map((r) => (r.body as { input: string[] }).input)).toEqual([
      ['a', 'bb'],
      ['ccc', 'dddd'],
      ['eeeee'],
    ]);
    expect(response.embeddings).toEqual([
      [1, 0],
      [2, 1],
      [3, 0],
      [4, 1],
      [5, 0],
    ]);
    expect(response.usage.inputTokens).toBe(5);
    expect(replay.server.requests[0].body).toMatchObject({ dimensions: 2 });
  });

  it('defaults maxBatchSize to 2048 and sends no request for no texts', async () => {
    const m = model();
    expect(m.maxBatchSize).toBe(2048);
    expect(await m.embed({ texts: [] })).toEqual({
      embeddings: [],
      model: 'text-embedding-3-small',
      usage: { inputTokens: 0 },
    });
    expect(replay.server.requests).toHaveLength(0);
  });

  it('merges provider options and per-call headers', async () => {
    replay.server.enqueue({ fixture: 'openai/embeddings.json' });
    await model({ providerName: 'vllm', organization: 'org-1' }).embed({
      texts: ['a', 'b'],
      headers: { 'x-call': '1' },
      providerOptions: { openai: { user: 'u' }, vllm: { truncate: true } },
    });
    expect(replay.server.requests[0].body).toMatchObject({ user: 'u', truncate: true });
    expect(replay.server.requests[0].headers).toMatchObject({
      'x-call': '1',
      'openai-organization': 'org-1',
    });
  });

  it('rejects answers whose data does not match the inputs', async () => {
    replay.server.enqueue(
      { body: JSON.stringify({ data: [{ index: 0, embedding: [1] }] }) },
      {
        body: JSON.stringify({
          data: [
            { index: 0, embedding: [1] },
            { index: 0, embedding: [2] },
          ],
        }),
      },
      { body: JSON.stringify({ object: 'list' }) },
    );
    await expect(model().embed({ texts: ['a', 'b'] })).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(model().embed({ texts: ['a', 'b'] })).rejects.toThrow(/indexes do not match/);
    await expect(model().embed({ texts: ['a'] })).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('uses the configured model name and zero usage when the answer omits them', async () => {
    replay.server.enqueue({
      body: JSON.stringify({
        data: ['junk-entry-is-position-0'].map(() => ({ embedding: [0.5] })),
      }),
    });
    expect(await model().embed({ texts: ['a'] })).toEqual({
      embeddings: [[0.5]],
      model: 'text-embedding-3-small',
      usage: { inputTokens: 0 },
    });
  });

  it('maps errors like the chat model', async () => {
    replay.server.enqueue({ fixture: 'openai/error-invalid-api-key.401.json' });
    await expect(model().embed({ texts: ['a'] })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('describes itself from the catalogue', () => {
    expect(model().info()).toMatchObject({ provider: 'openai', modelId: 'text-embedding-3-small' });
    expect(model().specificationVersion).toBe('v1');
  });
});

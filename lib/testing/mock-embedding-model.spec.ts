import { TimeoutError } from '../core';
import { MockEmbeddingModel } from './mock-embedding-model';

describe('MockEmbeddingModel', () => {
  it('gives the same unit-length vector for the same text and different ones for different texts', async () => {
    const model = new MockEmbeddingModel({ dimensions: 16 });
    const { embeddings } = await model.embed({ texts: ['cat', 'cat', 'dog'] });
    expect(embeddings[0]).toEqual(embeddings[1]);
    expect(embeddings[0]).not.toEqual(embeddings[2]);
    for (const vector of embeddings) {
      expect(vector).toHaveLength(16);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    }
    expect(
      await new MockEmbeddingModel({ dimensions: 16 }).embed({ texts: ['cat'] }),
    ).toMatchObject({
      embeddings: [embeddings[0]],
    });
  });

  it('uses the requested dimensions, reports usage and records requests', async () => {
    const model = new MockEmbeddingModel({ modelId: 'emb-1' });
    const response = await model.embed({ texts: ['hello world', 'x'], dimensions: 3 });
    expect(response.embeddings.map((v) => v.length)).toEqual([3, 3]);
    expect(response.model).toBe('emb-1');
    expect(response.usage).toEqual({ inputTokens: 3 + 1 });
    expect((await model.embed({ texts: ['a'] })).embeddings[0]).toHaveLength(8);
    expect(model.calls).toBe(2);
    expect(model.requests[0]).toEqual({ texts: ['hello world', 'x'], dimensions: 3 });
    expect(model.maxBatchSize).toBe(2048);
    expect(model.info()).toMatchObject({ provider: 'mock', modelId: 'emb-1' });
  });

  it('fails with the abort reason of its signal', async () => {
    const reason = new TimeoutError(10);
    await expect(
      new MockEmbeddingModel().embed({ texts: ['a'], signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });
});

import { AbortedError } from '../../core/errors/aborted.error';
import { HashedEmbeddingModel } from './hashed-embedding-model';

const dot = (a: readonly number[], b: readonly number[]): number =>
  a.reduce((sum, value, i) => sum + value * b[i], 0);

describe('HashedEmbeddingModel (offline, lexical)', () => {
  const model = new HashedEmbeddingModel();

  it('gives L2-normalized vectors of the configured size, the same for the same text', async () => {
    const { embeddings, usage } = await model.embed({ texts: ['Hello world', 'Hello world', ''] });
    expect(embeddings[0]).toHaveLength(384);
    expect(Math.hypot(...embeddings[0])).toBeCloseTo(1, 5);
    expect(embeddings[1]).toEqual(embeddings[0]);
    expect(embeddings[2].every((value) => value === 0)).toBe(true);
    expect(usage.inputTokens).toBe(4);
  });

  it('scores shared words and word forms above unrelated text', async () => {
    const [query, inflected, unrelated] = (
      await model.embed({
        texts: ['installing the package', 'how to install packages', 'bread rises with yeast'],
      })
    ).embeddings;
    expect(dot(query, inflected)).toBeGreaterThan(0.25);
    expect(dot(query, inflected)).toBeGreaterThan(dot(query, unrelated) + 0.2);
  });

  it('is lexical, not semantic: synonyms with no shared letters do not match', async () => {
    const [car, automobile] = (await model.embed({ texts: ['car', 'automobile'] })).embeddings;
    expect(Math.abs(dot(car, automobile))).toBeLessThan(0.2);
  });

  it('ignores case and punctuation', async () => {
    const [a, b] = (await model.embed({ texts: ['Hello, World!', 'hello world'] })).embeddings;
    expect(dot(a, b)).toBeCloseTo(1, 5);
  });

  it('rejects an aborted call and a bad size', async () => {
    await expect(model.embed({ texts: ['x'], signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(() => new HashedEmbeddingModel({ dimensions: 0 })).toThrow(/positive integer/);
  });
});

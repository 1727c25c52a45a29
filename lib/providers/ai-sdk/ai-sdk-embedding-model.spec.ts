import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { AbortedError, InvalidResponseError, RateLimitError } from '../../core';
import { fromAiSdkEmbedding } from './from-ai-sdk';

type EmbedCall = Parameters<EmbeddingModelV3['doEmbed']>[0];

/** A spec-conformant V3 embedding model: vector [length of the text, index in the batch]. */
function embeddingModel(
  maxEmbeddingsPerCall: EmbeddingModelV3['maxEmbeddingsPerCall'],
  answer?: (call: EmbedCall) => Promise<{ embeddings: number[][] }>,
): EmbeddingModelV3 & { calls: EmbedCall[] } {
  const calls: EmbedCall[] = [];
  return {
    specificationVersion: 'v3',
    provider: 'acme.embedding',
    modelId: 'acme-embed',
    maxEmbeddingsPerCall,
    supportsParallelCalls: false,
    calls,
    async doEmbed(call) {
      calls.push(call);
      const embeddings = answer
        ? (await answer(call)).embeddings
        : call.values.map((text, index) => [text.length, index]);
      return { embeddings, usage: { tokens: call.values.length }, warnings: [] };
    },
  };
}

describe('AiSdkEmbeddingModel', () => {
  it("batches by the model's limit, in order, and sums the usage", async () => {
    const model = embeddingModel(2);
    const embedder = fromAiSdkEmbedding(model);
    expect(embedder.maxBatchSize).toBe(2);
    const result = await embedder.embed({ texts: ['a', 'bb', 'ccc', 'dddd', 'eeeee'] });
    expect(model.calls.map((call) => call.values)).toEqual([
      ['a', 'bb'],
      ['ccc', 'dddd'],
      ['eeeee'],
    ]);
    expect(result).toEqual({
      embeddings: [
        [1, 0],
        [2, 1],
        [3, 0],
        [4, 1],
        [5, 0],
      ],
      model: 'acme-embed',
      usage: { inputTokens: 5 },
    });
  });

  it('honours a limit the model gives as a promise, and the smaller of two limits', async () => {
    const model = embeddingModel(Promise.resolve(3), undefined);
    const embedder = fromAiSdkEmbedding(model, { maxBatchSize: 10 });
    expect(embedder.maxBatchSize).toBe(10);
    await embedder.embed({ texts: ['1', '2', '3', '4'] });
    expect(model.calls.map((call) => call.values.length)).toEqual([3, 1]);
  });

  it('passes dimensions under the provider name, headers and the signal', async () => {
    const model = embeddingModel(undefined);
    const signal = new AbortController().signal;
    await fromAiSdkEmbedding(model).embed({
      texts: ['a'],
      dimensions: 256,
      headers: { 'x-trace': '1' },
      providerOptions: { acme: { user: 'u' } },
      signal,
    });
    expect(model.calls[0]).toEqual({
      values: ['a'],
      providerOptions: { acme: { user: 'u', dimensions: 256 } },
      headers: { 'x-trace': '1' },
      abortSignal: signal,
    });
  });

  it('fails typed when the model returns the wrong number of vectors or throws', async () => {
    const short = embeddingModel(undefined, async () => ({ embeddings: [[1]] }));
    await expect(fromAiSdkEmbedding(short).embed({ texts: ['a', 'b'] })).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    const limited = embeddingModel(undefined, async () => {
      throw new APICallError({
        message: 'slow down',
        url: 'https://acme.test',
        requestBodyValues: {},
        statusCode: 429,
      });
    });
    await expect(fromAiSdkEmbedding(limited).embed({ texts: ['a'] })).rejects.toBeInstanceOf(
      RateLimitError,
    );
  });

  it('stops between batches once the signal fired', async () => {
    const controller = new AbortController();
    const model = embeddingModel(1, async (call) => {
      controller.abort();
      return { embeddings: call.values.map(() => [0]) };
    });
    await expect(
      fromAiSdkEmbedding(model).embed({ texts: ['a', 'b'], signal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(model.calls).toHaveLength(1);
  });
});

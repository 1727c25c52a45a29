import {
  findModelInfo,
  hideSecrets,
  InvalidResponseError,
  type EmbedRequest,
  type EmbeddingModel,
  type EmbeddingResponse,
  type ModelInfo,
} from '../../core';
import { abortError } from '../shared/transport-error';
import type { AiSdkEmbeddingModelSpec, FromAiSdkEmbeddingOptions } from './ai-sdk-model.types';
import { checkAiSdkModel, defaultProviderName } from './check-ai-sdk-model';
import type { EmbeddingModelV3 } from './ai-sdk-spec.types';
import { mapAiSdkError } from './map-ai-sdk-error';

/** The batch size when neither the options nor the model give one. */
export const AI_SDK_DEFAULT_EMBEDDING_BATCH = 2048;

type EmbedOptions = Parameters<EmbeddingModelV3['doEmbed']>[0];

/**
 * An embedding model of any AI SDK provider package (spec V2 or V3) as our `EmbeddingModel`:
 * texts go out in batches of `maxBatchSize` (and of the model's own limit), one batch after the
 * other, and come back as one vector a text, in order. Build it with `fromAiSdkEmbedding`.
 */
export class AiSdkEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = 'v1' as const;
  readonly maxBatchSize: number;
  private readonly modelInfo: ModelInfo;

  constructor(
    private readonly model: AiSdkEmbeddingModelSpec,
    options: FromAiSdkEmbeddingOptions = {},
  ) {
    checkAiSdkModel(model, ['doEmbed'], 'fromAiSdkEmbedding');
    const limit = model.maxEmbeddingsPerCall;
    this.maxBatchSize =
      options.maxBatchSize ?? (typeof limit === 'number' ? limit : AI_SDK_DEFAULT_EMBEDDING_BATCH);
    const provider = options.provider ?? defaultProviderName(model.provider);
    this.modelInfo = findModelInfo(provider, model.modelId).info;
    hideSecrets(this, 'model');
  }

  /** Provider, model id and prices from the model catalogue. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  /**
   * One vector a text, in the order of `request.texts`; usage summed over the batches. The spec
   * has no `dimensions`: a request's `dimensions` goes in `providerOptions` under the provider's
   * name (`{ openai: { dimensions } }`, where OpenAI's AI SDK provider reads it) unless given there.
   */
  async embed(request: EmbedRequest): Promise<EmbeddingResponse> {
    const signal = request.signal;
    const provider = this.modelInfo.provider;
    let batchSize = this.maxBatchSize;
    try {
      const limit = await this.model.maxEmbeddingsPerCall;
      if (typeof limit === 'number' && limit > 0) batchSize = Math.min(batchSize, limit);
    } catch (error) {
      throw mapAiSdkError(error, provider, signal);
    }
    const embeddings: number[][] = [];
    let inputTokens = 0;
    for (let start = 0; start < request.texts.length; start += batchSize) {
      if (signal?.aborted === true) throw abortError(signal);
      const values = request.texts.slice(start, start + batchSize);
      let result: { embeddings?: unknown; usage?: { tokens?: unknown } };
      try {
        result = await (this.model as unknown as EmbeddingModelV3).doEmbed(
          this.options(request, values),
        );
      } catch (error) {
        throw mapAiSdkError(error, provider, signal);
      }
      const vectors = result.embeddings;
      if (!Array.isArray(vectors) || vectors.length !== values.length) {
        throw new InvalidResponseError(
          `${provider} returned ${Array.isArray(vectors) ? vectors.length : 'no'} embeddings for ${values.length} texts`,
          { provider },
        );
      }
      embeddings.push(...(vectors as number[][]));
      const tokens = result.usage?.tokens;
      if (typeof tokens === 'number') inputTokens += tokens;
    }
    return { embeddings, model: this.model.modelId, usage: { inputTokens } };
  }

  private options(request: EmbedRequest, values: string[]): EmbedOptions {
    const provider = this.modelInfo.provider;
    const given = request.providerOptions?.[provider];
    const providerOptions =
      request.dimensions === undefined || given?.dimensions !== undefined
        ? request.providerOptions
        : {
            ...request.providerOptions,
            [provider]: { ...given, dimensions: request.dimensions },
          };
    return {
      values,
      ...(providerOptions !== undefined && {
        providerOptions: providerOptions as NonNullable<EmbedOptions['providerOptions']>,
      }),
      ...(request.headers !== undefined && { headers: { ...request.headers } }),
      ...(request.signal !== undefined && { abortSignal: request.signal }),
    };
  }
}

import {
  type CallAbort,
  findModelInfo,
  InvalidResponseError,
  type EmbedRequest,
  type EmbeddingModel,
  type EmbeddingResponse,
  type ModelInfo,
} from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { OpenAIConnection } from '../shared/openai-wire/openai-connection';
import { isRecord, optionalNumber, optionalString } from '../shared/wire-data';
import { decodeOpenAIEmbedding } from './decode-openai-embedding';
import { mapOpenAIEmbeddingUsage } from './map-openai-usage';
import type { OpenAIEmbeddingModelSettings } from './openai-settings.types';

/** OpenAI's limit on inputs per embeddings request. */
export const OPENAI_MAX_EMBEDDING_BATCH = 2048;

interface EmbeddingBatch {
  readonly vectors: number[][];
  readonly model: string;
  readonly inputTokens: number;
}

/**
 * An embedding model on OpenAI's `/embeddings` endpoint (or a compatible server). Texts are sent in
 * batches of `maxBatchSize`, one batch after the other (gentler on rate limits), as base64
 * float32 (a quarter of the JSON size; `encodingFormat: 'float'` asks for plain arrays); plain
 * float arrays are accepted either way. For a local server, `openAICompatibleEmbeddingPreset()`.
 *
 * @example
 * const model = new OpenAIEmbeddingModel({ model: 'text-embedding-3-small', apiKey });
 * const { embeddings } = await model.embed({ texts: ['a', 'b'] });
 */
export class OpenAIEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = 'v1' as const;
  readonly maxBatchSize: number;
  /** `embed` cancels through its `abort` argument when given one. */
  readonly supportsCallAbort = true;
  private readonly connection: OpenAIConnection;

  constructor(private readonly settings: OpenAIEmbeddingModelSettings) {
    this.connection = new OpenAIConnection(settings);
    this.maxBatchSize = settings.maxBatchSize ?? OPENAI_MAX_EMBEDDING_BATCH;
    hideSecrets(this, 'settings');
  }

  /** Identity and prices from the model catalogue. */
  info(): ModelInfo {
    return findModelInfo(this.connection.providerName, this.settings.model).info;
  }

  /** One vector a text, in the order of `request.texts`; usage summed over the batches. */
  async embed(request: EmbedRequest, abort?: CallAbort): Promise<EmbeddingResponse> {
    const embeddings: number[][] = [];
    let inputTokens = 0;
    let model = this.settings.model;
    for (let start = 0; start < request.texts.length; start += this.maxBatchSize) {
      const batch = await this.embedBatch(
        request.texts.slice(start, start + this.maxBatchSize),
        request,
        abort,
      );
      embeddings.push(...batch.vectors);
      inputTokens += batch.inputTokens;
      model = batch.model;
    }
    return { embeddings, model, usage: { inputTokens } };
  }

  private async embedBatch(
    texts: readonly string[],
    request: EmbedRequest,
    abort: CallAbort | undefined,
  ): Promise<EmbeddingBatch> {
    const provider = this.connection.providerName;
    const dimensions = request.dimensions ?? this.settings.dimensions;
    const body = {
      model: this.settings.model,
      input: texts,
      encoding_format: this.settings.encodingFormat ?? 'base64',
      ...(dimensions !== undefined && { dimensions }),
      ...request.providerOptions?.['openai'],
      ...(provider !== 'openai' && request.providerOptions?.[provider]),
    };
    const response = await this.connection.http.postJson({
      url: this.connection.url('embeddings'),
      headers: this.connection.headers(request.headers),
      body,
      ...(abort === undefined ? { signal: request.signal } : { abort }),
    });
    const data = isRecord(response.body) ? response.body['data'] : undefined;
    if (!isRecord(response.body) || !Array.isArray(data) || data.length !== texts.length) {
      throw new InvalidResponseError(
        `${provider}: expected ${texts.length} embeddings in the answer's data array`,
        { provider, status: response.status },
      );
    }
    const vectors: (number[] | undefined)[] = Array.from({ length: texts.length }, () => undefined);
    (data as unknown[]).forEach((item, position) => {
      const entry = isRecord(item) ? item : {};
      const index = optionalNumber(entry['index']) ?? position;
      vectors[index] = decodeOpenAIEmbedding(entry['embedding'], provider);
    });
    if (vectors.length !== texts.length || vectors.includes(undefined)) {
      throw new InvalidResponseError(`${provider}: embedding indexes do not match the inputs`, {
        provider,
        status: response.status,
      });
    }
    const usage = response.body['usage'];
    return {
      vectors: vectors as number[][],
      model: optionalString(response.body['model']) ?? this.settings.model,
      inputTokens: mapOpenAIEmbeddingUsage(usage, { provider }),
    };
  }
}

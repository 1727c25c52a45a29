import {
  InvalidResponseError,
  type CallAbort,
  type EmbedRequest,
  type EmbeddingModel,
  type EmbeddingResponse,
  type ModelInfo,
} from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { catalogueModelInfo } from '../shared/catalogue-model-info';
import { isRecord } from '../shared/wire-data';
import { googleCatalogueId, GoogleConnection } from './google-connection';
import { GOOGLE_PROVIDER } from './google-errors';
import type { GoogleEmbeddingModelSettings } from './google-settings.types';

/** The most requests one `batchEmbedContents` call takes. */
export const GOOGLE_MAX_EMBEDDING_BATCH = 100;

/** A `ContentEmbedding` (`{ values: number[] }`) as a vector; `undefined` when malformed. */
function vectorOf(embedding: unknown): number[] | undefined {
  const values = isRecord(embedding) ? embedding['values'] : undefined;
  if (!Array.isArray(values)) return undefined;
  return (values as unknown[]).every((v) => typeof v === 'number' && Number.isFinite(v))
    ? (values as number[])
    : undefined;
}

/**
 * Gemini embeddings (`gemini-embedding-001`, `text-embedding-004`): one text goes to
 * `models/{model}:embedContent`, several to `:batchEmbedContents` in batches of `maxBatchSize`
 * (100), one batch after the other. `dimensions` is sent as `outputDimensionality`;
 * `providerOptions.google.taskType` (or the `taskType` setting) and `title` as they are. Gemini
 * reports no token usage for embeddings: `usage.inputTokens` is 0.
 *
 * @example
 * const model = new GoogleEmbeddingModel({ model: 'gemini-embedding-001', apiKey, dimensions: 768 });
 * const { embeddings } = await model.embed({ texts: ['a', 'b'] });
 */
export class GoogleEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = 'v1' as const;
  readonly maxBatchSize: number;
  /** `embed` cancels through its `abort` argument when given one. */
  readonly supportsCallAbort = true;
  private readonly connection: GoogleConnection;
  private readonly modelInfo: ModelInfo;

  constructor(private readonly settings: GoogleEmbeddingModelSettings) {
    this.connection = new GoogleConnection(settings);
    this.maxBatchSize = Math.min(
      settings.maxBatchSize ?? GOOGLE_MAX_EMBEDDING_BATCH,
      GOOGLE_MAX_EMBEDDING_BATCH,
    );
    this.modelInfo = catalogueModelInfo(
      GOOGLE_PROVIDER,
      googleCatalogueId(settings.model),
      undefined,
    );
    hideSecrets(this, 'settings');
  }

  /** Identity and prices from the model catalogue. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  /** One vector a text, in the order of `request.texts`. */
  async embed(request: EmbedRequest, abort?: CallAbort): Promise<EmbeddingResponse> {
    const embeddings: number[][] = [];
    for (let start = 0; start < request.texts.length; start += this.maxBatchSize) {
      const texts = request.texts.slice(start, start + this.maxBatchSize);
      embeddings.push(...(await this.embedBatch(texts, request, abort)));
    }
    return { embeddings, model: this.settings.model, usage: { inputTokens: 0 } };
  }

  /** The fields of one `EmbedContentRequest` besides its content. */
  private requestFields(request: EmbedRequest): Record<string, unknown> {
    const options = request.providerOptions?.['google'] ?? {};
    const dimensions = request.dimensions ?? this.settings.dimensions;
    const taskType = options['taskType'] ?? this.settings.taskType;
    return {
      ...(taskType !== undefined && { taskType }),
      ...(dimensions !== undefined && { outputDimensionality: dimensions }),
      ...options,
    };
  }

  private async embedBatch(
    texts: readonly string[],
    request: EmbedRequest,
    abort: CallAbort | undefined,
  ): Promise<number[][]> {
    const fields = this.requestFields(request);
    const single = texts.length === 1;
    const content = (text: string): unknown => ({ parts: [{ text }] });
    const body = single
      ? { content: content(texts[0]), ...fields }
      : {
          requests: texts.map((text) => ({
            model: this.connection.resource,
            content: content(text),
            ...fields,
          })),
        };
    const response = await this.connection.http.postJson({
      url: this.connection.url(single ? 'embedContent' : 'batchEmbedContents'),
      headers: this.connection.headers(request.headers),
      body,
      ...(abort === undefined ? { signal: request.signal } : { abort }),
    });
    const answer = isRecord(response.body) ? response.body : {};
    const raw: unknown[] = single
      ? [answer['embedding']]
      : Array.isArray(answer['embeddings'])
        ? (answer['embeddings'] as unknown[])
        : [];
    const vectors = raw.map(vectorOf);
    if (vectors.length !== texts.length || vectors.includes(undefined)) {
      throw new InvalidResponseError(
        `google: expected ${texts.length} embeddings of numbers in the answer`,
        { provider: GOOGLE_PROVIDER, status: response.status, body: response.body },
      );
    }
    return vectors as number[][];
  }
}

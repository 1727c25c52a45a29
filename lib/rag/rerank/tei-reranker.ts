import { ConduitValidationError } from '../../core';
import type { HttpJsonResponse } from '../../providers/shared/http-client.types';
import type { HttpRerankerSettings } from './http-reranker-settings.types';
import { HttpReranker } from './http-reranker';
import { readRerankScores, type RerankScore } from './read-rerank-scores';

/** TEI's default `--max-client-batch-size`: the most texts it takes in one request. */
export const TEI_MAX_CLIENT_BATCH_SIZE = 32;

/** Settings of `TeiReranker`: a TEI server serves one model, so `model` is only a label. */
export interface TeiRerankerSettings extends Omit<HttpRerankerSettings, 'model'> {
  /** The model the server was started with (`--model-id`), for errors and logs. Default `tei`. */
  readonly model?: string;
  /** Logits instead of sigmoid probabilities (TEI `raw_scores`). Default false. */
  readonly rawScores?: boolean;
  /** Let the server cut documents longer than the model takes instead of failing (`truncate`). Default true. */
  readonly truncate?: boolean;
  /**
   * The most texts a request carries: the server's `--max-client-batch-size` (TEI's default 32).
   * More candidates go in several requests, one after the other.
   */
  readonly maxBatchSize?: number;
}

/**
 * Hugging Face Text Embeddings Inference (`POST /rerank` of a `text-embeddings-router` started
 * with a reranker such as `BAAI/bge-reranker-v2-m3`): sends `query` and `texts`, reads
 * `[{ index, score }]`. Default address `http://127.0.0.1:8080` (the TEI docker image's port 80
 * published as 8080); no key unless the server was started with `--api-key`. TEI scores every
 * text (it has no top-n), so `topN` is applied here; more than `maxBatchSize` (32) candidates go
 * in several requests.
 *
 * @example
 * const reranker = new TeiReranker({ baseUrl: 'http://127.0.0.1:8080' });
 */
export class TeiReranker extends HttpReranker {
  private readonly rawScores: boolean;
  private readonly truncate: boolean;
  private readonly batchSize: number;

  constructor(settings: TeiRerankerSettings = {}) {
    super(
      { ...settings, model: settings.model ?? 'tei' },
      { provider: 'tei', defaultBaseUrl: 'http://127.0.0.1:8080' },
    );
    this.rawScores = settings.rawScores ?? false;
    this.truncate = settings.truncate ?? true;
    const batchSize = settings.maxBatchSize ?? TEI_MAX_CLIENT_BATCH_SIZE;
    if (!(Number.isSafeInteger(batchSize) && batchSize > 0)) {
      throw new ConduitValidationError(
        [{ path: 'maxBatchSize', message: 'must be a positive whole number' }],
        'Invalid tei reranker settings',
      );
    }
    this.batchSize = batchSize;
  }

  protected override get maxBatchSize(): number {
    return this.batchSize;
  }

  protected buildBody(query: string, texts: readonly string[]): unknown {
    return {
      query,
      texts,
      raw_scores: this.rawScores,
      return_text: false,
      truncate: this.truncate,
    };
  }

  protected readScores(response: HttpJsonResponse, count: number): RerankScore[] {
    return readRerankScores(response.body, 'score', {
      provider: this.providerName,
      status: response.status,
      count,
    });
  }
}

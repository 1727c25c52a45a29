import type { HttpJsonResponse } from '../../providers/shared/http-client.types';
import { isRecord } from '../../providers/shared/wire-data';
import type { HttpRerankerSettings } from './http-reranker-settings.types';
import { HttpReranker } from './http-reranker';
import { readRerankScores, type RerankScore } from './read-rerank-scores';

/** Settings of `CohereReranker`. */
export interface CohereRerankerSettings extends HttpRerankerSettings {
  /** Long documents are cut to this many tokens by the API (Cohere's default 4096). */
  readonly maxTokensPerDoc?: number;
}

/**
 * Cohere's Rerank API v2 (`POST https://api.cohere.com/v2/rerank`, `rerank-v3.5`...): documents
 * as strings, `top_n`, and `results: [{ index, relevance_score }]` back. The key falls back to
 * `COHERE_API_KEY`. Servers that copy this wire (OpenVINO Model Server, LiteLLM) work through
 * `baseUrl`.
 *
 * @example
 * const reranker = new CohereReranker({ model: 'rerank-v3.5', apiKey: process.env.COHERE_API_KEY });
 */
export class CohereReranker extends HttpReranker {
  private readonly maxTokensPerDoc: number | undefined;

  constructor(settings: CohereRerankerSettings) {
    super(settings, {
      provider: 'cohere',
      defaultBaseUrl: 'https://api.cohere.com/v2',
      apiKeyEnv: 'COHERE_API_KEY',
    });
    this.maxTokensPerDoc = settings.maxTokensPerDoc;
  }

  protected buildBody(query: string, texts: readonly string[], topN: number | undefined): unknown {
    return {
      model: this.model,
      query,
      documents: texts,
      ...(topN !== undefined && { top_n: topN }),
      ...(this.maxTokensPerDoc !== undefined && { max_tokens_per_doc: this.maxTokensPerDoc }),
    };
  }

  protected readScores(response: HttpJsonResponse, count: number): RerankScore[] {
    const results = isRecord(response.body) ? response.body['results'] : undefined;
    return readRerankScores(results, 'relevance_score', {
      provider: this.providerName,
      status: response.status,
      count,
    });
  }
}

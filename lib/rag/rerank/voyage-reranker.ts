import type { HttpJsonResponse } from '../../providers/shared/http-client.types';
import { isRecord } from '../../providers/shared/wire-data';
import type { HttpRerankerSettings } from './http-reranker-settings.types';
import { HttpReranker } from './http-reranker';
import { readRerankScores, type RerankScore } from './read-rerank-scores';

/**
 * Voyage AI's reranker (`POST https://api.voyageai.com/v1/rerank`, `rerank-2.5`...): the Jina
 * wire with `top_k` for `top_n` and the scores under `data`. The key falls back to
 * `VOYAGE_API_KEY`.
 *
 * @example
 * const reranker = new VoyageReranker({ model: 'rerank-2.5-lite' });
 */
export class VoyageReranker extends HttpReranker {
  constructor(settings: HttpRerankerSettings) {
    super(settings, {
      provider: 'voyage',
      defaultBaseUrl: 'https://api.voyageai.com/v1',
      apiKeyEnv: 'VOYAGE_API_KEY',
    });
  }

  protected buildBody(query: string, texts: readonly string[], topN: number | undefined): unknown {
    return {
      model: this.model,
      query,
      documents: texts,
      ...(topN !== undefined && { top_k: topN }),
      return_documents: false,
    };
  }

  protected readScores(response: HttpJsonResponse, count: number): RerankScore[] {
    const data = isRecord(response.body) ? response.body['data'] : undefined;
    return readRerankScores(data, 'relevance_score', {
      provider: this.providerName,
      status: response.status,
      count,
    });
  }
}

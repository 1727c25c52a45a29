import type { HttpJsonResponse } from '../../providers/shared/http-client.types';
import { isRecord } from '../../providers/shared/wire-data';
import type { HttpRerankerSettings } from './http-reranker-settings.types';
import { HttpReranker } from './http-reranker';
import { readRerankScores, type RerankScore } from './read-rerank-scores';

/**
 * The `/v1/rerank` wire of Jina AI (`POST https://api.jina.ai/v1/rerank`), which local servers
 * speak too: Infinity (`baseUrl: 'http://127.0.0.1:7997'`, its `/rerank`) and vLLM
 * (`baseUrl: 'http://127.0.0.1:8000/v1'`). Sends `model`, `query`, `documents`, `top_n` and
 * `return_documents: false`; reads `results: [{ index, relevance_score }]` (or `data`, as some
 * servers name it). The key falls back to `JINA_API_KEY`; a server of your own needs none.
 *
 * @example
 * const jina = new JinaReranker({ model: 'jina-reranker-v2-base-multilingual' });
 * const infinity = new JinaReranker({
 *   model: 'BAAI/bge-reranker-v2-m3',
 *   baseUrl: 'http://127.0.0.1:7997',
 *   providerName: 'infinity',
 * });
 */
export class JinaReranker extends HttpReranker {
  constructor(settings: HttpRerankerSettings) {
    super(settings, {
      provider: 'jina',
      defaultBaseUrl: 'https://api.jina.ai/v1',
      apiKeyEnv: 'JINA_API_KEY',
    });
  }

  protected buildBody(query: string, texts: readonly string[], topN: number | undefined): unknown {
    return {
      model: this.model,
      query,
      documents: texts,
      ...(topN !== undefined && { top_n: topN }),
      return_documents: false,
    };
  }

  protected readScores(response: HttpJsonResponse, count: number): RerankScore[] {
    const body = isRecord(response.body) ? response.body : {};
    return readRerankScores(body['results'] ?? body['data'], 'relevance_score', {
      provider: this.providerName,
      status: response.status,
      count,
    });
  }
}

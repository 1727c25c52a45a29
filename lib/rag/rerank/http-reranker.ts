import { ConduitValidationError } from '../../core';
import { HttpClient } from '../../providers/shared/http-client';
import type { HttpJsonResponse } from '../../providers/shared/http-client.types';
import type { Document } from '../document.types';
import { checkRerankInput } from './check-rerank-input';
import type { HttpRerankerSettings } from './http-reranker-settings.types';
import { mapRerankError } from './map-rerank-error';
import type { RerankScore } from './read-rerank-scores';
import type { RerankedDocument, RerankOptions } from './rerank.types';
import { Reranker } from './reranker';
import { withRerankRetry, type RerankRetrySetting } from './rerank-retry';

/** Default deadline of one rerank request: a cross-encoder answers in well under a second. */
export const RERANK_DEFAULT_TIMEOUT_MS = 60_000;

/** Default cap on a rerank answer: scores for thousands of documents fit in a few hundred kB. */
export const RERANK_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** What a subclass tells the base about its provider. */
export interface HttpRerankerWire {
  /** Provider name for errors, unless the settings give `providerName`. */
  readonly provider: string;
  /** The provider's API (`https://api.cohere.com/v2`) or a local server's usual address. */
  readonly defaultBaseUrl: string;
  /**
   * Environment variable the key falls back to. When set, the provider's own API (the default base
   * URL) cannot be called without a key: the constructor says so.
   */
  readonly apiKeyEnv?: string;
}

/**
 * A reranker behind an HTTP API, on the library's HTTP client (keep-alive pools shared per origin,
 * a deadline that aborts the request, a response size cap, typed errors with the key redacted).
 * Subclasses give the wire: `buildBody` and `readScores`, and `path` when it is not `rerank`.
 */
export abstract class HttpReranker extends Reranker {
  /** The provider name used in errors. */
  readonly providerName: string;
  /** The model sent with each request. */
  readonly model: string;
  protected readonly http: HttpClient;
  protected readonly baseUrl: string;
  /** How failed requests are retried (see `HttpRerankerSettings.retry`). */
  protected readonly retry: RerankRetrySetting | undefined;
  /** Request headers; `#` keeps the API key in them out of printouts. */
  readonly #headers: Readonly<Record<string, string>>;

  constructor(settings: HttpRerankerSettings, wire: HttpRerankerWire) {
    super();
    this.providerName = settings.providerName ?? wire.provider;
    this.model = settings.model;
    this.baseUrl = (settings.baseUrl ?? wire.defaultBaseUrl).replace(/\/+$/, '');
    this.retry = settings.retry;
    const apiKey =
      settings.apiKey ?? (wire.apiKeyEnv === undefined ? undefined : process.env[wire.apiKeyEnv]);
    const issues = [];
    if (typeof settings.model !== 'string' || settings.model.trim() === '') {
      issues.push({ path: 'model', message: 'must be a non-empty model id' });
    }
    if (!/^https?:$/.test(URL.canParse(this.baseUrl) ? new URL(this.baseUrl).protocol : '')) {
      issues.push({
        path: 'baseUrl',
        message: `not an absolute http(s) URL: ${JSON.stringify(settings.baseUrl)}`,
      });
    }
    if (
      wire.apiKeyEnv !== undefined &&
      (apiKey === undefined || apiKey === '') &&
      settings.baseUrl === undefined
    ) {
      issues.push({ path: 'apiKey', message: `missing; pass apiKey or set ${wire.apiKeyEnv}` });
    }
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, `Invalid ${this.providerName} reranker settings`);
    }
    const context = { provider: this.providerName, secrets: [apiKey] };
    this.http = new HttpClient({
      provider: this.providerName,
      secrets: context.secrets,
      mapError: (response) => mapRerankError(response, context),
      timeoutMs: settings.timeoutMs ?? RERANK_DEFAULT_TIMEOUT_MS,
      maxResponseBytes: settings.maxResponseBytes ?? RERANK_MAX_RESPONSE_BYTES,
      ...(settings.maxConnections !== undefined && { maxConnections: settings.maxConnections }),
    });
    this.#headers = Object.freeze({
      ...(apiKey !== undefined && apiKey !== '' && { authorization: `Bearer ${apiKey}` }),
      ...settings.headers,
    });
  }

  /**
   * One request with every document (the cloud APIs take up to about 1000 a call, far more than a
   * retriever's candidates), or batches of `maxBatchSize` one after the other for a server that
   * takes fewer (TEI: 32 by default); then the documents best first, at most `topN`.
   */
  async rerank(
    query: string,
    documents: readonly Document[],
    options: RerankOptions = {},
  ): Promise<RerankedDocument[]> {
    const { topN, signal } = options;
    checkRerankInput(query, documents, topN);
    if (documents.length === 0 || topN === 0) return [];
    const texts = documents.map((document) => document.content);
    const size = this.maxBatchSize;
    const scores: RerankScore[] = [];
    for (let start = 0; start < texts.length; start += size) {
      const batch = texts.slice(start, start + size);
      // A server cuts to top-n per batch; only a single batch may ask for it.
      const body = this.buildBody(query, batch, batch.length === texts.length ? topN : undefined);
      const response = await withRerankRetry(
        () =>
          this.http.postJson({
            url: `${this.baseUrl}/${this.path}`,
            headers: this.#headers,
            body,
            signal,
          }),
        this.retry,
        signal,
      );
      for (const { index, score } of this.readScores(response, batch.length)) {
        scores.push({ index: start + index, score });
      }
    }
    return scores
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, topN ?? scores.length)
      .map(({ index, score }) => ({ document: documents[index], score, index }));
  }

  /** The most documents one request carries. Default: all of them in one request. */
  protected get maxBatchSize(): number {
    return Number.POSITIVE_INFINITY;
  }

  /** The path under the base URL. */
  protected get path(): string {
    return 'rerank';
  }

  /** The wire body of one request (`topN` undefined: score every document). */
  protected abstract buildBody(
    query: string,
    texts: readonly string[],
    topN: number | undefined,
  ): unknown;

  /** The scores in a 2xx answer (see `readRerankScores`); throws InvalidResponseError. */
  protected abstract readScores(response: HttpJsonResponse, count: number): RerankScore[];
}

import type { RerankRetrySetting } from './rerank-retry';

/** Settings every HTTP reranker takes. */
export interface HttpRerankerSettings {
  /** The reranking model (`rerank-v3.5`, `jina-reranker-v2-base-multilingual`, `rerank-2`...). */
  readonly model: string;
  /**
   * Sent as `Authorization: Bearer ...`. Falls back to the provider's environment variable
   * (`COHERE_API_KEY`, `JINA_API_KEY`, `VOYAGE_API_KEY`); required for the provider's own API,
   * optional for a `baseUrl` of your own (a local TEI or Infinity server needs none).
   */
  readonly apiKey?: string;
  /** Where the API lives; requests go to `${baseUrl}/rerank`. Each class has its provider's default. */
  readonly baseUrl?: string;
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Name used in errors (`infinity`, `vllm`); defaults to the provider's. */
  readonly providerName?: string;
  /**
   * The deadline of one request in ms; past it the request is aborted (its socket closed) and
   * the call fails with `TimeoutError`. Default 60 000. `0` = none.
   */
  readonly timeoutMs?: number;
  /** The most bytes an answer may have before `ResponseTooLargeError`. Default 4 MiB. */
  readonly maxResponseBytes?: number;
  /** The most sockets open to the server at once (default 128); further calls queue. */
  readonly maxConnections?: number;
  /**
   * Retries of a failed request, as ChatService's built-in retry: a 429 after its `retry-after`, a
   * 5xx, a dropped connection; never a 4xx, an abort or a timeout. Default `{ maxRetries: 2 }`;
   * `false` for none.
   */
  readonly retry?: RerankRetrySetting;
}

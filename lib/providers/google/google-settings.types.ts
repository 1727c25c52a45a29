import type { ModelCapabilities } from '../../core';

/** Where the Generative Language API lives unless `baseUrl` says otherwise. */
export const GOOGLE_DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * Gemini's thinking settings (`generationConfig.thinkingConfig`). Gemini 2.5 models take a token
 * budget (`0` turns thinking off on Flash, `-1` lets the model decide); Gemini 3 models take a
 * level. `includeThoughts` asks for thought summaries, which come back as reasoning parts.
 */
export interface GoogleThinkingOptions {
  readonly thinkingBudget?: number;
  readonly thinkingLevel?: 'minimal' | 'low' | 'medium' | 'high';
  readonly includeThoughts?: boolean;
}

/**
 * How JSON Schemas (tool parameters, `responseFormat: json_schema`) go on the wire:
 * - `openapi` (default): converted to the OpenAPI subset of `parameters` / `responseSchema`,
 *   which every Gemini model takes (keywords the subset lacks are dropped);
 * - `json-schema`: sent untouched as `parametersJsonSchema` / `responseJsonSchema` (Gemini 2.5
 *   and later), keeping `additionalProperties`, `$ref` and the rest.
 */
export type GoogleSchemaMode = 'openapi' | 'json-schema';

/** What the chat and embedding models of Google share: key, address, transport. */
export interface GoogleConnectionSettings {
  /** The model id, e.g. `gemini-2.5-flash` or `gemini-embedding-001` (without `models/`). */
  readonly model: string;
  /**
   * Sent as the `x-goog-api-key` header, never in the URL. The model itself reads no environment
   * variable: the module layer fills this from `GEMINI_API_KEY`, else `GOOGLE_API_KEY`.
   */
  readonly apiKey?: string;
  /** Defaults to `https://generativelanguage.googleapis.com/v1beta`. */
  readonly baseUrl?: string;
  /** Extra headers sent with every request (per-call `request.headers` win over them). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The most bytes one response may have before `ResponseTooLargeError`. Default 64 MiB. */
  readonly maxResponseBytes?: number;
  /** The most sockets open to this model's origin at once (default 128). */
  readonly maxConnections?: number;
  /**
   * The overall deadline of one HTTP request in ms, a whole stream included (`0` = none). When
   * absent: 600 000 for a model called directly; through ChatService its `timeoutMs` governs.
   */
  readonly timeoutMs?: number;
}

/** Settings of `GoogleChatModel` (Gemini `generateContent` / `streamGenerateContent`). */
export interface GoogleChatModelSettings extends GoogleConnectionSettings {
  /** Thinking for every call of this model (a call's `providerOptions.google.thinkingConfig` wins). */
  readonly thinking?: GoogleThinkingOptions;
  /** How JSON Schemas are sent (default `openapi`, see `GoogleSchemaMode`). */
  readonly schemaMode?: GoogleSchemaMode;
  /**
   * `safetySettings` sent with every call (`[{ category: 'HARM_CATEGORY_HARASSMENT', threshold:
   * 'BLOCK_ONLY_HIGH' }]`); a call's `providerOptions.google.safetySettings` wins.
   */
  readonly safetySettings?: readonly Readonly<Record<string, string>>[];
  /** Capabilities that replace the model catalogue's (for ids it does not know). */
  readonly capabilities?: Partial<ModelCapabilities>;
}

/** The `taskType` values of Gemini embeddings. */
export type GoogleEmbeddingTaskType =
  | 'RETRIEVAL_QUERY'
  | 'RETRIEVAL_DOCUMENT'
  | 'SEMANTIC_SIMILARITY'
  | 'CLASSIFICATION'
  | 'CLUSTERING'
  | 'QUESTION_ANSWERING'
  | 'FACT_VERIFICATION'
  | 'CODE_RETRIEVAL_QUERY';

/** Settings of `GoogleEmbeddingModel` (`embedContent` / `batchEmbedContents`). */
export interface GoogleEmbeddingModelSettings extends GoogleConnectionSettings {
  /** `outputDimensionality` unless a call sets `dimensions` (gemini-embedding-001: 128 to 3072). */
  readonly dimensions?: number;
  /** `taskType` unless a call sets `providerOptions.google.taskType`. */
  readonly taskType?: GoogleEmbeddingTaskType;
  /** Texts per `batchEmbedContents` request (default and API maximum: 100). */
  readonly maxBatchSize?: number;
}

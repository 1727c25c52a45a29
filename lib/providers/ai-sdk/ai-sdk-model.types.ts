import type { ModelCapabilities } from '../../core';

/**
 * The part of an AI SDK language model (`LanguageModelV2` from `@ai-sdk/provider` 2.x,
 * `LanguageModelV3` from 3.x) that `fromAiSdk` relies on, written structurally so that this
 * library's types compile without `@ai-sdk/provider` installed. Any model an AI SDK provider
 * package returns (`openai('gpt-4o')`, `bedrock(...)`, `createOpenAICompatible(...)('m')`) fits.
 */
export interface AiSdkLanguageModel {
  /** `'v2'` (`@ai-sdk/provider` 2.x) or `'v3'` (3.x); the adapter picks its mapping by it. */
  readonly specificationVersion: 'v2' | 'v3';
  /** The AI SDK provider id, e.g. `openai.chat`, `amazon-bedrock`. */
  readonly provider: string;
  readonly modelId: string;
  /** The spec's one-shot call (its options and result typed by the spec version). */
  doGenerate(options: object): PromiseLike<object>;
  /** The spec's streamed call: resolves with `{ stream: ReadableStream<part> }`. */
  doStream(options: object): PromiseLike<object>;
}

/**
 * The part of an AI SDK embedding model (`EmbeddingModelV2<string>` / `EmbeddingModelV3`) that
 * `fromAiSdkEmbedding` relies on, written structurally like `AiSdkLanguageModel`.
 */
export interface AiSdkEmbeddingModelSpec {
  readonly specificationVersion: 'v2' | 'v3';
  readonly provider: string;
  readonly modelId: string;
  /** Most values a call accepts, `undefined` for no limit (a promise on some providers). */
  readonly maxEmbeddingsPerCall: PromiseLike<number | undefined> | number | undefined;
  /** The spec's embedding call. */
  doEmbed(options: object): PromiseLike<object>;
}

/** Options of `fromAiSdk`. */
export interface FromAiSdkOptions {
  /**
   * Provider name in `info()`, cost records and errors. Default: the AI SDK provider id up to its
   * first dot (`openai.chat` -> `openai`), which also finds the model in the catalogue.
   */
  readonly provider?: string;
  /**
   * What the model can do, over the catalogue's entry (or conservative defaults for a model the
   * catalogue does not know).
   */
  readonly capabilities?: Partial<ModelCapabilities>;
}

/** Options of `fromAiSdkEmbedding`. */
export interface FromAiSdkEmbeddingOptions {
  /** Provider name in `info()` and errors (default as in `FromAiSdkOptions.provider`). */
  readonly provider?: string;
  /**
   * Most texts a call sends. Default: the model's `maxEmbeddingsPerCall` when it is a number,
   * else 2048; a limit the model gives as a promise is honoured on top of this.
   */
  readonly maxBatchSize?: number;
}

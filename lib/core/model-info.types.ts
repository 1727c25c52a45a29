/** What a model can do. Used to check requests before they are sent and to pick models. */
export interface ModelCapabilities {
  readonly streaming: boolean;
  readonly tools: boolean;
  readonly vision: boolean;
  /** PDF documents as `file` parts (absent means no). */
  readonly pdf?: boolean;
  /** Audio input as `audio` parts (absent means no). */
  readonly audio?: boolean;
  /** Plain JSON mode (`responseFormat: { type: 'json' }`). */
  readonly jsonMode: boolean;
  /** Schema-constrained output (`responseFormat: { type: 'json_schema' }`). */
  readonly structuredOutput: boolean;
  readonly reasoning: boolean;
  /** Several tool calls in one answer. */
  readonly parallelToolCalls?: boolean;
  readonly maxContextTokens?: number;
  readonly maxOutputTokens?: number;
}

/** Prices of a model in US dollars per million tokens, as published by the provider on `asOf`. */
export interface ModelPricing {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
  /** Price of input tokens read from the prompt cache (defaults to the input price when absent). */
  readonly cacheReadPerMillion?: number;
  /** Price of input tokens written to the prompt cache (defaults to the input price when absent). */
  readonly cacheWritePerMillion?: number;
  /** ISO date the prices were taken. */
  readonly asOf: string;
}

/** Identity and capabilities of a model instance. */
export interface ModelInfo {
  /** Provider name: `openai`, `anthropic`, `groq`, `xai`, `mock`, or a user's own. */
  readonly provider: string;
  /** The provider's model id, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  /** Prices from the model catalogue, when the model is known. */
  readonly pricing?: ModelPricing;
}

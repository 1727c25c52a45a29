/** What a model can do. Used to check requests before they are sent and to pick models. */
export interface ModelCapabilities {
  readonly streaming: boolean;
  readonly tools: boolean;
  readonly vision: boolean;
  /** Plain JSON mode (`responseFormat: { type: 'json' }`). */
  readonly jsonMode: boolean;
  /** Schema-constrained output (`responseFormat: { type: 'json_schema' }`). */
  readonly structuredOutput: boolean;
  readonly reasoning: boolean;
  readonly maxContextTokens?: number;
  readonly maxOutputTokens?: number;
}

/** Identity and capabilities of a model instance. */
export interface ModelInfo {
  /** Provider name: `openai`, `anthropic`, `groq`, `xai`, `mock`, or a user's own. */
  readonly provider: string;
  /** The provider's model id, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
}

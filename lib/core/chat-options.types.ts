import type { CacheControl } from './cache-control.types';
import type { JsonSchema } from './json-schema.types';
import type { Message } from './message.types';

/** A tool the model may call, described by a JSON Schema of its arguments. */
export interface ToolDefinition {
  /** `^[a-zA-Z0-9_-]{1,64}$`, the rule every provider accepts. */
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of the arguments object. */
  readonly parameters: JsonSchema;
  /** Ask the provider to enforce the schema exactly (OpenAI `strict`). */
  readonly strict?: boolean;
  /**
   * Prompt-cache breakpoint after this tool (Anthropic): set it on the last tool to cache the whole
   * tool list. Ignored by providers that cache automatically.
   */
  readonly cacheControl?: CacheControl;
}

/** How the model may use the tools. */
export type ToolChoice =
  'auto' | 'none' | 'required' | { readonly type: 'tool'; readonly name: string };

/** The shape the answer must take. */
export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json' }
  | {
      readonly type: 'json_schema';
      readonly name: string;
      readonly schema: JsonSchema;
      readonly description?: string;
      readonly strict?: boolean;
    };

/**
 * Generation settings understood by every provider. A provider that cannot honour one reports a
 * warning instead of failing.
 */
export interface CallSettings {
  /** 0 to 2. */
  readonly temperature?: number;
  /** 0 to 1. */
  readonly topP?: number;
  /** Maximum output tokens. */
  readonly maxTokens?: number;
  /** Up to 4 stop sequences. */
  readonly stop?: string | readonly string[];
  readonly seed?: number;
  readonly tools?: readonly ToolDefinition[];
  readonly toolChoice?: ToolChoice;
  readonly responseFormat?: ResponseFormat;
  /**
   * Extra request fields passed through untouched, keyed by provider name
   * (`{ openai: { user: 'u-1', parallel_tool_calls: false } }`).
   */
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** What a model implementation receives for one call. */
export interface ChatRequest extends CallSettings {
  readonly messages: readonly Message[];
  /** Aborts the HTTP request. Its `reason` becomes the error the call fails with. */
  readonly signal?: AbortSignal;
  /** Extra HTTP headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What an embedding model receives for one call. */
export interface EmbedRequest {
  readonly texts: readonly string[];
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
  /** Output vector size, for models that can shorten their vectors. */
  readonly dimensions?: number;
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

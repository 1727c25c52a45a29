import type { AssistantContentPart, AssistantMessage, ToolCall } from './message.types';
import type { Usage } from './usage.types';

/**
 * Why the model stopped, normalized across providers. The provider's own value is kept in
 * `rawFinishReason`.
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

/** A setting the provider could not honour; the call went ahead without it. */
export interface CallWarning {
  readonly setting: string;
  readonly message: string;
}

/** Provider-specific data that has no normalized home, keyed by provider name. */
export type ProviderMetadata = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The answer of a non-streamed chat call (and what `collectStream()` builds from a stream). */
export interface ChatResponse {
  /** Provider response id. */
  readonly id: string;
  /** The model id the provider reports having used. */
  readonly model: string;
  /** All text parts joined. */
  readonly text: string;
  /** Ordered assistant content: text and reasoning parts. */
  readonly content: readonly AssistantContentPart[];
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: FinishReason;
  /** The provider's finish reason exactly as sent (`null` when it sent none). */
  readonly rawFinishReason: string | null;
  readonly usage: Usage;
  /** The refusal text when the model declined (OpenAI structured outputs). */
  readonly refusal?: string;
  /** The answer as a message, ready to append to the conversation. */
  readonly message: AssistantMessage;
  readonly warnings: readonly CallWarning[];
  readonly providerMetadata: ProviderMetadata;
}

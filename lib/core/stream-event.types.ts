import type { CallWarning, FinishReason, ProviderMetadata } from './chat-response.types';
import type { ToolCall } from './message.types';
import type { Usage } from './usage.types';

/** First event of every stream: the response id and model, and settings that were dropped. */
export interface StreamStartEvent {
  readonly type: 'start';
  readonly id: string;
  readonly model: string;
  readonly warnings: readonly CallWarning[];
}

/** A piece of answer text. */
export interface TextDeltaEvent {
  readonly type: 'text-delta';
  readonly delta: string;
}

/** A piece of model reasoning. `signature`/`redactedData` arrive on their own events when sent. */
export interface ReasoningDeltaEvent {
  readonly type: 'reasoning-delta';
  readonly delta: string;
  readonly signature?: string;
  readonly redactedData?: string;
}

/** A piece of refusal text (OpenAI structured outputs). */
export interface RefusalDeltaEvent {
  readonly type: 'refusal-delta';
  readonly delta: string;
}

/** The model began a tool call. */
export interface ToolCallStartEvent {
  readonly type: 'tool-call-start';
  /** Position of the call within this answer. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
}

/** A fragment of a tool call's JSON argument string. */
export interface ToolCallDeltaEvent {
  readonly type: 'tool-call-delta';
  readonly index: number;
  readonly id: string;
  readonly argumentsDelta: string;
}

/** A tool call whose arguments are complete and parsed. */
export interface ToolCallEvent {
  readonly type: 'tool-call';
  readonly index: number;
  readonly toolCall: ToolCall;
}

/** Token usage, when the provider reports it (usually just before `finish`). */
export interface UsageEvent {
  readonly type: 'usage';
  readonly usage: Usage;
}

/** Last event of a successful stream. */
export interface FinishEvent {
  readonly type: 'finish';
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | null;
  readonly usage: Usage;
  readonly providerMetadata: ProviderMetadata;
}

/**
 * A failure, as data. Model streams never emit it: they fail the Observable with a typed
 * `ConduitError`. Operators such as `toSse()` turn that error into this event so that an SSE client
 * receives it as the last frame.
 */
export interface ErrorEvent {
  readonly type: 'error';
  readonly error: {
    readonly name: string;
    readonly message: string;
    /** Stable machine-readable kind (`rate_limited`, `upstream_error`...), when known. */
    readonly code?: string;
    readonly isRetryable: boolean;
    /**
     * For invalid input (`code: 'invalid_input'`): each problem as `{ path, message }`. They
     * describe the caller's own input, so they are safe to show to that caller.
     */
    readonly issues?: readonly { readonly path: string; readonly message: string }[];
  };
}

/** Every event a chat stream can carry: a discriminated union on `type`. */
export type StreamEvent =
  | StreamStartEvent
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | RefusalDeltaEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | UsageEvent
  | FinishEvent
  | ErrorEvent;

/** The `type` tags of `StreamEvent`. */
export type StreamEventType = StreamEvent['type'];

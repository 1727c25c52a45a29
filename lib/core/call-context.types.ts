import type { ChatRequest, EmbedRequest } from './chat-options.types';
import type { ChatResponse } from './chat-response.types';
import type { EmbeddingResponse } from './embedding-model.interface';
import type { ToolCall } from './message.types';
import type { ModelInfo } from './model-info.types';
import type { StreamEvent } from './stream-event.types';

/** The kinds of call that run through the interceptor chain. */
export type CallKind = 'chat' | 'stream' | 'embed' | 'tool';

/** Fields every call context has. */
interface BaseCallContext {
  /** The alias the call was made with (`default`, `fast`, ...); the tool name for tool calls. */
  readonly alias: string;
  /** Identity of the model serving the call (absent for tool calls). */
  readonly modelInfo?: ModelInfo;
  /** Shared along the chain: interceptors leave notes for each other and for the caller. */
  readonly metadata: Map<string, unknown>;
  /**
   * Fires when the caller aborts (or a timeout interceptor gives up); pass it on to HTTP.
   * Writable so that an interceptor can narrow it for the inner part of the chain: a timeout
   * interceptor sets its own signal (which also fires when the previous one does) before calling
   * `next.handle()` and puts the previous signal back when its inner call ends. The chain reads `context.signal` when
   * it calls the model, so the model (and its HTTP request) sees the innermost signal.
   */
  signal: AbortSignal;
}

/** A non-streamed chat call. Replace `request` to change messages or settings before the call. */
export interface ChatCallContext extends BaseCallContext {
  readonly kind: 'chat';
  request: ChatRequest;
}

/** A streamed chat call. */
export interface StreamCallContext extends BaseCallContext {
  readonly kind: 'stream';
  request: ChatRequest;
}

/** An embedding call. */
export interface EmbedCallContext extends BaseCallContext {
  readonly kind: 'embed';
  request: EmbedRequest;
}

/** The result of running a tool, as sent back to the model. */
export interface ToolResult {
  readonly toolCallId: string;
  readonly toolName: string;
  /** The text the model receives (JSON for structured values). */
  readonly content: string;
  readonly isError: boolean;
  /** The value the tool method returned (before serialization), when it succeeded. */
  readonly value?: unknown;
}

/** A tool call made by the model, about to run. */
export interface ToolCallContext extends BaseCallContext {
  readonly kind: 'tool';
  toolCall: ToolCall;
}

/** The context an interceptor receives: a discriminated union on `kind`. */
export type ConduitCallContext =
  ChatCallContext | StreamCallContext | EmbedCallContext | ToolCallContext;

/** What each kind of call produces, in order: chat, stream, embed, tool. */
export interface CallOutputs {
  readonly chat: ChatResponse;
  readonly stream: StreamEvent;
  readonly embed: EmbeddingResponse;
  readonly tool: ToolResult;
}

/** Any value a call can emit. */
export type CallOutput = CallOutputs[CallKind];

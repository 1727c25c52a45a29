import type { ChatRequest, ChatResponse, Message } from '../core';
import { ContextCaptureInterceptor } from '../interceptors/built-in/context-capture.interceptor';
import type { ChatOptions } from './chat-options.types';
import { FALLBACK_METADATA_KEY, type FallbackAttempt } from './fallback-options.types';

/** What the interceptor chain did during one `chatWithContext` call, for debugging. */
export interface ChatCallReport {
  /**
   * The request as the model last received it, after every interceptor (message shaping,
   * changed settings...), without its signal. `undefined` when no model call was made (an
   * interceptor answered, for example from the cache).
   */
  readonly request: ChatRequest | undefined;
  /** Every request sent to the model, one per attempt (retries included). */
  readonly requests: readonly ChatRequest[];
  /** Errors of model calls that interceptors handled (retried, replaced) before the answer. */
  readonly handledErrors: readonly unknown[];
  /** The notes the interceptors left (`ConduitMetadataKeys`: attempts, cache hit, cost...). */
  readonly metadata: ReadonlyMap<string, unknown>;
  /**
   * Every try of the fallback chain, in order (alias, error name, duration); the requests and
   * handled errors above cover every try. Empty when the alias has no fallbacks.
   */
  readonly fallback: readonly FallbackAttempt[];
}

/** The answer of `ChatService.chatWithContext` and what happened on the way. */
export interface ChatWithContext {
  readonly response: ChatResponse;
  readonly context: ChatCallReport;
}

/**
 * Runs `chat` with one more interceptor, innermost, that records every request as sent and
 * every model error, and returns them with the answer and the interceptors' metadata.
 */
export async function chatWithContext(
  chat: (messages: string | readonly Message[], options: ChatOptions) => Promise<ChatResponse>,
  messages: string | readonly Message[],
  options: ChatOptions = {},
): Promise<ChatWithContext> {
  const capture = new ContextCaptureInterceptor();
  const metadata = options.metadata ?? new Map<string, unknown>();
  const response = await chat(messages, {
    ...options,
    metadata,
    interceptors: [...(options.interceptors ?? []), capture],
  });
  const requests = capture.requests as ChatRequest[];
  return {
    response,
    context: {
      request: requests[requests.length - 1],
      requests,
      handledErrors: [...capture.errors],
      metadata,
      fallback: (metadata.get(FALLBACK_METADATA_KEY) as FallbackAttempt[] | undefined) ?? [],
    },
  };
}

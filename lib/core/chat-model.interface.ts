import type { Observable } from 'rxjs';
import type { CallAbort } from './call-abort';
import type { ChatRequest } from './chat-options.types';
import type { ChatResponse } from './chat-response.types';
import type { ModelInfo } from './model-info.types';
import type { StreamEvent } from './stream-event.types';

/**
 * A chat model, version 1 of the interface. Implement it to plug in any provider.
 *
 * Contract:
 * - `chat` resolves with the whole answer or rejects with a `ConduitError` subclass.
 * - `stream` is cold: nothing is sent until it is subscribed. It emits `start` first and `finish`
 *   last, fails with a `ConduitError` subclass, and unsubscribing aborts the HTTP request.
 * - Cancellation comes as `request.signal`, or, for a model that sets `supportsCallAbort`, as the
 *   `abort` argument (then `request.signal` is left out).
 */
export interface ChatModel {
  readonly specificationVersion: 'v1';
  /**
   * True when `chat` and `stream` honour their `abort` argument: callers may then pass a CallAbort
   * instead of `request.signal` and spare the AbortSignal. Absent: cancel through the signal.
   */
  readonly supportsCallAbort?: boolean;
  /** Provider, model id, capabilities and prices (cheap: called on every call). */
  info(): ModelInfo;
  /** The whole answer; rejects with a `ConduitError` subclass. */
  chat(request: ChatRequest, abort?: CallAbort): Promise<ChatResponse>;
  /** The answer as a cold stream of events; unsubscribing aborts the request. */
  stream(request: ChatRequest, abort?: CallAbort): Observable<StreamEvent>;
}

/** Type guard for `ChatModel` instances (used to tell ready-made models from configurations). */
export function isChatModel(value: unknown): value is ChatModel {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { specificationVersion?: unknown }).specificationVersion === 'v1' &&
    typeof (value as { chat?: unknown }).chat === 'function' &&
    typeof (value as { stream?: unknown }).stream === 'function'
  );
}

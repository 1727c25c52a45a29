import type { Observable } from 'rxjs';
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
 */
export interface ChatModel {
  readonly specificationVersion: 'v1';
  info(): ModelInfo;
  chat(request: ChatRequest): Promise<ChatResponse>;
  stream(request: ChatRequest): Observable<StreamEvent>;
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

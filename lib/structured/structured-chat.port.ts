import type { Observable } from 'rxjs';
import type { ChatOptions } from '../chat/chat-options.types';
import type { ChatResponse, Message, ModelCapabilities, StreamEvent } from '../core';

/**
 * What structured output needs of the chat layer: `ChatService`'s calls (so interceptors, timeouts
 * and aborts apply) and the capabilities of a model alias (to pick the mode). `StructuredOutputService` and
 * `StructuredObjectPort` (behind `ChatService.generateObject`) build one over a `ChatService`.
 */
export interface StructuredChatPort {
  chat(messages: readonly Message[], options: ChatOptions): Promise<ChatResponse>;
  stream(messages: readonly Message[], options: ChatOptions): Observable<StreamEvent>;
  /** Capabilities of the model behind `alias` (the default model when undefined). */
  capabilities(alias: string | undefined): ModelCapabilities;
}

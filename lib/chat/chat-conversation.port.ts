import type { Observable } from 'rxjs';
import type { ChatResponse } from '../core/chat-response.types';
import type { Message } from '../core/message.types';
import type { StreamEvent } from '../core/stream-event.types';

/**
 * How `ChatService` runs a call that names a `conversationId`: the extension point conversation
 * memory (lib/memory) plugs into, so the chat floor never imports the memory floor above it. An
 * abstract class, used as the injection token as `Cache` is in `@nestjs/cache-manager`;
 * `ConduitModule` provides lib/memory's implementation (which reads `ConversationMemory`, when one
 * is provided).
 *
 * `send` is the call itself, without the `conversationId`: the port decides what it is sent (the
 * history, then the caller's messages) and what is saved once it answers.
 */
export abstract class ChatConversationPort {
  /**
   * One `chat` turn of the conversation: `send` gets the history followed by `messages`; the input
   * and the answer are saved after a success. Rejects with `ConduitValidationError`, before any
   * model call, on an invalid id or messages, or when no memory is configured.
   */
  abstract chat(
    conversationId: unknown,
    messages: string | readonly Message[],
    send: (messages: readonly Message[]) => Promise<ChatResponse>,
  ): Promise<ChatResponse>;

  /**
   * One `stream` turn of the conversation: saved on `finish`, or what was received when the
   * stream fails or is aborted (marked interrupted). Problems arrive as the Observable's error.
   */
  abstract stream(
    conversationId: unknown,
    messages: string | readonly Message[],
    send: (messages: readonly Message[]) => Observable<StreamEvent>,
  ): Observable<StreamEvent>;
}

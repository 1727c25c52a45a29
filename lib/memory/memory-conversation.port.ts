import { Logger, type FactoryProvider } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { ChatConversationPort } from '../chat/chat-conversation.port';
import type { ChatResponse } from '../core/chat-response.types';
import type { Message } from '../core/message.types';
import type { StreamEvent } from '../core/stream-event.types';
import { ConversationMemory } from './conversation-memory';
import { openConversationTurn } from './conversation-turn';
import { rememberStream } from './remember-stream';

const logger = new Logger('ConversationMemory');

/**
 * `ChatService`'s conversation port over `ConversationMemory`: the history is loaded before the
 * call and the turn saved after it. Without a memory every call with a `conversationId` fails with
 * a `ConduitValidationError` that says to import `ConduitMemoryModule`.
 */
export class MemoryConversationPort extends ChatConversationPort {
  constructor(private readonly memory: ConversationMemory | undefined) {
    super();
  }

  async chat(
    conversationId: unknown,
    messages: string | readonly Message[],
    send: (messages: readonly Message[]) => Promise<ChatResponse>,
  ): Promise<ChatResponse> {
    const turn = await openConversationTurn(this.memory, conversationId, messages);
    const response = await send(turn.messages);
    await turn.save([response.message]);
    return response;
  }

  stream(
    conversationId: unknown,
    messages: string | readonly Message[],
    send: (messages: readonly Message[]) => Observable<StreamEvent>,
  ): Observable<StreamEvent> {
    return rememberStream(
      () => openConversationTurn(this.memory, conversationId, messages),
      send,
      (error: unknown) => logger.error('Could not save an interrupted stream', error),
    );
  }
}

/**
 * Registers conversation memory into `ChatService` (`ConduitModule` lists it). `ConversationMemory`
 * is optional and looked up from the module's scope, so `ConduitMemoryModule.forRoot()` (global by
 * default) or any `ConversationMemory` provider visible to `ConduitModule` is used.
 */
export const memoryConversationPortProvider: FactoryProvider<ChatConversationPort> = {
  provide: ChatConversationPort,
  useFactory: (memory?: ConversationMemory) => new MemoryConversationPort(memory),
  inject: [{ token: ConversationMemory, optional: true }],
};

import type { Message } from '../core/message.types';
import type { StoredConversation } from './conversation.types';
import type { MemoryStrategy } from './memory-strategy.interface';

/** The default strategy: the model is sent the whole stored history. */
export class FullHistoryStrategy implements MemoryStrategy {
  view(conversation: StoredConversation): Message[] {
    return conversation.entries.map((entry) => entry.message);
  }
}

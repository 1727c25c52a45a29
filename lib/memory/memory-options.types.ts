import type { ConversationStore } from './conversation.store';
import type { MemoryStrategy } from './memory-strategy.interface';

/** Options of `ConduitMemoryModule.forRoot`. */
export interface ConduitMemoryOptions {
  /** Where conversations are kept. Default: `InMemoryConversationStore` (this process only). */
  readonly store?: ConversationStore;
  /** What the model is sent. Default: `FullHistoryStrategy` (everything). */
  readonly strategy?: MemoryStrategy;
  /**
   * Register globally (default `true`), so that `ChatService` (in `ConduitModule`) and every
   * module can inject `ConversationMemory`.
   */
  readonly isGlobal?: boolean;
}

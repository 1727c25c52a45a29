import type { ConversationStore } from './conversation.store';
import type { MemoryStrategy } from './memory-strategy.interface';

/** Options of `ConduitMemoryModule.forRoot`. */
export interface ConduitMemoryOptions {
  /**
   * Where conversations are kept. Default: `new InMemoryConversationStore()` (this process only;
   * at most 10,000 conversations of 1,000 entries, each forgotten 24 hours after its last write).
   * Pass your own to change the bounds, e.g. `new InMemoryConversationStore({ ttlMs: 3600_000 })`.
   */
  readonly store?: ConversationStore;
  /** What the model is sent. Default: `FullHistoryStrategy` (everything). */
  readonly strategy?: MemoryStrategy;
  /**
   * Register globally (default `true`), so that `ChatService` (in `ConduitModule`) and every
   * module can inject `ConversationMemory`.
   */
  readonly isGlobal?: boolean;
}

import type {
  ConversationEntry,
  ConversationSummary,
  StoredConversation,
} from './conversation.types';

/**
 * Where conversations are kept: an append-only log of entries per conversation plus an optional
 * summary of its oldest part. `InMemoryConversationStore` (the default) keeps them in the process;
 * `RedisConversationStore` shares them between app instances; both are bounded by default (entries
 * per conversation, TTL). Implement it for any other backend; `append` must be atomic so that
 * concurrent writers never lose an entry, and a store open to user traffic should bound what it
 * keeps the same way, or a busy app grows it without end.
 */
export abstract class ConversationStore {
  /** The conversation, or `undefined` when none is stored under this id. */
  abstract read(conversationId: string): Promise<StoredConversation | undefined>;

  /** Adds entries at the end of the log, atomically and in order. */
  abstract append(conversationId: string, entries: readonly ConversationEntry[]): Promise<void>;

  /**
   * Records a summary of the first `summary.upTo` entries unless the stored one already covers as
   * many or more (two instances summarizing at once keep the longer one). Resolves with whether
   * it was written.
   */
  abstract saveSummary(conversationId: string, summary: ConversationSummary): Promise<boolean>;

  /** Replaces the whole conversation (import). */
  abstract replace(conversationId: string, conversation: StoredConversation): Promise<void>;

  /** Deletes the conversation. */
  abstract delete(conversationId: string): Promise<void>;

  /** The ids of the stored conversations. */
  abstract ids(): Promise<string[]>;
}

import { ConversationStore } from './conversation.store';
import type {
  ConversationEntry,
  ConversationSummary,
  StoredConversation,
} from './conversation.types';

/** Options of `InMemoryConversationStore`. */
export interface InMemoryConversationStoreOptions {
  /**
   * Forget a conversation this many milliseconds after its last write (sliding). Default: never.
   * Expired conversations are dropped when next touched.
   */
  readonly ttlMs?: number;
}

interface Slot {
  entries: ConversationEntry[];
  summary?: ConversationSummary;
  touchedAt: number;
}

/**
 * The default `ConversationStore`: conversations in a Map of this process (lost on restart, not
 * shared between instances; use `RedisConversationStore` for that).
 */
export class InMemoryConversationStore extends ConversationStore {
  protected readonly conversations = new Map<string, Slot>();
  protected readonly ttlMs: number | undefined;

  constructor(options: InMemoryConversationStoreOptions = {}) {
    super();
    this.ttlMs = options.ttlMs;
  }

  read(conversationId: string): Promise<StoredConversation | undefined> {
    const slot = this.live(conversationId);
    if (slot === undefined) return Promise.resolve(undefined);
    return Promise.resolve({
      entries: [...slot.entries],
      ...(slot.summary !== undefined && { summary: slot.summary }),
    });
  }

  append(conversationId: string, entries: readonly ConversationEntry[]): Promise<void> {
    const slot = this.live(conversationId) ?? { entries: [], touchedAt: 0 };
    slot.entries.push(...entries);
    slot.touchedAt = this.now();
    this.conversations.set(conversationId, slot);
    return Promise.resolve();
  }

  saveSummary(conversationId: string, summary: ConversationSummary): Promise<boolean> {
    const slot = this.live(conversationId);
    if (slot === undefined || (slot.summary?.upTo ?? 0) >= summary.upTo) {
      return Promise.resolve(false);
    }
    slot.summary = summary;
    slot.touchedAt = this.now();
    return Promise.resolve(true);
  }

  replace(conversationId: string, conversation: StoredConversation): Promise<void> {
    this.conversations.set(conversationId, {
      entries: [...conversation.entries],
      ...(conversation.summary !== undefined && { summary: conversation.summary }),
      touchedAt: this.now(),
    });
    return Promise.resolve();
  }

  delete(conversationId: string): Promise<void> {
    this.conversations.delete(conversationId);
    return Promise.resolve();
  }

  ids(): Promise<string[]> {
    return Promise.resolve(
      [...this.conversations.keys()].filter((id) => this.live(id) !== undefined),
    );
  }

  /** The clock of the TTL; override it (or use Jest fake timers) in tests. */
  protected now(): number {
    return Date.now();
  }

  private live(conversationId: string): Slot | undefined {
    const slot = this.conversations.get(conversationId);
    if (slot === undefined) return undefined;
    if (this.ttlMs !== undefined && this.now() - slot.touchedAt >= this.ttlMs) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return slot;
  }
}

import {
  ConduitValidationError,
  type ValidationIssue,
} from '../core/errors/conduit-validation.error';
import { checkLimit } from '../core/store-limits';
import {
  DEFAULT_CONVERSATION_TTL_MS,
  DEFAULT_MAX_CONVERSATIONS,
  DEFAULT_MAX_MESSAGES_PER_CONVERSATION,
  shiftSummary,
  trimRange,
} from './conversation-limits';
import { ConversationStore } from './conversation.store';
import type {
  ConversationEntry,
  ConversationSummary,
  StoredConversation,
} from './conversation.types';

/**
 * Options of `InMemoryConversationStore`. Every bound has a default, so the store cannot grow
 * without end; pass `Infinity` to lift one.
 */
export interface InMemoryConversationStoreOptions {
  /**
   * Most conversations kept. Default 10,000. Past it, the conversation written least recently
   * is forgotten first.
   */
  readonly maxConversations?: number;
  /**
   * Most entries kept per conversation. Default 1,000. Past it, the oldest are dropped on
   * append; the leading system messages stay, and a tool result never loses its call. The
   * strategies decide what the model is sent; this bounds what is stored.
   */
  readonly maxMessagesPerConversation?: number;
  /**
   * Forget a conversation this many milliseconds after its last write (sliding). Default 24
   * hours.
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
 * shared between instances; use `RedisConversationStore` for that). Bounded by default: at most
 * 10,000 conversations of 1,000 entries each, each forgotten 24 hours after its last write.
 *
 * @example
 * new InMemoryConversationStore({ maxConversations: 50_000, ttlMs: 2 * 3600_000 })
 */
export class InMemoryConversationStore extends ConversationStore {
  /** Kept in order of last write, oldest first: the first entries are the ones to expire or evict. */
  protected readonly conversations = new Map<string, Slot>();
  protected readonly maxConversations: number;
  protected readonly maxMessagesPerConversation: number;
  protected readonly ttlMs: number;

  constructor(options: InMemoryConversationStoreOptions = {}) {
    super();
    const issues: ValidationIssue[] = [];
    checkLimit(options.maxConversations, 'maxConversations', issues);
    checkLimit(options.maxMessagesPerConversation, 'maxMessagesPerConversation', issues);
    checkLimit(options.ttlMs, 'ttlMs', issues);
    if (issues.length > 0) {
      throw new ConduitValidationError(issues, 'Invalid InMemoryConversationStore options');
    }
    this.maxConversations = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
    this.maxMessagesPerConversation =
      options.maxMessagesPerConversation ?? DEFAULT_MAX_MESSAGES_PER_CONVERSATION;
    this.ttlMs = options.ttlMs ?? DEFAULT_CONVERSATION_TTL_MS;
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
    this.trim(slot);
    this.written(conversationId, slot);
    return Promise.resolve();
  }

  saveSummary(conversationId: string, summary: ConversationSummary): Promise<boolean> {
    const slot = this.live(conversationId);
    if (slot === undefined || (slot.summary?.upTo ?? 0) >= summary.upTo) {
      return Promise.resolve(false);
    }
    slot.summary = summary;
    this.written(conversationId, slot);
    return Promise.resolve(true);
  }

  replace(conversationId: string, conversation: StoredConversation): Promise<void> {
    const slot: Slot = {
      entries: [...conversation.entries],
      ...(conversation.summary !== undefined && { summary: conversation.summary }),
      touchedAt: 0,
    };
    this.trim(slot);
    this.written(conversationId, slot);
    return Promise.resolve();
  }

  delete(conversationId: string): Promise<void> {
    this.conversations.delete(conversationId);
    return Promise.resolve();
  }

  ids(): Promise<string[]> {
    this.dropExpired();
    return Promise.resolve([...this.conversations.keys()]);
  }

  /** The clock of the TTL; override it (or use Jest fake timers) in tests. */
  protected now(): number {
    return Date.now();
  }

  /** Drops the oldest entries past `maxMessagesPerConversation` (see `trimRange`). */
  protected trim(slot: Slot): void {
    const range = trimRange(slot.entries, this.maxMessagesPerConversation);
    if (range === undefined) return;
    slot.entries.splice(range.from, range.to - range.from);
    if (slot.summary !== undefined) slot.summary = shiftSummary(slot.summary, range);
  }

  /**
   * Stamps the write and moves the conversation to the end of the Map, which keeps the Map in
   * order of last write: expiry and eviction then only ever look at its first entries.
   */
  private written(conversationId: string, slot: Slot): void {
    slot.touchedAt = this.now();
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, slot);
    this.dropExpired();
    for (const oldest of this.conversations.keys()) {
      if (this.conversations.size <= this.maxConversations) break;
      this.conversations.delete(oldest);
    }
  }

  /** Forgets the expired conversations, which all sit at the start of the Map. */
  private dropExpired(): void {
    for (const [id, slot] of this.conversations) {
      if (!this.expired(slot)) break;
      this.conversations.delete(id);
    }
  }

  private expired(slot: Slot): boolean {
    return this.now() - slot.touchedAt >= this.ttlMs;
  }

  private live(conversationId: string): Slot | undefined {
    const slot = this.conversations.get(conversationId);
    if (slot === undefined) return undefined;
    if (this.expired(slot)) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return slot;
  }
}

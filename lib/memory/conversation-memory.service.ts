import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import type { Message } from '../core/message.types';
import { validateMessages } from '../chat/validate-messages';
import { ConversationMemory } from './conversation-memory';
import { CONVERSATION_EXPORT_FORMAT, parseConversationExport } from './conversation-export';
import type { ConversationStore } from './conversation.store';
import type { AppendOptions, ConversationEntry, ConversationExport } from './conversation.types';
import { FullHistoryStrategy } from './full-history.strategy';
import { InMemoryConversationStore } from './in-memory-conversation.store';
import type { MemoryChat, MemoryStrategy } from './memory-strategy.interface';

/** Options of `ConversationMemoryService`. */
export interface ConversationMemoryServiceOptions {
  /** Where conversations are kept. Default: a new `InMemoryConversationStore` (its default bounds). */
  readonly store?: ConversationStore;
  /** What the model is sent. Default: `FullHistoryStrategy`. */
  readonly strategy?: MemoryStrategy;
  /** How summaries are asked for (set by `ConduitMemoryModule` to go through `ChatService`). */
  readonly chat?: MemoryChat;
}

/** Throws unless the id is a non-empty string (it becomes part of store keys). */
export function checkConversationId(conversationId: unknown): asserts conversationId is string {
  if (typeof conversationId !== 'string' || conversationId.trim() === '') {
    throw new ConduitValidationError(
      [{ path: 'conversationId', message: 'must be a non-empty string' }],
      'Invalid conversation id',
    );
  }
}

/**
 * The `ConversationMemory` that `ConduitMemoryModule` provides: a `ConversationStore` for the
 * history and a `MemoryStrategy` for what the model is sent. After each append the strategy may
 * summarize the oldest part (`SummarizingMemoryStrategy`); the summary is stored beside the log.
 */
export class ConversationMemoryService extends ConversationMemory {
  protected readonly store: ConversationStore;
  protected readonly strategy: MemoryStrategy;
  protected readonly chat: MemoryChat | undefined;

  constructor(options: ConversationMemoryServiceOptions = {}) {
    super();
    this.store = options.store ?? new InMemoryConversationStore();
    this.strategy = options.strategy ?? new FullHistoryStrategy();
    this.chat = options.chat;
  }

  async load(conversationId: string): Promise<Message[]> {
    checkConversationId(conversationId);
    const conversation = await this.store.read(conversationId);
    return conversation === undefined ? [] : this.strategy.view(conversation);
  }

  async append(
    conversationId: string,
    messages: readonly Message[],
    options: AppendOptions = {},
  ): Promise<void> {
    checkConversationId(conversationId);
    if (messages.length === 0) return;
    const { issues } = validateMessages(messages);
    if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid messages to remember');
    const at = this.now();
    const last = messages.length - 1;
    const entries: ConversationEntry[] = messages.map((message, index) => ({
      message,
      at,
      ...(index === last &&
        options.interrupted !== undefined && {
          interrupted: options.interrupted,
        }),
    }));
    await this.store.append(conversationId, entries);
    await this.compact(conversationId);
  }

  async entries(conversationId: string): Promise<ConversationEntry[]> {
    checkConversationId(conversationId);
    return [...((await this.store.read(conversationId))?.entries ?? [])];
  }

  async clear(conversationId: string): Promise<void> {
    checkConversationId(conversationId);
    await this.store.delete(conversationId);
  }

  list(): Promise<string[]> {
    return this.store.ids();
  }

  async export(conversationId: string): Promise<ConversationExport> {
    checkConversationId(conversationId);
    const conversation = await this.store.read(conversationId);
    return {
      format: CONVERSATION_EXPORT_FORMAT,
      version: 1,
      conversationId,
      entries: conversation?.entries ?? [],
      ...(conversation?.summary !== undefined && { summary: conversation.summary }),
    };
  }

  async import(document: unknown, conversationId?: string): Promise<string> {
    const parsed = parseConversationExport(document);
    const id = conversationId ?? parsed.conversationId;
    checkConversationId(id);
    await this.store.replace(id, {
      entries: parsed.entries,
      ...(parsed.summary !== undefined && { summary: parsed.summary }),
    });
    return id;
  }

  /** The clock of entry timestamps; override it in tests. */
  protected now(): number {
    return Date.now();
  }

  /** Lets the strategy summarize the conversation once it has grown past its threshold. */
  protected async compact(conversationId: string): Promise<void> {
    if (this.strategy.compact === undefined) return;
    const conversation = await this.store.read(conversationId);
    if (conversation === undefined) return;
    const summary = await this.strategy.compact(conversation, this.chat);
    if (summary !== undefined) await this.store.saveSummary(conversationId, summary);
  }
}

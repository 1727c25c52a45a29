import type { Message } from '../core/message.types';
import type { AppendOptions, ConversationEntry, ConversationExport } from './conversation.types';

/**
 * Conversation memory keyed by conversation id, and the injection token of it: inject it by type
 * and swap the implementation with `useClass` / `useValue`, as `Cache` in `@nestjs/cache-manager`.
 * `ConduitMemoryModule.forRoot()` provides `ConversationMemoryService` (a store + a strategy), and
 * `ChatService.chat(..., { conversationId })` uses it to load and save the history around a call.
 *
 * @example
 * constructor(private readonly memory: ConversationMemory) {}
 * await this.memory.append('c-1', [{ role: 'user', content: 'Hi' }]);
 * await this.memory.load('c-1'); // what the model will be sent, per the strategy
 */
export abstract class ConversationMemory {
  /** The messages to send the model for this conversation (the strategy's view of the history). */
  abstract load(conversationId: string): Promise<Message[]>;

  /** Appends messages, in order, as one unit: concurrent appends never lose or interleave them. */
  abstract append(
    conversationId: string,
    messages: readonly Message[],
    options?: AppendOptions,
  ): Promise<void>;

  /** Every stored entry of the conversation (the whole log, summary or not), oldest first. */
  abstract entries(conversationId: string): Promise<ConversationEntry[]>;

  /** Forgets the conversation: its messages and its summary. */
  abstract clear(conversationId: string): Promise<void>;

  /** The ids of the stored conversations. */
  abstract list(): Promise<string[]>;

  /** The conversation as a JSON-safe document (`JSON.stringify` it to save it). */
  abstract export(conversationId: string): Promise<ConversationExport>;

  /**
   * Stores a document made by `export` (parsed JSON), replacing the conversation of the same id
   * (or of `conversationId` when given). Throws `ConduitValidationError` on a malformed document.
   * Resolves with the id it was stored under.
   */
  abstract import(document: unknown, conversationId?: string): Promise<string>;
}

/**
 * nestjs-conduit memory: conversations by id (ChatService `conversationId`), strategies, stores,
 * JSON export. Re-exported by the package root (`lib/index.ts`).
 */
export { ConversationMemory } from './conversation-memory';
export {
  ConversationMemoryService,
  type ConversationMemoryServiceOptions,
} from './conversation-memory.service';
export { ConduitMemoryModule } from './conduit-memory.module';
export type { ConduitMemoryOptions } from './memory-options.types';
export type { MemoryChat, MemoryStrategy } from './memory-strategy.interface';
export { FullHistoryStrategy } from './full-history.strategy';
export {
  WindowedMemoryStrategy,
  windowMessages,
  type WindowedMemoryOptions,
} from './windowed-memory.strategy';
export {
  DEFAULT_SUMMARY_PROMPT,
  SUMMARY_NOTE_PREFIX,
  SummarizingMemoryStrategy,
  type SummarizingMemoryOptions,
} from './summarizing-memory.strategy';
export { ConversationStore } from './conversation.store';
export {
  InMemoryConversationStore,
  type InMemoryConversationStoreOptions,
} from './in-memory-conversation.store';
export {
  RedisConversationStore,
  type RedisConversationStoreOptions,
} from './redis-conversation.store';
export type { RedisConversationClient } from './redis-conversation-client.types';
export { CONVERSATION_EXPORT_FORMAT, parseConversationExport } from './conversation-export';
export type {
  AppendOptions,
  ConversationEntry,
  ConversationExport,
  ConversationSummary,
  InterruptedMark,
  StoredConversation,
} from './conversation.types';

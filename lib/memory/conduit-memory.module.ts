import { Module, type DynamicModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ChatService } from '../chat/chat.service';
import { ConversationMemory } from './conversation-memory';
import { ConversationMemoryService } from './conversation-memory.service';
import type { ConduitMemoryOptions } from './memory-options.types';
import { validateMemoryOptions } from './validate-memory-options';

/**
 * Conversation memory for `ChatService.chat(..., { conversationId })`: provides
 * `ConversationMemory` (a `ConversationMemoryService` over the given store and strategy).
 * Summaries are asked for through `ChatService`, so they run through the interceptors. The
 * default store is a bounded `InMemoryConversationStore` (10,000 conversations of 1,000 entries,
 * each forgotten 24 hours after its last write); pass `store` to change the bounds.
 *
 * @example
 * imports: [
 *   ConduitModule.forRoot({ models: { default: ... } }),
 *   ConduitMemoryModule.forRoot({ strategy: new WindowedMemoryStrategy({ maxMessages: 20 }) }),
 * ]
 */
@Module({})
export class ConduitMemoryModule {
  /** Configures the memory. Replace it wholesale with `{ provide: ConversationMemory, useClass }`. */
  static forRoot(options: ConduitMemoryOptions = {}): DynamicModule {
    validateMemoryOptions(options);
    return {
      module: ConduitMemoryModule,
      global: options.isGlobal ?? true,
      providers: [
        {
          provide: ConversationMemory,
          // ChatService is looked up when a summary is needed, not injected: ChatService reaches
          // this memory through its conversation port (memory-conversation.port.ts), so a
          // constructor dependency would be a cycle of providers; and ConduitModule need not be
          // global, hence the app-wide (non-strict) lookup.
          useFactory: (moduleRef: ModuleRef) =>
            new ConversationMemoryService({
              ...(options.store !== undefined && { store: options.store }),
              ...(options.strategy !== undefined && { strategy: options.strategy }),
              chat: (messages, chatOptions) =>
                moduleRef.get(ChatService, { strict: false }).chat(messages, chatOptions),
            }),
          inject: [ModuleRef],
        },
      ],
      exports: [ConversationMemory],
    };
  }
}

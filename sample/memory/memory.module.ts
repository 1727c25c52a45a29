import { Module } from '@nestjs/common';
import { MemoryController } from './memory.controller';

/**
 * The memory routes. `ConversationMemory` comes from `ConduitMemoryModule.forRoot()` (global),
 * imported by AppModule with a window of the last 20 messages.
 */
@Module({ controllers: [MemoryController] })
export class MemoryModule {}

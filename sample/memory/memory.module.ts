import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ConduitRequestContextMiddleware } from 'nestjs-conduit';
import { MemoryController } from './memory.controller';

/**
 * The memory routes. `ConversationMemory` comes from `ConduitMemoryModule.forRoot()` (global),
 * imported by AppModule with a window of the last 20 messages. The request-context middleware
 * makes the caller that `SampleCallerGuard` identifies readable through `ConduitRequestContext`.
 */
@Module({ controllers: [MemoryController] })
export class MemoryModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConduitRequestContextMiddleware).forRoutes(MemoryController);
  }
}

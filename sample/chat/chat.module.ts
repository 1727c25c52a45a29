import { Module } from '@nestjs/common';
import { ChatController } from './chat.controller';

/** The chat routes. ChatService comes from the global ConduitModule imported by AppModule. */
@Module({ controllers: [ChatController] })
export class ChatModule {}

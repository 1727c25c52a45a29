import { Module } from '@nestjs/common';
import { ChatService, getChatModelToken } from 'nestjs-conduit';
import { GuardedChatController } from './guarded-chat.controller';
import { SAMPLE_GUARDRAILS, sampleGuardrails } from './sample-guardrails';

/** `POST /guarded-chat`: PII redaction and (with a real model) a topic guardrail. */
@Module({
  controllers: [GuardedChatController],
  providers: [
    {
      provide: SAMPLE_GUARDRAILS,
      useFactory: sampleGuardrails,
      inject: [ChatService, getChatModelToken('default')],
    },
  ],
})
export class GuardedChatModule {}

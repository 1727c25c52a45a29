import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ChatService,
  GUARDRAIL_METADATA_KEY,
  type ConduitInterceptor,
  type GuardrailRecord,
} from 'nestjs-conduit';
import { ChatRequestDto } from '../chat/dto/chat-request.dto';
import { SAMPLE_GUARDRAILS } from './sample-guardrails';

/** What `POST /guarded-chat` answers: the (redacted) text and every guardrail decision. */
export interface GuardedChatAnswer {
  readonly text: string;
  readonly guardrails: readonly GuardrailRecord[];
}

/**
 * `POST /guarded-chat`: a chat turn through the sample's guardrails, answering with the decisions
 * they made (a blocked turn is answered 422 by the exception filter).
 */
@Controller('guarded-chat')
export class GuardedChatController {
  constructor(
    private readonly chatService: ChatService,
    @Inject(SAMPLE_GUARDRAILS) private readonly guardrails: ConduitInterceptor[],
  ) {}

  @Post()
  @HttpCode(200)
  async chat(@Body() body: ChatRequestDto): Promise<GuardedChatAnswer> {
    const { response, context } = await this.chatService.chatWithContext(body.message, {
      interceptors: this.guardrails,
    });
    const guardrails = (context.metadata.get(GUARDRAIL_METADATA_KEY) ?? []) as GuardrailRecord[];
    return { text: response.text, guardrails };
  }
}

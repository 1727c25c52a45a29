import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import {
  ChatService,
  ConduitRequestContext,
  ConversationMemory,
  type ConversationExport,
} from 'nestjs-conduit';
import { ConversationIdPipe } from './conversation-id.pipe';
import { MemoryChatRequestDto } from './dto/memory-chat-request.dto';
import { MemoryMessageDto } from './dto/memory-message.dto';
import { SampleCallerGuard, type SampleCaller } from './sample-caller.guard';

/** What `POST /memory/chat` and `POST /memory/:id` answer. */
export interface MemoryChatAnswer {
  readonly conversationId: string;
  readonly text: string;
  /** Messages now stored for the conversation (each call adds the question and the answer). */
  readonly storedMessages: number;
}

/**
 * Conversation memory, per caller: `POST /memory/chat` sends only the new message; `ChatService`
 * loads the conversation's history before the call (`conversationId`) and saves the question and
 * the answer after it. `POST /memory/:id` continues a conversation, `GET /memory/:id` exports
 * it, `DELETE /memory/:id` forgets it.
 *
 * Every conversation belongs to the caller who started it (`SampleCallerGuard`): it is stored
 * under `${caller}:${id}`, so the same id names a different conversation for each caller, and
 * another caller's conversation answers 404 like one that does not exist (a 403 would tell that
 * it does).
 */
@Controller('memory')
@UseGuards(SampleCallerGuard)
export class MemoryController {
  constructor(
    private readonly chatService: ChatService,
    private readonly memory: ConversationMemory,
    private readonly requestContext: ConduitRequestContext,
  ) {}

  /** Starts the caller's conversation of this id, or continues it. */
  @Post('chat')
  @HttpCode(200)
  chat(@Body() body: MemoryChatRequestDto): Promise<MemoryChatAnswer> {
    return this.say(body.conversationId, body.message);
  }

  /** Continues one of the caller's conversations; 404 if the caller has none of this id. */
  @Post(':id')
  @HttpCode(200)
  async continue(
    @Param('id', ConversationIdPipe) id: string,
    @Body() body: MemoryMessageDto,
  ): Promise<MemoryChatAnswer> {
    await this.mustExist(id);
    return this.say(id, body.message);
  }

  @Get(':id')
  async history(@Param('id', ConversationIdPipe) id: string): Promise<ConversationExport> {
    const exported = await this.memory.export(this.keyOf(id));
    if (exported.entries.length === 0) throw notFound();
    // The store key is the sample's business: the caller sees the id it chose.
    return { ...exported, conversationId: id };
  }

  @Delete(':id')
  @HttpCode(204)
  async forget(@Param('id', ConversationIdPipe) id: string): Promise<void> {
    await this.mustExist(id);
    await this.memory.clear(this.keyOf(id));
  }

  private async say(id: string, message: string): Promise<MemoryChatAnswer> {
    const key = this.keyOf(id);
    const response = await this.chatService.chat(message, { conversationId: key });
    const entries = await this.memory.entries(key);
    return { conversationId: id, text: response.text, storedMessages: entries.length };
  }

  private async mustExist(id: string): Promise<void> {
    if ((await this.memory.entries(this.keyOf(id))).length === 0) throw notFound();
  }

  /**
   * The store key of the caller's conversation. The caller comes from the request context (set
   * on `request.user` by the guard), which any code of the request, tools included, can read.
   */
  private keyOf(id: string): string {
    const caller = this.requestContext.user<SampleCaller>();
    // The guard runs first on every route; without a caller there is no key to hand out.
    if (caller === undefined) throw new UnauthorizedException();
    return `${caller.id}:${id}`;
  }
}

/** The same answer for "not yours" and "does not exist". */
function notFound(): NotFoundException {
  return new NotFoundException('No conversation of yours has this id.');
}

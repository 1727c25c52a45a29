import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ChatService, ConversationMemory, type ConversationExport } from 'nestjs-conduit';
import { MemoryChatRequestDto } from './dto/memory-chat-request.dto';

/** What `POST /memory/chat` answers. */
export interface MemoryChatAnswer {
  readonly conversationId: string;
  readonly text: string;
  /** Messages now stored for the conversation (each call adds the question and the answer). */
  readonly storedMessages: number;
}

/**
 * Conversation memory: `POST /memory/chat` sends only the new message; `ChatService` loads the
 * conversation's history before the call (`conversationId`) and saves the question and the answer
 * after it. `GET /memory/:id` exports the stored conversation, `DELETE /memory/:id` forgets it.
 */
@Controller('memory')
export class MemoryController {
  constructor(
    private readonly chatService: ChatService,
    private readonly memory: ConversationMemory,
  ) {}

  @Post('chat')
  @HttpCode(200)
  async chat(@Body() body: MemoryChatRequestDto): Promise<MemoryChatAnswer> {
    const { conversationId } = body;
    const response = await this.chatService.chat(body.message, { conversationId });
    const entries = await this.memory.entries(conversationId);
    return { conversationId, text: response.text, storedMessages: entries.length };
  }

  @Get(':id')
  history(@Param('id') id: string): Promise<ConversationExport> {
    return this.memory.export(id);
  }

  @Delete(':id')
  @HttpCode(204)
  async forget(@Param('id') id: string): Promise<void> {
    await this.memory.clear(id);
  }
}

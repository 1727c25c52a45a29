import { Body, Controller, HttpCode, Post, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ChatService, toSse, type Message } from 'nestjs-conduit';
import type { Observable } from 'rxjs';
import type { ChatAnswer } from './chat-answer.types';
import { ChatRequestDto } from './dto/chat-request.dto';
import { StreamQueryDto } from './dto/stream-query.dto';

/** `POST /chat` answers at once; `GET /chat/stream` streams the answer as Server-Sent Events. */
@Controller('chat')
export class ChatController {
  constructor(private readonly chatService: ChatService) {}

  /** One chat turn: the conversation so far plus the new message. */
  @Post()
  @HttpCode(200)
  async chat(@Body() body: ChatRequestDto): Promise<ChatAnswer> {
    const messages: Message[] = [
      ...(body.conversation ?? []).map((turn) => ({ role: turn.role, content: turn.content })),
      { role: 'user', content: body.message },
    ];
    const response = await this.chatService.chat(messages);
    return {
      text: response.text,
      model: response.model,
      usage: response.usage,
      finishReason: response.finishReason,
    };
  }

  /**
   * The answer as SSE frames: `event: start`, `event: text-delta`..., `event: finish` (or a final
   * `event: error`). Closing the connection unsubscribes, which aborts the model's HTTP request.
   */
  @Sse('stream')
  stream(@Query() query: StreamQueryDto): Observable<MessageEvent> {
    return this.chatService.stream(query.message).pipe(toSse());
  }
}

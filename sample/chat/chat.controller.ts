import {
  Body,
  Controller,
  HttpCode,
  Post,
  Query,
  Sse,
  UploadedFile,
  UseInterceptors,
  type MessageEvent,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ChatService,
  FileToPartPipe,
  toSse,
  type ChatResponse,
  type Message,
  type UploadedPart,
} from 'nestjs-conduit';
import type { Observable } from 'rxjs';
import type { ChatAnswer } from './chat-answer.types';
import { ChatFileRequestDto } from './dto/chat-file-request.dto';
import { ChatRequestDto } from './dto/chat-request.dto';

/** The largest file `POST /chat/file` takes: multer stops reading past it, the pipe checks again. */
export const MAX_CHAT_FILE_BYTES = 10 * 1024 * 1024;
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
    return toAnswer(await this.chatService.chat(messages));
  }

  /**
   * A question about an attached PDF or text file (multipart fields `message` and `file`). The
   * file's type is read from its bytes; a file too large (413), of another type or not matching its
   * claimed type (422), or a model that cannot read files (`UnsupportedContentError`, 400) is
   * refused before the model is called.
   */
  @Post('file')
  @HttpCode(200)
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_CHAT_FILE_BYTES + 1, files: 1, fields: 4 } }),
  )
  async chatAboutFile(
    @Body() body: ChatFileRequestDto,
    @UploadedFile(
      new FileToPartPipe({
        maxBytes: MAX_CHAT_FILE_BYTES,
        allowedTypes: ['application/pdf', 'text/plain'],
      }),
    )
    file: UploadedPart,
  ): Promise<ChatAnswer> {
    const messages: Message[] = [
      { role: 'user', content: [{ type: 'text', text: body.message }, file] },
    ];
    return toAnswer(await this.chatService.chat(messages));
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

function toAnswer(response: ChatResponse): ChatAnswer {
  return {
    text: response.text,
    model: response.model,
    usage: response.usage,
    finishReason: response.finishReason,
  };
}

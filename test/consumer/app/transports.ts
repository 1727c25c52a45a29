/**
 * The transports part of the consumer test (test/consumer/consumer-test.sh copies it next to
 * main.ts in the Nest 11 CommonJS app): the README's chat + `@Sse()` stream routes on
 * `@nestjs/platform-fastify`, and a socket.io gateway that streams with `toWsEvents()`, checked
 * with a real `fetch` and a real `socket.io-client` over loopback. Any failure exits non-zero.
 * (Inside the repo the root tsconfig type-checks it against lib/ through the `paths` mapping.)
 */
import 'reflect-metadata';
import {
  Body,
  Controller,
  HttpCode,
  Module,
  Post,
  Query,
  Sse,
  type MessageEvent,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  ChatService,
  ConduitModule,
  toSse,
  toWsEvents,
  type StreamEvent,
  type WsClient,
} from 'nestjs-conduit';
import { MockChatModel } from 'nestjs-conduit/testing';
import type { Observable } from 'rxjs';
import { io } from 'socket.io-client';

const CHUNKS = ['Hello', ' over', ' the', ' wire.'];
const ANSWER = CHUNKS.join('');

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`consumer transports check failed: ${what}`);
}

@Controller('chat')
class ChatController {
  constructor(private readonly chatService: ChatService) {}

  @Post()
  @HttpCode(200)
  async chat(@Body() body: { message: string }): Promise<{ text: string }> {
    return { text: (await this.chatService.chat(body.message)).text };
  }

  @Sse('stream')
  stream(@Query('message') message: string): Observable<MessageEvent> {
    return this.chatService.stream(message).pipe(toSse());
  }
}

@WebSocketGateway()
class ChatGateway {
  constructor(private readonly chatService: ChatService) {}

  @SubscribeMessage('chat')
  chat(@ConnectedSocket() client: WsClient, @MessageBody() message: string) {
    return this.chatService.stream(message).pipe(toWsEvents(client));
  }
}

@Module({
  imports: [
    ConduitModule.forRoot({
      models: { default: new MockChatModel({ respond: () => ({ text: ANSWER, chunks: CHUNKS }) }) },
    }),
  ],
  controllers: [ChatController],
  providers: [ChatGateway],
})
class TransportsModule {}

/** The events a socket.io client receives for one `chat` message, up to `finish` or `error`. */
async function chatOverSocketIo(url: string, message: string): Promise<StreamEvent[]> {
  const socket = io(url, { transports: ['websocket'], reconnection: false });
  try {
    return await new Promise<StreamEvent[]>((resolve, reject) => {
      const events: StreamEvent[] = [];
      const timer = setTimeout(
        () => reject(new Error(`no finish after ${JSON.stringify(events)}`)),
        10_000,
      );
      socket.on('connect_error', (error: Error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.onAny((name: string, data: StreamEvent) => {
        events.push(data);
        check(data.type === name, `socket.io event ${name} carries type ${data.type}`);
        if (name === 'finish' || name === 'error') {
          clearTimeout(timer);
          resolve(events);
        }
      });
      socket.on('connect', () => socket.emit('chat', message));
    });
  } finally {
    socket.close();
  }
}

/** Fastify: POST /chat and GET /chat/stream (SSE); socket.io: the `chat` gateway message. */
async function checkTransports(): Promise<string> {
  const app = await NestFactory.create<NestFastifyApplication>(
    TransportsModule,
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  try {
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();

    const res = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hi' }),
    });
    check(res.status === 200, `Fastify POST /chat answered ${res.status}`);
    const body = (await res.json()) as { text?: unknown };
    check(body.text === ANSWER, `Fastify POST /chat text ${JSON.stringify(body.text)}`);

    const stream = await fetch(`${url}/chat/stream?message=hi`);
    const sse = await stream.text();
    check(stream.status === 200, `Fastify GET /chat/stream answered ${stream.status}`);
    check(
      /^text\/event-stream/.test(stream.headers.get('content-type') ?? ''),
      `SSE content-type ${stream.headers.get('content-type')}`,
    );
    const names = [...sse.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    check(
      names[0] === 'start' && names[names.length - 1] === 'finish',
      `SSE events ${names.join(',')}`,
    );
    const deltas = [...sse.matchAll(/^data: (.+)$/gm)]
      .map((match) => JSON.parse(match[1] ?? '{}') as StreamEvent)
      .map((event) => (event.type === 'text-delta' ? event.delta : ''))
      .join('');
    check(deltas === ANSWER, `SSE deltas add up to ${JSON.stringify(deltas)}`);

    const events = await chatOverSocketIo(url, 'hi');
    const types = events.map((event) => event.type);
    check(
      types[0] === 'start' && types[types.length - 1] === 'finish',
      `socket.io events ${types.join(',')}`,
    );
    const wsText = events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
    check(wsText === ANSWER, `socket.io deltas add up to ${JSON.stringify(wsText)}`);

    return `Fastify POST /chat and SSE (${names.length} frames) and a socket.io gateway (${events.length} events) OK`;
  } finally {
    await app.close();
  }
}

checkTransports().then(
  (summary) => console.log(`consumer transports OK: ${summary}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import { request } from 'node:http';
import {
  Controller,
  Module,
  Query,
  Sse,
  type INestApplication,
  type MessageEvent,
} from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IoAdapter } from '@nestjs/platform-socket.io';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { Observable, type Subscriber } from 'rxjs';
import { io } from 'socket.io-client';
import { ChatService, ConduitModule, textDeltas, toSse, toWsEvents, type WsClient } from '../lib';
import type { ChatModel } from '../lib/core/chat-model.interface';
import type { StreamEvent } from '../lib/core/stream-event.types';

/**
 * `npm run bench:transports`: text deltas per second delivered to 1, 10 and 100 concurrent clients
 * of one Nest app, over SSE (Express and Fastify) and socket.io, against the same streams consumed
 * in-process, in the same run. The model is local and fast (DELTAS deltas a stream, BATCH a
 * macrotask, like chunks off a socket), so the figures are the cost of the transport alone.
 * Each cell is the best of PASSES runs.
 */

const DELTAS = Number(process.env['BENCH_DELTAS'] ?? 2_000);
const BATCH = 20;
const PASSES = Math.max(1, Number(process.env['BENCH_PASSES'] ?? 3));
const CONCURRENCY = [1, 10, 100] as const;

/** A local model streaming DELTAS one-word deltas, BATCH per macrotask. */
const benchModel: ChatModel = {
  specificationVersion: 'v1',
  info: () => ({
    provider: 'bench',
    modelId: 'bench',
    capabilities: {
      streaming: true,
      tools: false,
      vision: false,
      jsonMode: false,
      structuredOutput: false,
      reasoning: false,
    },
  }),
  chat: () => Promise.reject(new Error('the transport bench only streams')),
  stream: () =>
    new Observable<StreamEvent>((subscriber) => {
      subscriber.next({ type: 'start', id: 'bench', model: 'bench', warnings: [] });
      let sent = 0;
      let timer: NodeJS.Immediate | undefined;
      const batch = (): void => {
        for (let i = 0; i < BATCH && sent < DELTAS; i++, sent++) {
          subscriber.next({ type: 'text-delta', delta: 'word ' });
        }
        if (sent < DELTAS) timer = setImmediate(batch);
        else finish(subscriber);
      };
      timer = setImmediate(batch);
      return () => clearImmediate(timer);
    }),
};

function finish(subscriber: Subscriber<StreamEvent>): void {
  subscriber.next({
    type: 'finish',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: DELTAS, totalTokens: DELTAS + 1 },
    providerMetadata: {},
  });
  subscriber.complete();
}

@Controller()
class BenchController {
  constructor(private readonly chatService: ChatService) {}

  @Sse('stream')
  stream(@Query('message') message: string): Observable<MessageEvent> {
    return this.chatService.stream(message).pipe(toSse());
  }
}

@WebSocketGateway()
class BenchGateway {
  constructor(private readonly chatService: ChatService) {}

  @SubscribeMessage('chat')
  chat(@ConnectedSocket() client: WsClient, @MessageBody() message: string) {
    return this.chatService.stream(message).pipe(toWsEvents(client));
  }
}

@Module({
  imports: [ConduitModule.forRoot({ models: { default: benchModel }, retry: false })],
  controllers: [BenchController],
  providers: [BenchGateway],
})
class BenchModule {}

/** Deltas received by one SSE client (counted from `event: text-delta` lines). */
function sseClient(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/stream?message=hi`, (res) => {
      let count = 0;
      let tail = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const lines = (tail + chunk).split('\n');
        tail = lines.pop() ?? '';
        for (const line of lines) if (line === 'event: text-delta') count++;
      });
      res.on('end', () => resolve(count));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Deltas received by one socket.io client, until `finish`. */
function socketIoClient(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    let count = 0;
    socket.on('text-delta', () => count++);
    socket.on('finish', () => {
      socket.disconnect();
      resolve(count);
    });
    socket.on('connect_error', reject);
    socket.on('connect', () => socket.emit('chat', 'hi'));
  });
}

/** Deltas seen by one in-process subscriber. */
function inProcessClient(chatService: ChatService): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    chatService
      .stream('hi')
      .pipe(textDeltas())
      .subscribe({ next: () => count++, complete: () => resolve(count), error: reject });
  });
}

/** Deltas a second delivered to `clients` concurrent clients (every client must get them all). */
async function measure(clients: number, run: () => Promise<number>): Promise<number> {
  let best = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const started = process.hrtime.bigint();
    const counts = await Promise.all(Array.from({ length: clients }, run));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (counts.some((c) => c !== DELTAS))
      throw new Error(`a client missed deltas: ${counts.join()}`);
    best = Math.max(best, (clients * DELTAS) / seconds);
  }
  return best;
}

async function startApp(adapter: AbstractHttpAdapter, socketIo = false): Promise<INestApplication> {
  const app = await NestFactory.create(BenchModule, adapter, { logger: false });
  if (socketIo) app.useWebSocketAdapter(new IoAdapter(app));
  await app.listen(0, '127.0.0.1');
  return app;
}

async function urlOf(app: INestApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

async function main(): Promise<void> {
  const rows: Record<string, Record<number, number>> = {};
  const express = await startApp(new ExpressAdapter(), true);
  const fastify = await startApp(new FastifyAdapter());
  try {
    const chatService = express.get(ChatService);
    const expressUrl = await urlOf(express);
    const fastifyUrl = await urlOf(fastify);
    const transports: [string, () => Promise<number>][] = [
      ['in-process', () => inProcessClient(chatService)],
      ['SSE Express', () => sseClient(expressUrl)],
      ['SSE Fastify', () => sseClient(fastifyUrl)],
      ['socket.io', () => socketIoClient(expressUrl)],
    ];
    for (const clients of CONCURRENCY) {
      for (const [name, run] of transports) {
        process.stderr.write(`bench: ${name}, ${clients} client(s)...\n`);
        (rows[name] ??= {})[clients] = await measure(clients, run);
      }
    }
  } finally {
    await express.close();
    await fastify.close();
  }
  const base = rows['in-process'] ?? {};
  const cell = (name: string, clients: number): string => {
    const value = rows[name]?.[clients] ?? 0;
    const ratio = name === 'in-process' ? '' : ` (${(value / (base[clients] ?? 1)).toFixed(2)}x)`;
    return `${Math.round(value).toLocaleString('en-US')}${ratio}`;
  };
  console.log(`node ${process.version}, ${DELTAS} deltas a stream, best of ${PASSES}`);
  console.log(
    `| transport | ${CONCURRENCY.map((c) => `${c} client${c > 1 ? 's' : ''}`).join(' | ')} |`,
  );
  console.log(`| --- | ${CONCURRENCY.map(() => '---:').join(' | ')} |`);
  for (const name of Object.keys(rows)) {
    console.log(`| ${name} | ${CONCURRENCY.map((c) => cell(name, c)).join(' | ')} |`);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

import { request } from 'node:http';
import {
  Controller,
  Module,
  Query,
  Sse,
  UseInterceptors,
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
import {
  ChatService,
  coalesceDeltas,
  ConduitModule,
  SseBatchingInterceptor,
  textDeltas,
  toSse,
  toWsEvents,
  type WsClient,
} from '../lib';
import type { ChatModel } from '../lib/core/chat-model.interface';
import type { StreamEvent } from '../lib/core/stream-event.types';

/**
 * `npm run bench:transports`: text deltas per second delivered to concurrent clients of one Nest
 * app, over SSE (Express and Fastify, plain, with `SseBatchingInterceptor`, and with it and
 * `coalesceDeltas()`) and socket.io (plain and with `coalesceDeltas()`), against the same streams
 * consumed in-process, in the same run. Two models:
 * - unpaced: DELTAS deltas a stream, BATCH a macrotask (like chunks off a socket) with no wait, so
 *   the figures are the cost of the transport alone, to 1, 10 and 100 clients;
 * - paced: PACED_DELTAS deltas a stream, one every PACE_MS (a model's speed), to 100 and 1,000
 *   clients, each delta carrying the time it was sent: the delivery lag (p50 / p99) says whether a
 *   transport keeps up with what models really send.
 * A client counts the deltas a text holds, so a merged delta counts as the deltas it merged.
 * Each cell is the best of PASSES runs.
 */

const DELTAS = Number(process.env['BENCH_DELTAS'] ?? 2_000);
const BATCH = 20;
const PASSES = Math.max(1, Number(process.env['BENCH_PASSES'] ?? 3));
const CONCURRENCY = [1, 10, 100] as const;
const PACED_DELTAS = Number(process.env['BENCH_PACED_DELTAS'] ?? 100);
const PACE_MS = 10;
const PACED_CONCURRENCY = [100, 1_000] as const;

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

/** A model streaming PACED_DELTAS deltas, one every PACE_MS, each the time it was sent. */
const pacedModel: ChatModel = {
  ...benchModel,
  stream: () =>
    new Observable<StreamEvent>((subscriber) => {
      subscriber.next({ type: 'start', id: 'paced', model: 'paced', warnings: [] });
      let sent = 0;
      const timer = setInterval(() => {
        // The send time, which the client turns into a lag (one process, one clock).
        subscriber.next({ type: 'text-delta', delta: `${performance.now()} ` });
        if (++sent === PACED_DELTAS) {
          clearInterval(timer);
          finish(subscriber, PACED_DELTAS);
        }
      }, PACE_MS);
      return () => clearInterval(timer);
    }),
};

function finish(subscriber: Subscriber<StreamEvent>, deltas = DELTAS): void {
  subscriber.next({
    type: 'finish',
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: { inputTokens: 1, outputTokens: deltas, totalTokens: deltas + 1 },
    providerMetadata: {},
  });
  subscriber.complete();
}

@Controller()
class BenchController {
  constructor(private readonly chatService: ChatService) {}

  @Sse('stream')
  stream(@Query('model') model: string): Observable<MessageEvent> {
    return this.chatService.stream('hi', { model }).pipe(toSse());
  }

  @Sse('stream/batched')
  @UseInterceptors(SseBatchingInterceptor)
  batched(@Query('model') model: string): Observable<MessageEvent> {
    return this.chatService.stream('hi', { model }).pipe(toSse());
  }

  @Sse('stream/coalesced')
  @UseInterceptors(SseBatchingInterceptor)
  coalesced(@Query('model') model: string): Observable<MessageEvent> {
    return this.chatService.stream('hi', { model }).pipe(coalesceDeltas(), toSse());
  }
}

@WebSocketGateway()
class BenchGateway {
  constructor(private readonly chatService: ChatService) {}

  @SubscribeMessage('chat')
  chat(@ConnectedSocket() client: WsClient, @MessageBody() model: string) {
    return this.chatService.stream('hi', { model }).pipe(toWsEvents(client));
  }

  @SubscribeMessage('chat-coalesced')
  coalesced(@ConnectedSocket() client: WsClient, @MessageBody() model: string) {
    return this.chatService.stream('hi', { model }).pipe(coalesceDeltas(), toWsEvents(client));
  }
}

@Module({
  imports: [
    ConduitModule.forRoot({ models: { default: benchModel, paced: pacedModel }, retry: false }),
  ],
  controllers: [BenchController],
  providers: [BenchGateway],
})
class BenchModule {}

/** Receives the text of every text-delta a client gets (one delta, or several merged). */
type OnText = (text: string) => void;

/** A client of one transport: streams from `model`, hands every text to `onText`, resolves at the end. */
type Client = (model: string, onText: OnText) => Promise<void>;

const TEXT_DELTA_DATA = 'data: {"type":"text-delta","delta":"';

/** One SSE client of `path`: the deltas of its text-delta frames. */
function sseClient(url: string, path: string): Client {
  return (model, onText) =>
    new Promise((resolve, reject) => {
      const req = request(`${url}${path}?model=${model}`, (res) => {
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const lines = (tail + chunk).split('\n');
          tail = lines.pop() ?? '';
          for (const line of lines) {
            // The bench's deltas need no JSON escapes, so the text ends at the closing `"}`.
            if (line.startsWith(TEXT_DELTA_DATA)) onText(line.slice(TEXT_DELTA_DATA.length, -2));
          }
        });
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
}

/** One socket.io client sending `event`: its text-delta messages, until `finish`. */
function socketIoClient(url: string, event: string): Client {
  return (model, onText) =>
    new Promise((resolve, reject) => {
      const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      socket.on('text-delta', (data: { delta: string }) => onText(data.delta));
      socket.on('finish', () => {
        socket.disconnect();
        resolve();
      });
      socket.on('connect_error', reject);
      socket.on('connect', () => socket.emit(event, model));
    });
}

/** One in-process subscriber. */
function inProcessClient(chatService: ChatService): Client {
  return (model, onText) =>
    new Promise((resolve, reject) => {
      chatService
        .stream('hi', { model })
        .pipe(textDeltas())
        .subscribe({ next: onText, complete: () => resolve(), error: reject });
    });
}

/** Deltas in a text: each of the bench's deltas ends with one space. */
function deltasIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) count++;
  return count;
}

/** Fails the bench unless every client received all `deltas`. */
function checkComplete(counts: number[], deltas: number): void {
  if (counts.some((c) => c !== deltas)) {
    throw new Error(`a client missed deltas: ${[...new Set(counts)].join()}`);
  }
}

/** Deltas a second delivered to `clients` concurrent clients, best of PASSES. */
async function throughput(clients: number, client: Client): Promise<number> {
  let best = 0;
  for (let pass = 0; pass < PASSES; pass++) {
    const counts = new Array<number>(clients).fill(0);
    const started = process.hrtime.bigint();
    await Promise.all(
      counts.map((_, i) => client('default', (text) => (counts[i] += deltasIn(text)))),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    checkComplete(counts, DELTAS);
    best = Math.max(best, (clients * DELTAS) / seconds);
  }
  return best;
}

/**
 * How long the paced model's deltas took from the model to `clients` concurrent clients: p50 / p99
 * in ms over every delta of a pass (each delta is the time it was sent), the pass with the lowest
 * p99 of PASSES.
 */
async function lag(clients: number, client: Client): Promise<string> {
  let best: [number, number] | undefined;
  for (let pass = 0; pass < PASSES; pass++) {
    const counts = new Array<number>(clients).fill(0);
    const lags: number[] = [];
    await Promise.all(
      counts.map((_, i) =>
        client('paced', (text) => {
          const now = performance.now();
          for (const sent of text.split(' ')) {
            if (sent === '') continue;
            counts[i]++;
            lags.push(now - Number(sent));
          }
        }),
      ),
    );
    checkComplete(counts, PACED_DELTAS);
    lags.sort((x, y) => x - y);
    const at = (q: number): number =>
      lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? 0;
    if (best === undefined || at(0.99) < best[1]) best = [at(0.5), at(0.99)];
  }
  return best === undefined ? '' : `${best[0].toFixed(1)} / ${best[1].toFixed(1)}`;
}

/**
 * One table: a cell a transport and a concurrency. A number (deltas a second) is shown with its
 * ratio to the in-process row's number at that concurrency.
 */
async function table(
  clients: [string, Client][],
  concurrency: readonly number[],
  cell: (clients: number, client: Client) => Promise<number | string>,
): Promise<string[]> {
  const rows = new Map<string, string[]>();
  for (const [column, n] of concurrency.entries()) {
    let base = 0;
    for (const [name, client] of clients) {
      process.stderr.write(`bench: ${cell.name}, ${name}, ${n} client(s)...\n`);
      const value = await cell(n, client);
      let text = String(value);
      if (typeof value === 'number') {
        text = Math.round(value).toLocaleString('en-US');
        if (name === 'in-process') base = value;
        else text += ` (${(value / base).toFixed(2)}x)`;
      }
      const cells = rows.get(name) ?? [];
      cells[column] = text;
      rows.set(name, cells);
    }
  }
  const plural = (c: number): string => `${c.toLocaleString('en-US')} client${c > 1 ? 's' : ''}`;
  return [
    `| transport | ${concurrency.map(plural).join(' | ')} |`,
    `| --- | ${concurrency.map(() => '---:').join(' | ')} |`,
    ...[...rows].map(([name, cells]) => `| ${name} | ${cells.join(' | ')} |`),
  ];
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
  const express = await startApp(new ExpressAdapter(), true);
  const fastify = await startApp(new FastifyAdapter());
  let unpaced: string[];
  let paced: string[];
  try {
    const expressUrl = await urlOf(express);
    const fastifyUrl = await urlOf(fastify);
    const clients: [string, Client][] = [
      ['in-process', inProcessClient(express.get(ChatService))],
      ['SSE Express', sseClient(expressUrl, '/stream')],
      ['SSE Express, batched', sseClient(expressUrl, '/stream/batched')],
      ['SSE Fastify', sseClient(fastifyUrl, '/stream')],
      ['SSE Fastify, batched', sseClient(fastifyUrl, '/stream/batched')],
      ['SSE Fastify, batched + coalesceDeltas()', sseClient(fastifyUrl, '/stream/coalesced')],
      ['socket.io', socketIoClient(expressUrl, 'chat')],
      ['socket.io + coalesceDeltas()', socketIoClient(expressUrl, 'chat-coalesced')],
    ];
    unpaced = await table(clients, CONCURRENCY, throughput);
    paced = await table(clients, PACED_CONCURRENCY, lag);
  } finally {
    await express.close();
    await fastify.close();
  }
  console.log(`node ${process.version}, best of ${PASSES}`);
  console.log(
    `\nDeltas a second, unpaced model (${DELTAS} deltas a stream, ${BATCH} a macrotask):\n`,
  );
  console.log(unpaced.join('\n'));
  console.log(
    `\nDelivery lag p50 / p99 in ms, paced model (${PACED_DELTAS} deltas a stream, one every ${PACE_MS} ms):\n`,
  );
  console.log(paced.join('\n'));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

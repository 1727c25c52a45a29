import 'reflect-metadata';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { lastValueFrom } from 'rxjs';
import { ChatService } from '../../lib/chat/chat.service';
import { ConduitModule } from '../../lib/conduit.module';
import type { ChatModel } from '../../lib/core/chat-model.interface';
import type { ConduitInterceptor } from '../../lib/core/conduit-interceptor.interface';
import { CostTrackingInterceptor } from '../../lib/interceptors/built-in/cost-tracking.interceptor';
import { LoggingInterceptor } from '../../lib/interceptors/built-in/logging.interceptor';
import { RetryInterceptor } from '../../lib/interceptors/built-in/retry.interceptor';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { collectStream } from '../../lib/streaming/collect-stream';
import {
  BENCH_MODELS,
  BENCH_PROMPT,
  shapeHeaders,
  type AnswerShape,
  type BenchClient,
  type BenchWire,
} from '../bench-client.types';

/**
 * Drops every line: the benchmark measures what the logging interceptor costs the library, not
 * what the terminal costs.
 */
const silentLogger: LoggerService = {
  log: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};

/** The interceptors of the "with interceptors" variant: retry, logging and cost tracking. */
export function standardInterceptors(): ConduitInterceptor[] {
  return [
    new RetryInterceptor(),
    new LoggingInterceptor({ logger: silentLogger }),
    new CostTrackingInterceptor(),
  ];
}

/** The provider model of the wire, pointed at the fake server. */
export function benchModel(wire: BenchWire, baseUrl: string): ChatModel {
  return wire === 'openai'
    ? new OpenAIChatModel({
        model: BENCH_MODELS.openai,
        apiKey: 'sk-bench',
        baseUrl: `${baseUrl}/openai/v1`,
      })
    : new AnthropicChatModel({
        model: BENCH_MODELS.anthropic,
        apiKey: 'sk-bench',
        baseUrl: `${baseUrl}/anthropic/v1`,
      });
}

/** Starts a real Nest application context with ConduitModule and returns its ChatService. */
export async function startConduit(
  model: ChatModel,
  interceptors: readonly ConduitInterceptor[],
  fallback?: ChatModel,
): Promise<{ app: INestApplicationContext; chat: ChatService }> {
  // With `fallback`: a chain `default -> backup` whose first model is healthy (breakers on).
  const chain =
    fallback === undefined
      ? {}
      : { models: { default: model, backup: fallback }, fallbacks: { default: ['backup'] } };
  const app = await NestFactory.createApplicationContext(
    ConduitModule.forRoot({ models: { default: model }, interceptors, ...chain }),
    { logger: false },
  );
  return { app, chat: app.get(ChatService) };
}

/**
 * nestjs-conduit: every call goes through `ChatService` in a Nest application context, whatever
 * model is behind it (our provider models, or an AI SDK model through `fromAiSdk`).
 */
export class ConduitClient implements BenchClient {
  private constructor(
    private readonly app: INestApplicationContext,
    /** The ChatService of the application context. */
    readonly service: ChatService,
  ) {}

  /**
   * Boots the application context, with or without the standard interceptors, and with or
   * without a fallback chain (`default -> backup`, `default` healthy).
   */
  static async create(
    wire: BenchWire,
    baseUrl: string,
    withInterceptors: boolean,
    withFallback = false,
  ): Promise<ConduitClient> {
    return ConduitClient.start(
      benchModel(wire, baseUrl),
      withInterceptors ? standardInterceptors() : [],
      withFallback ? benchModel(wire, baseUrl) : undefined,
    );
  }

  /** Boots the application context over any model (see `startConduit`). */
  static async start(
    model: ChatModel,
    interceptors: readonly ConduitInterceptor[],
    fallback?: ChatModel,
  ): Promise<ConduitClient> {
    const { app, chat } = await startConduit(model, interceptors, fallback);
    return new ConduitClient(app, chat);
  }

  async chat(): Promise<string> {
    return (await this.service.chat(BENCH_PROMPT, { maxTokens: 1024 })).text;
  }

  stream(shape: AnswerShape, onText: (text: string) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.service
        .stream(BENCH_PROMPT, { maxTokens: 1024, headers: shapeHeaders(shape) })
        .subscribe({
          next: (event) => {
            if (event.type === 'text-delta') onText(event.delta);
          },
          error: reject,
          complete: resolve,
        });
    });
  }

  async collect(shape: AnswerShape): Promise<string> {
    const stream$ = this.service.stream(BENCH_PROMPT, {
      maxTokens: 1024,
      headers: shapeHeaders(shape),
    });
    return (await lastValueFrom(stream$.pipe(collectStream()))).text;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

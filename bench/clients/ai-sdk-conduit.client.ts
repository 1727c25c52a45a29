import type { INestApplicationContext } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import type { ChatService } from '../../lib/chat/chat.service';
import { fromAiSdk } from '../../lib/providers/ai-sdk';
import { collectStream } from '../../lib/streaming/collect-stream';
import {
  BENCH_PROMPT,
  shapeHeaders,
  type AnswerShape,
  type BenchClient,
} from '../bench-client.types';
import { aiSdkBenchModel } from './ai-sdk-direct.client';
import { startConduit } from './conduit.client';

/**
 * nestjs-conduit with `fromAiSdk(@ai-sdk/openai-compatible model)` as its default model: every
 * call goes through ChatService, the adapter and the AI SDK provider, as a user's would.
 */
export class AiSdkConduitClient implements BenchClient {
  private constructor(
    private readonly app: INestApplicationContext,
    private readonly service: ChatService,
  ) {}

  /** Boots the application context with the adapted AI SDK model, no interceptors. */
  static async create(baseUrl: string): Promise<AiSdkConduitClient> {
    const { app, chat } = await startConduit(fromAiSdk(aiSdkBenchModel(baseUrl)), []);
    return new AiSdkConduitClient(app, chat);
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

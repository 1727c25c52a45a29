import { Test, type TestingModule } from '@nestjs/testing';
import { lastValueFrom, type Observable } from 'rxjs';
import { ChatService } from '../../lib/chat/chat.service';
import { ConduitModule } from '../../lib/conduit.module';
import type { ChatModel } from '../../lib/core/chat-model.interface';
import type { ConduitInterceptor } from '../../lib/core/conduit-interceptor.interface';
import type { EmbeddingModel } from '../../lib/core/embedding-model.interface';
import type { RetrySetting } from '../../lib/core/retry-options.types';
import type { StreamEvent } from '../../lib/core/stream-event.types';
import { AnthropicChatModel } from '../../lib/providers/anthropic/anthropic-chat-model';
import { OpenAIChatModel } from '../../lib/providers/openai/openai-chat-model';
import { OpenAIEmbeddingModel } from '../../lib/providers/openai/openai-embedding-model';
import { collectStream } from '../../lib/streaming/collect-stream';

/** The two provider wires every fault is played on. */
export type FaultWire = 'openai' | 'anthropic';
export const FAULT_WIRES: readonly FaultWire[] = ['openai', 'anthropic'];

/** The API key the models send; tests check it never leaks. */
export const FAULT_API_KEY = 'sk-fault-0123456789abcdef';

/** A clean recorded answer of the wire, JSON or SSE. */
export function okFixture(wire: FaultWire, stream: boolean): string {
  if (wire === 'openai') return stream ? 'openai/chat-text.stream.txt' : 'openai/chat-text.json';
  return stream ? 'anthropic/messages-text.stream.txt' : 'anthropic/messages-text.json';
}

/** Model settings the tests may add (e.g. `maxResponseBytes`). */
export interface FaultModelExtras {
  readonly maxResponseBytes?: number;
  readonly maxConnections?: number;
  readonly timeoutMs?: number;
}

/** The wire's chat model pointed at `baseUrl` (the replay server's `baseUrl`, `http://127.0.0.1:N/v1`). */
export function chatModelFor(
  wire: FaultWire,
  baseUrl: string,
  extras: FaultModelExtras = {},
): ChatModel {
  return wire === 'openai'
    ? new OpenAIChatModel({ model: 'gpt-4o', apiKey: FAULT_API_KEY, baseUrl, ...extras })
    : new AnthropicChatModel({
        model: 'claude-sonnet-4-5',
        apiKey: FAULT_API_KEY,
        baseUrl,
        ...extras,
      });
}

/** OpenAI's embedding model pointed at `baseUrl`. */
export function embeddingModelFor(baseUrl: string, extras: FaultModelExtras = {}): EmbeddingModel {
  return new OpenAIEmbeddingModel({
    model: 'text-embedding-3-small',
    apiKey: FAULT_API_KEY,
    baseUrl,
    ...extras,
  });
}

/** A ChatService inside a real Nest testing module. */
export interface FaultConduit {
  readonly chat: ChatService;
  close(): Promise<void>;
}

/**
 * Compiles `ConduitModule.forRoot` around the given models and interceptors, with the built-in
 * retry off unless `retry` is given.
 */
export async function startConduit(
  model: ChatModel,
  options: {
    embed?: EmbeddingModel;
    interceptors?: readonly ConduitInterceptor[];
    retry?: RetrySetting;
  } = {},
): Promise<FaultConduit> {
  const module: TestingModule = await Test.createTestingModule({
    imports: [
      ConduitModule.forRoot({
        models: { default: model },
        ...(options.embed !== undefined && { embeddingModels: { default: options.embed } }),
        ...(options.interceptors !== undefined && { interceptors: options.interceptors }),
        // Off unless asked: each fault must reach the caller from one request (the retry
        // suites pass their own RetryInterceptor or `retry`).
        retry: options.retry ?? false,
      }),
    ],
  }).compile();
  return { chat: module.get(ChatService), close: () => module.close() };
}

/** What a stream delivered before it ended: its events, and its error when it failed. */
export interface StreamOutcome {
  readonly events: StreamEvent[];
  readonly text: string;
  readonly error: unknown;
}

/** Subscribes and records every event until the stream completes or fails. */
export function runStream(stream$: Observable<StreamEvent>): Promise<StreamOutcome> {
  const events: StreamEvent[] = [];
  return new Promise((resolve) => {
    const done = (error: unknown): void => {
      const text = events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
      resolve({ events, text, error });
    };
    stream$.subscribe({
      next: (event) => events.push(event),
      error: (error: unknown) => done(error),
      complete: () => done(undefined),
    });
  });
}

/** The full text of a stream collected the normal way (for reference answers). */
export async function collectedText(stream$: Observable<StreamEvent>): Promise<string> {
  return (await lastValueFrom(stream$.pipe(collectStream()))).text;
}

/** The settled error of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** How many resources of a kind keep the event loop alive (`TCPSocketWrap`, `Timeout`...). */
export function activeCount(kind: string): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === kind).length;
}

/**
 * Lets pending socket closes run (they need a few event-loop turns after the server closed its
 * side), then returns the number of open client sockets. Bounded: at most 100 event-loop turns.
 */
export async function settledSocketCount(baseline: number): Promise<number> {
  // Event-loop turns, not wall-clock time: a destroyed socket is gone after its close callback, a
  // loop turn or two later, however loaded the machine; a socket that needs a timer to close (a
  // leak waiting for a keep-alive timeout) is still counted.
  for (let turn = 0; turn < 100 && activeCount('TCPSocketWrap') > baseline; turn++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return activeCount('TCPSocketWrap');
}

/** Collects unhandled rejections for the lifetime of a spec file. */
export function trackUnhandledRejections(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { seen, stop: () => process.off('unhandledRejection', listener) };
}

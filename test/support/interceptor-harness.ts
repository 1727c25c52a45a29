import { Observable, of, throwError } from 'rxjs';
import type {
  CallHandler,
  CallOutput,
  ChatCallContext,
  ChatRequest,
  ChatResponse,
  ConduitCallContext,
  EmbedCallContext,
  ModelInfo,
  StreamCallContext,
  StreamEvent,
  Usage,
} from '../../lib/core';

/** Builds test contexts and a scripted "rest of the chain" for driving one interceptor directly. */

export const TEST_MODEL_INFO: ModelInfo = {
  provider: 'openai',
  modelId: 'gpt-4o-mini',
  capabilities: {
    streaming: true,
    tools: true,
    vision: true,
    jsonMode: true,
    structuredOutput: true,
    reasoning: false,
    maxContextTokens: 128_000,
    maxOutputTokens: 16_384,
  },
  pricing: {
    inputPerMillion: 0.15,
    outputPerMillion: 0.6,
    cacheReadPerMillion: 0.075,
    asOf: '2026-11-01',
  },
};

const DEFAULT_REQUEST: ChatRequest = { messages: [{ role: 'user', content: 'Hello' }] };

/** A chat context (alias `default`, gpt-4o-mini with prices, a fresh signal). */
export function chatContext(overrides: Partial<ChatCallContext> = {}): ChatCallContext {
  return {
    kind: 'chat',
    alias: 'default',
    modelInfo: TEST_MODEL_INFO,
    metadata: new Map(),
    signal: new AbortController().signal,
    request: DEFAULT_REQUEST,
    ...overrides,
  };
}

/** A stream context, same defaults as `chatContext`. */
export function streamContext(overrides: Partial<StreamCallContext> = {}): StreamCallContext {
  return {
    kind: 'stream',
    alias: 'default',
    modelInfo: TEST_MODEL_INFO,
    metadata: new Map(),
    signal: new AbortController().signal,
    request: DEFAULT_REQUEST,
    ...overrides,
  };
}

/** An embed context. */
export function embedContext(overrides: Partial<EmbedCallContext> = {}): EmbedCallContext {
  return {
    kind: 'embed',
    alias: 'default',
    modelInfo: { ...TEST_MODEL_INFO, modelId: 'text-embedding-3-small' },
    metadata: new Map(),
    signal: new AbortController().signal,
    request: { texts: ['a', 'b'] },
    ...overrides,
  };
}

export const USAGE: Usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

/** A complete chat answer. */
export function chatResponse(text = 'Hi!', usage: Usage = USAGE): ChatResponse {
  return {
    id: 'resp-1',
    model: 'gpt-4o-mini',
    text,
    content: [{ type: 'text', text }],
    toolCalls: [],
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage,
    message: { role: 'assistant', content: text },
    warnings: [],
    providerMetadata: {},
  };
}

/** The events of a streamed answer made of `deltas`. */
export function streamEvents(
  deltas: readonly string[] = ['Hel', 'lo'],
  usage: Usage = USAGE,
): StreamEvent[] {
  return [
    { type: 'start', id: 'resp-1', model: 'gpt-4o-mini', warnings: [] },
    ...deltas.map((delta): StreamEvent => ({ type: 'text-delta', delta })),
    { type: 'usage', usage },
    { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage, providerMetadata: {} },
  ];
}

/** What the fake model at the end of the chain saw on one call. */
export interface RecordedCall {
  readonly request: unknown;
  readonly signal: AbortSignal;
  /** Whether its signal fired or its output was unsubscribed before it ended. */
  cancelled: boolean;
}

/** One scripted answer: given the call's signal, the output of the model. */
export type ScriptStep = (signal: AbortSignal) => Observable<CallOutput>;

/** The model at the end of the chain, scripted call by call; records what each call saw. */
export class ScriptedHandler implements CallHandler {
  readonly calls: RecordedCall[] = [];

  constructor(
    private readonly context: ConduitCallContext,
    private readonly steps: readonly ScriptStep[],
  ) {}

  handle(): Observable<CallOutput> {
    return new Observable<CallOutput>((subscriber) => {
      const index = this.calls.length;
      const step = this.steps[Math.min(index, this.steps.length - 1)];
      const signal = this.context.signal;
      const call: RecordedCall = {
        request: 'request' in this.context ? this.context.request : this.context.toolCall,
        signal,
        cancelled: false,
      };
      this.calls.push(call);
      if (step === undefined) throw new Error('ScriptedHandler: no steps');
      const onAbort = (): void => {
        call.cancelled = true;
      };
      signal.addEventListener('abort', onAbort, { once: true });
      let ended = false;
      const inner = step(signal).subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => {
          ended = true;
          subscriber.error(error);
        },
        complete: () => {
          ended = true;
          subscriber.complete();
        },
      });
      return () => {
        if (!ended) call.cancelled = true;
        signal.removeEventListener('abort', onAbort);
        inner.unsubscribe();
      };
    });
  }
}

/** Answers `value` at once. */
export const answer =
  (value: CallOutput): ScriptStep =>
  () =>
    of(value);

/** Emits `values` at once, in order. */
export const emit =
  (values: readonly CallOutput[]): ScriptStep =>
  () =>
    of(...values);

/** Fails with `error` at once. */
export const fail =
  (error: unknown): ScriptStep =>
  () =>
    throwError(() => error);

/**
 * Emits `values` one every `everyMs` (timers, so fake timers drive it) and fails with the abort
 * reason when the signal fires, the way a provider does.
 */
export const slow =
  (values: readonly CallOutput[], everyMs: number): ScriptStep =>
  (signal) =>
    new Observable<CallOutput>((subscriber) => {
      let index = 0;
      let timer: ReturnType<typeof setTimeout>;
      const tick = (): void => {
        const value = values[index++];
        if (value !== undefined) subscriber.next(value);
        if (index >= values.length) subscriber.complete();
        else timer = setTimeout(tick, everyMs);
      };
      timer = setTimeout(tick, everyMs);
      const onAbort = (): void => {
        clearTimeout(timer);
        subscriber.error(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      return () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
    });

/** Never answers; fails with the abort reason when the signal fires. */
export const hang: ScriptStep = (signal) =>
  new Observable<CallOutput>((subscriber) => {
    const onAbort = (): void => subscriber.error(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  });

/** Subscribes and records everything the output does. */
export function observe<T>(source: Observable<T>): {
  values: T[];
  error: unknown;
  completed: boolean;
  unsubscribe: () => void;
} {
  const state = {
    values: [] as T[],
    error: undefined as unknown,
    completed: false,
    unsubscribe: () => undefined as void,
  };
  const subscription = source.subscribe({
    next: (value) => state.values.push(value),
    error: (error: unknown) => {
      state.error = error;
    },
    complete: () => {
      state.completed = true;
    },
  });
  state.unsubscribe = () => subscription.unsubscribe();
  return state;
}

import {
  concat,
  lastValueFrom,
  map,
  Observable,
  of,
  switchMap,
  throwError,
  timer,
  type ObservableInput,
} from 'rxjs';
import { failOnAbort } from '../chat/model-calls';
import type { ChatModel } from '../core/chat-model.interface';
import type { ChatRequest } from '../core/chat-options.types';
import type { ChatResponse } from '../core/chat-response.types';
import type { ModelInfo } from '../core/model-info.types';
import type { StreamEvent } from '../core/stream-event.types';
import { buildMockAnswer, closingEvents } from './mock-answer';
import type { MockChatModelOptions, MockResponse } from './mock-response.types';

function later<T>(delayMs: number, value: T): Observable<T> {
  return delayMs > 0 ? timer(delayMs).pipe(map(() => value)) : of(value);
}

/**
 * A scripted `ChatModel` for tests: answers from `responses` (in order) or `respond`, records every
 * request, and streams like a real provider (`start`, text deltas, tool-call events, `usage`,
 * `finish`). It honours `request.signal` (failing with its reason when a ConduitError, else
 * AbortedError) and counts streams torn down before they finished (`cancelledCalls`).
 *
 * @example
 * const model = new MockChatModel({ responses: ['Hello!', MockResponses.rateLimited(500)] });
 * await model.chat({ messages: [{ role: 'user', content: 'Hi' }] }); // text 'Hello!'
 * model.requests[0].messages; // what the caller sent
 */
export class MockChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  private readonly recorded: ChatRequest[] = [];
  private cancelled = 0;

  constructor(private readonly options: MockChatModelOptions = {}) {}

  /** Every request received, in order (`chat` and `stream`; a stream is recorded when subscribed). */
  get requests(): readonly ChatRequest[] {
    return this.recorded;
  }

  /** How many calls were made. */
  get calls(): number {
    return this.recorded.length;
  }

  /** The last request received, if any. */
  get lastRequest(): ChatRequest | undefined {
    return this.recorded[this.recorded.length - 1];
  }

  /** Streams unsubscribed and calls aborted before they finished. */
  get cancelledCalls(): number {
    return this.cancelled;
  }

  /** The mock's identity and capabilities (settable in its options). */
  info(): ModelInfo {
    return {
      provider: this.options.provider ?? 'mock',
      modelId: this.modelId,
      capabilities: {
        streaming: true,
        tools: true,
        vision: true,
        pdf: true,
        audio: true,
        jsonMode: true,
        structuredOutput: true,
        reasoning: false,
        parallelToolCalls: true,
        ...this.options.capabilities,
      },
    };
  }

  /** Resolves with the next scripted answer (after `delayMs`), or rejects with its `error`. */
  async chat(request: ChatRequest): Promise<ChatResponse> {
    const { script, callNumber } = this.take(request);
    const answer$ = later(script.delayMs ?? 0, script).pipe(
      switchMap(({ error }) =>
        error === undefined
          ? of(buildMockAnswer(script, request, callNumber, this.modelId).response)
          : throwError(() => error),
      ),
    );
    return lastValueFrom(this.tracked(answer$, request.signal));
  }

  /** A cold stream of the next scripted answer; nothing is recorded until it is subscribed. */
  stream(request: ChatRequest): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      let events$: Observable<StreamEvent>;
      try {
        const { script, callNumber } = this.take(request);
        events$ = this.events(script, request, callNumber);
      } catch (error: unknown) {
        subscriber.error(error);
        return undefined;
      }
      return this.tracked(events$, request.signal).subscribe(subscriber);
    });
  }

  private get modelId(): string {
    return this.options.modelId ?? 'mock-model';
  }

  /** Records the request and picks its script entry; an exhausted script throws, naming the call. */
  private take(request: ChatRequest): { script: MockResponse; callNumber: number } {
    this.recorded.push(request);
    const callIndex = this.recorded.length - 1;
    const entry = this.options.respond
      ? this.options.respond(request, callIndex)
      : this.options.responses?.[callIndex];
    if (entry === undefined) {
      const size = this.options.responses?.length ?? 0;
      throw new Error(
        `MockChatModel: no response scripted for call #${callIndex + 1}; the script has ${size} response(s). Add responses or pass respond(request, callIndex).`,
      );
    }
    return {
      script: typeof entry === 'string' ? { text: entry } : entry,
      callNumber: callIndex + 1,
    };
  }

  private events(
    script: MockResponse,
    request: ChatRequest,
    callNumber: number,
  ): Observable<StreamEvent> {
    const { response, chunks } = buildMockAnswer(script, request, callNumber, this.modelId);
    const delayMs = script.delayMs ?? 0;
    const failAt = script.error === undefined ? undefined : (script.errorAfterChunks ?? -1);
    if (failAt === -1) return throwError(() => script.error);
    const steps: ObservableInput<StreamEvent>[] = [
      of<StreamEvent>({ type: 'start', id: response.id, model: response.model, warnings: [] }),
    ];
    chunks.forEach((delta, index) => {
      if (index === failAt) steps.push(throwError(() => script.error));
      steps.push(later<StreamEvent>(delayMs, { type: 'text-delta', delta }));
    });
    steps.push(failAt === undefined ? closingEvents(response) : throwError(() => script.error));
    return concat(...steps);
  }

  /** Honours the request's signal and counts teardowns that happen before the call settled. */
  private tracked<T>(source: Observable<T>, signal: AbortSignal | undefined): Observable<T> {
    const guarded = signal === undefined ? source : source.pipe(failOnAbort(signal));
    return new Observable<T>((subscriber) => {
      let settled = false;
      const subscription = guarded.subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => {
          settled = true;
          if (signal?.aborted === true) this.cancelled += 1;
          subscriber.error(error);
        },
        complete: () => {
          settled = true;
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        if (!settled) this.cancelled += 1;
      };
    });
  }
}

import { Inject, Injectable, type Type } from '@nestjs/common';
import { defer, from, Observable, switchMap } from 'rxjs';
import { CONDUIT_OPTIONS, DEFAULT_MODEL_ALIAS, DEFAULT_TIMEOUT_MS } from '../conduit.constants';
import type { CallOutput, ChatCallContext, EmbedCallContext } from '../core/call-context.types';
import type { CallAbort } from '../core/call-abort';
import type { ChatRequest } from '../core/chat-options.types';
import type { ChatResponse } from '../core/chat-response.types';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';
import type { EmbeddingResponse } from '../core/embedding-model.interface';
import { AbortedError } from '../core/errors/aborted.error';
import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import type { Message } from '../core/message.types';
import type { StreamEvent } from '../core/stream-event.types';
import { runInterceptorChain } from '../interceptors/interceptor-chain';
import {
  InterceptorRegistry,
  type ResolvedInterceptors,
} from '../interceptors/interceptor-registry';
import { ModelRegistry } from '../models/model-registry';
import { InFlightCalls } from '../ops/in-flight-calls';
import { hideSecrets } from '../core/hide-secrets';
import type { JsonSchema } from '../core/json-schema.types';
import { buildChatRequest, buildEmbedRequest } from './build-requests';
import { createCallSignal, sendCancellable, type CallSignal } from './call-signal';
import { ChatConversationPort } from './chat-conversation.port';
import type { ChatModuleOptions } from './chat-module-options.types';
import type { ChatOptions, EmbedOptions } from './chat-options.types';
import { ChatObjectPort } from './chat-object.port';
import { BuiltInRetries } from './built-in-retries';
import { ChatCallScope } from './chat-call-scope';
import { chatWithContext, type ChatWithContext } from './chat-with-context';
import { checkContentSupport } from './check-content-support';
import { chatWithFallbacks, embedWithFallbacks, streamAlongFallbacks } from './fallback-calls';
import { FallbackChain } from './fallback-chain';
import { callFallbackIssues } from './validate-fallback-options';
import type { GenerateObjectOptions } from './generate-object-options.types';
import { toAbortError } from './abort-error';
import { cancellationOf, ModelCallContext } from './model-call-context';
import { runModelCall, type ModelInvoker } from './model-calls';

/**
 * The users' door to the models: `chat`, `stream` and `embed`, each run through the interceptors
 * (global, then the model's, then the call's) with a timeout and the caller's `AbortSignal`.
 * Inputs are validated before anything is sent; a problem throws `ConduitValidationError`, and a
 * part the model cannot take (an image, file or audio its capabilities lack) throws
 * `UnsupportedContentError`.
 *
 * @example
 * const answer = await chatService.chat('What is NestJS?', { temperature: 0.2 });
 * chatService.stream(messages).pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly models: ModelRegistry,
    private readonly interceptors: InterceptorRegistry,
    @Inject(CONDUIT_OPTIONS) private readonly options: ChatModuleOptions,
    // The features above this floor plug in here (ConduitModule provides both): conversation
    // memory (lib/memory) for `conversationId`, structured output (lib/structured) for
    // `generateObject`.
    private readonly conversations: ChatConversationPort,
    private readonly objects: ChatObjectPort,
    // This application's running calls, drained or aborted by its own shutdown (lib/ops).
    private readonly inFlight: InFlightCalls,
    // Fallback chains and their circuit breakers (only for aliases that have fallbacks).
    private readonly fallbacks: FallbackChain,
  ) {
    // The options hold the models' API keys: a logged ChatService must not print them.
    hideSecrets(this, 'options');
  }

  /**
   * Sends the conversation (a string is one user message) and resolves with the whole answer.
   * Rejects with a `ConduitError` subclass: `TimeoutError`, `AbortedError`, provider errors...
   */
  async chat(
    messages: string | readonly Message[],
    options: ChatOptions = {},
  ): Promise<ChatResponse> {
    if (options.conversationId !== undefined) {
      // Memory: history before the input, input + answer saved after a success.
      const { conversationId, ...callOptions } = options;
      return this.conversations.chat(conversationId, messages, (all) =>
        this.chat(all, callOptions),
      );
    }
    const alias = options.model ?? DEFAULT_MODEL_ALIAS;
    const fallbacks = this.fallbacks.fallbacksOf('chat', alias, options.fallbacks);
    if (fallbacks !== undefined) {
      if (options.fallbacks !== undefined) this.checkCallFallbacks('chat', alias, fallbacks);
      // Each try goes straight to its alias with the call's options: no options object is copied
      // a try (a spread with properties added after it is V8's slow path).
      return chatWithFallbacks(this.fallbacks, alias, fallbacks, options, (model, metadata) =>
        this.chatTo(model, messages, options, metadata),
      );
    }
    return this.chatTo(alias, messages, options, options.metadata);
  }

  /** One chat call to `alias` (a whole call, or one try of a fallback chain). */
  private chatTo(
    alias: string,
    messages: string | readonly Message[],
    options: ChatOptions,
    metadata: Map<string, unknown> | undefined,
  ): Promise<ChatResponse> {
    const request = buildChatRequest(messages, options);
    const model = this.models.getChatModel(alias);
    checkContentSupport(request.messages, model.info());
    return this.runCall(
      'chat',
      alias,
      options,
      (call): ChatCallContext =>
        new ModelCallContext('chat', alias, model.info(), metadata, request, call),
      (ctx, abort) => sendCancellable(model, ctx.request, abort, (r, a) => model.chat(r, a)),
    );
  }

  /**
   * The answer as a COLD stream of `StreamEvent`s (`start`, deltas, tool calls, `usage`, `finish`):
   * nothing is sent until it is subscribed, each subscription is a new call, and unsubscribing
   * aborts the HTTP request. Problems, validation included, arrive as the Observable's error.
   */
  stream(
    messages: string | readonly Message[],
    options: ChatOptions = {},
  ): Observable<StreamEvent> {
    if (options.conversationId !== undefined) {
      // Memory: saved on `finish`, or what was received if aborted (marked).
      const { conversationId, ...callOptions } = options;
      return this.conversations.stream(conversationId, messages, (all) =>
        this.stream(all, callOptions),
      );
    }
    const alias = options.model ?? DEFAULT_MODEL_ALIAS;
    const fallbacks = this.fallbacks.fallbacksOf('chat', alias, options.fallbacks);
    if (fallbacks !== undefined) {
      const along = (): Observable<StreamEvent> =>
        streamAlongFallbacks(this.fallbacks, alias, fallbacks, options, (model, metadata) =>
          this.streamTo(model, messages, options, metadata),
        );
      if (options.fallbacks === undefined) return along();
      // Problems arrive as the Observable's error, like every other validation of a stream.
      return defer(() => {
        this.checkCallFallbacks('chat', alias, fallbacks);
        return along();
      });
    }
    return this.streamTo(alias, messages, options, options.metadata);
  }

  /** One stream from `alias` (a whole call, or one try of a fallback chain). */
  private streamTo(
    alias: string,
    messages: string | readonly Message[],
    options: ChatOptions,
    metadata: Map<string, unknown> | undefined,
  ): Observable<StreamEvent> {
    return defer(() => {
      const request = buildChatRequest(messages, options);
      checkContentSupport(request.messages, this.models.getChatModel(alias).info());
      const run = (resolved: ResolvedInterceptors): Observable<StreamEvent> =>
        this.runStream(
          request,
          alias,
          this.chainOf(resolved, 'chat', alias, options),
          options,
          metadata,
        );
      // Once the interceptors are resolved (every call after the first), no operator in between.
      const current = this.interceptors.current;
      return current === undefined
        ? from(this.interceptors.resolve()).pipe(switchMap(run))
        : run(current);
    });
  }

  /** A call's own `fallbacks`: configured aliases, none twice (the module's are checked at bootstrap). */
  private checkCallFallbacks(
    kind: 'chat' | 'embedding',
    alias: string,
    fallbacks: readonly string[],
  ): void {
    const known = kind === 'chat' ? this.models.chatAliases() : this.models.embeddingAliases();
    const issues = callFallbackIssues(fallbacks, alias, known);
    if (issues.length > 0) throw new ConduitValidationError(issues, INVALID_CALL_FALLBACKS);
  }

  /**
   * Interceptors (lib/interceptors): `chat`, plus what the interceptor chain did, for debugging:
   * the request as the model received it (after every interceptor), one request per attempt, the
   * model errors interceptors handled (retried, replaced), and the interceptors' metadata.
   */
  chatWithContext(
    messages: string | readonly Message[],
    options: ChatOptions = {},
  ): Promise<ChatWithContext> {
    return chatWithContext((m, o) => this.chat(m, o), messages, options);
  }

  /** Embeds the texts (a string is one text) with the embedding model `options.model` (default `default`). */
  async embed(
    texts: string | readonly string[],
    options: EmbedOptions = {},
  ): Promise<EmbeddingResponse> {
    const alias = options.model ?? DEFAULT_MODEL_ALIAS;
    const fallbacks = this.fallbacks.fallbacksOf('embedding', alias, options.fallbacks);
    if (fallbacks !== undefined) {
      if (options.fallbacks !== undefined) this.checkCallFallbacks('embedding', alias, fallbacks);
      return embedWithFallbacks(this.fallbacks, alias, fallbacks, options, (model, metadata) =>
        this.embedWith(model, texts, options, metadata),
      );
    }
    return this.embedWith(alias, texts, options, options.metadata);
  }

  /** One embedding call to `alias` (a whole call, or one try of a fallback chain). */
  private embedWith(
    alias: string,
    texts: string | readonly string[],
    options: EmbedOptions,
    metadata: Map<string, unknown> | undefined,
  ): Promise<EmbeddingResponse> {
    const request = buildEmbedRequest(texts, options);
    const model = this.models.getEmbeddingModel(alias);
    return this.runCall(
      'embedding',
      alias,
      options,
      (call): EmbedCallContext =>
        new ModelCallContext('embed', alias, model.info(), metadata, request, call),
      (ctx, abort) => sendCancellable(model, ctx.request, abort, (r, a) => model.embed(r, a)),
    );
  }

  /**
   * Structured output (lib/structured): asks the model for an object of `options.schema` (a
   * class-validator DTO class or a JSON Schema) and resolves with it validated, a DTO instance for
   * a class. Uses native JSON-schema output, a forced tool call or JSON mode as the model's
   * capabilities allow; an invalid answer is sent back for correction up to `maxRetries` times
   * (default 2), then `StructuredOutputError` (raw text, issues, usage). `StructuredOutputService`
   * has the details, extraction, classification and the streamed variant.
   *
   * @example
   * const person = await chatService.generateObject('Invent a person', { schema: PersonDto });
   */
  async generateObject<T extends object>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<Type<T>>,
  ): Promise<T>;
  async generateObject<T = Record<string, unknown>>(
    messages: string | readonly Message[],
    options: GenerateObjectOptions<JsonSchema>,
  ): Promise<T>;
  async generateObject(
    messages: string | readonly Message[],
    options: GenerateObjectOptions,
  ): Promise<unknown> {
    return this.objects.generateObject(this, messages, options);
  }

  private runStream(
    request: ChatRequest,
    alias: string,
    chain: readonly ConduitInterceptor[],
    options: ChatOptions,
    metadata: Map<string, unknown> | undefined,
  ): Observable<StreamEvent> {
    const model = this.models.getChatModel(alias);
    return new Observable<StreamEvent>((subscriber) => {
      const call = createCallSignal(options.signal, this.timeoutOf(options.timeoutMs));
      if (call.aborted) {
        call.dispose();
        subscriber.error(toAbortError(call.reason));
        return undefined;
      }
      let release: () => void;
      try {
        release = this.inFlight.add(call);
      } catch (error: unknown) {
        // The application is shutting down: no new stream opens a socket.
        call.dispose();
        subscriber.error(error);
        return undefined;
      }
      let finished = false;
      // The timeout or the caller's abort fails the stream at once (the teardown below then
      // unsubscribes the model stream), even when an interceptor or the model ignores the signal.
      call.addListener((reason) => {
        if (!finished) subscriber.error(toAbortError(reason));
      });
      const send = (request: ChatRequest, abort?: CallAbort): Observable<StreamEvent> =>
        model.stream(request, abort);
      const source$ =
        chain.length === 0
          ? sendCancellable(model, request, call, send)
          : runInterceptorChain(
              chain,
              new ModelCallContext('stream', alias, model.info(), metadata, request, call),
              (ctx) => sendCancellable(model, ctx.request, cancellationOf(ctx), send),
            );
      const subscription = source$.subscribe({
        next: (event) => subscriber.next(event),
        error: (error: unknown) => {
          finished = true;
          subscriber.error(error);
        },
        complete: () => {
          finished = true;
          subscriber.complete();
        },
      });
      return () => {
        // Unsubscribing tears the model stream down (its HTTP request is aborted); the abort
        // tells interceptors that listen on `context.signal` too.
        subscription.unsubscribe();
        if (!finished) {
          finished = true;
          call.abort(new AbortedError('The stream was unsubscribed before it finished.'));
        }
        call.dispose();
        release();
      };
    });
  }

  /**
   * One chat or embed call through its interceptor chain, bounded by the call's signal (the
   * caller's signal and the timeout); the model call is aborted when the chain lets go of it.
   */
  private async runCall<C extends ChatCallContext | EmbedCallContext, T extends CallOutput>(
    kind: 'chat' | 'embedding',
    alias: string,
    options: ChatOptions | EmbedOptions,
    contextOf: (call: CallSignal) => C,
    invoke: ModelInvoker<C, T>,
  ): Promise<T> {
    // Awaited only before the first call resolved them: an await costs a turn of the microtask queue.
    const resolved = this.interceptors.current ?? (await this.interceptors.resolve());
    const chain = this.chainOf(resolved, kind, alias, options);
    const call = createCallSignal(options.signal, this.timeoutOf(options.timeoutMs));
    let release: () => void;
    try {
      release = this.inFlight.add(call);
    } catch (error: unknown) {
      // The application is shutting down: no new call opens a socket.
      call.dispose();
      throw error;
    }
    try {
      return await runModelCall(chain, contextOf(call), call, invoke);
    } finally {
      release();
    }
  }

  /**
   * The interceptors of one call: global, per model, the built-in retry (`BuiltInRetries`: left
   * out when one of the others is a `RetryInterceptor`), the current `ChatCallScope`'s, per call.
   */
  private chainOf(
    resolved: ResolvedInterceptors,
    kind: 'chat' | 'embedding',
    alias: string,
    options: ChatOptions | EmbedOptions,
  ): readonly ConduitInterceptor[] {
    const perModel = (kind === 'chat' ? resolved.chat : resolved.embedding).get(alias) ?? NONE;
    this.retries ??= new BuiltInRetries(this.options);
    const perCall = options.interceptors ?? NONE;
    // A `ChatCallScope` (e.g. `@UseGuardrails()` on the route being handled) adds its own first.
    const scoped = kind === 'chat' ? ChatCallScope.interceptors() : undefined;
    return this.retries.chainOf(
      kind,
      alias,
      resolved.global,
      perModel,
      scoped === undefined ? perCall : [...scoped, ...perCall],
      options.retry,
    );
  }

  /** Made on the first call, from the module options. */
  private retries: BuiltInRetries | undefined;

  private timeoutOf(perCall: number | undefined): number {
    return perCall ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }
}

/** No interceptors: one shared empty list instead of a new array a call. */
const NONE: readonly ConduitInterceptor[] = [];

/** The title of a call whose own `fallbacks` name unknown or repeated aliases. */
const INVALID_CALL_FALLBACKS = 'Invalid fallbacks of the call';

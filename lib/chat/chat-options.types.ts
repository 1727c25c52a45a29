import type { CallSettings } from '../core/chat-options.types';
import type { ConduitInterceptor } from '../core/conduit-interceptor.interface';
import type { RetrySetting } from '../core/retry-options.types';
import type { ErrorClass } from './fallback-options.types';

/** Options of `ChatService.chat` and `ChatService.stream`: generation settings plus call controls. */
export interface ChatOptions extends CallSettings {
  /** Alias of the chat model to use. Defaults to `default`. */
  readonly model?: string;
  /** Aborts the call; the call then fails with the signal's reason when it is a ConduitError, else with `AbortedError`. */
  readonly signal?: AbortSignal;
  /**
   * Overall timeout of this call (a whole stream included), in milliseconds; the module's
   * `timeoutMs` otherwise. `0` disables it. When it fires the HTTP request is cancelled and the call
   * fails with `TimeoutError`.
   */
  readonly timeoutMs?: number;
  /** Interceptors for this call only, innermost (closest to the model). Instances, not classes. */
  readonly interceptors?: readonly ConduitInterceptor[];
  /**
   * The built-in retry for this call only (replaces the module's and the model's): `false` turns
   * it off, an object sets it (`{ maxRetries: 5 }`). Ignored when the call's interceptors include a
   * `RetryInterceptor`.
   */
  readonly retry?: RetrySetting;
  /**
   * The call's `context.metadata`. Pass your own Map to read what the interceptors noted (retry
   * count, cost, cache hit...) once the call has settled; a new Map is used otherwise.
   */
  readonly metadata?: Map<string, unknown>;
  /** Extra HTTP headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Memory (lib/memory): the conversation this call belongs to. Its history (per the memory
   * strategy) is sent before `messages`, and the messages plus the answer are saved after it; a
   * stream saves on completion, or the text received so far, marked, if it is interrupted.
   * Needs `ConduitMemoryModule`.
   */
  readonly conversationId?: string;
  /**
   * Aliases tried in order when `model` fails with an error that falls back (see `fallbacks` in
   * the module options, which this list replaces for the call; `[]` turns them off).
   */
  readonly fallbacks?: readonly string[];
  /** Error classes that fall back for this call, instead of the module's `fallbackOn`. */
  readonly fallbackOn?: readonly ErrorClass[];
}

/** Options of `ChatService.embed`. */
export interface EmbedOptions {
  /** Alias of the embedding model to use. Defaults to `default`. */
  readonly model?: string;
  readonly signal?: AbortSignal;
  /** Overall timeout in milliseconds; `0` disables it. */
  readonly timeoutMs?: number;
  /** Output vector size, for models that can shorten their vectors. */
  readonly dimensions?: number;
  /** Interceptors for this call only, innermost. Instances, not classes. */
  readonly interceptors?: readonly ConduitInterceptor[];
  /** The built-in retry for this call only: `false` or settings (see `ChatOptions.retry`). */
  readonly retry?: RetrySetting;
  /**
   * The call's `context.metadata`. Pass your own Map to read what the interceptors noted (retry
   * count, cost, cache hit...) once the call has settled; a new Map is used otherwise.
   */
  readonly metadata?: Map<string, unknown>;
  /** Extra HTTP headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra request fields passed through untouched, keyed by provider name. */
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Embedding aliases tried in order when `model` fails (replaces `embeddingFallbacks`; `[]` turns them off). */
  readonly fallbacks?: readonly string[];
}

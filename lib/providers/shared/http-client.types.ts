import type { CallAbort, ConduitError } from '../../core';

/** Response headers with lower-case names; repeated headers are joined with `, `. */
export type HttpHeaders = Readonly<Record<string, string>>;

/** One JSON POST. */
export interface HttpPostRequest {
  /** Absolute URL (`https://api.openai.com/v1/chat/completions`). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Serialized with `JSON.stringify`. */
  readonly body: unknown;
  /** Aborting it closes the socket; the call fails with `signal.reason` when it is a ConduitError. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The same, heard without an AbortSignal listener (see `CallAbort`); used instead of `signal`
   * when given.
   */
  readonly abort?: CallAbort | undefined;
}

/** Status line and headers of an answer. */
export interface HttpResponseHead {
  readonly status: number;
  readonly headers: HttpHeaders;
}

/** A successful (2xx) answer with its parsed JSON body. */
export interface HttpJsonResponse extends HttpResponseHead {
  readonly body: unknown;
}

/**
 * Where a streamed answer goes, piece by piece, as undici receives it (no stream object and no
 * promise per piece). Calls come in this order: `start` once, `data` any number of times, then
 * `end`; or `fail` at any point, after which nothing else comes. A throw from `start`, `data` or
 * `end` fails the call with it (a ConduitError as is) and closes the socket.
 */
export interface HttpStreamSink {
  /** The answer is 2xx: its status and headers. */
  start(head: HttpResponseHead): void;
  /** The next piece of the body, in network-sized pieces. */
  data(chunk: Uint8Array): void;
  /** The body ended. */
  end(): void;
  /**
   * The call failed: the provider's mapped error for a non-2xx answer, ConnectionError,
   * ResponseTooLargeError, the abort reason (when a ConduitError) or AbortedError; or what
   * `start`, `data` or `end` threw.
   */
  fail(error: unknown): void;
}

/** A streamed call in flight. */
export interface HttpStreamCall {
  /**
   * Stops the call and closes the socket, without telling the sink (its reader went away). Does
   * nothing once the call has ended or failed. `reason` defaults to an AbortedError, made only
   * when there is something to stop (an error costs a stack trace).
   */
  cancel(reason?: Error): void;
}

/** A non-2xx answer handed to the provider's error mapper. */
export interface HttpErrorResponse extends HttpResponseHead {
  /** The parsed JSON body, or the raw text when it is not JSON (`''` when empty). */
  readonly body: unknown;
}

/** Turns a non-2xx answer into the provider's typed error. */
export type HttpErrorMapper = (response: HttpErrorResponse) => ConduitError;

/** Settings of an `HttpClient`. */
export interface HttpClientOptions {
  /** Provider name used in errors the client raises itself (malformed bodies). */
  readonly provider: string;
  /** Maps non-2xx answers to typed errors (e.g. `mapOpenAIError`). */
  readonly mapError: HttpErrorMapper;
  /** Values (API keys) that must never appear in an error message or body. */
  readonly secrets?: readonly (string | undefined)[];
  /**
   * The most bytes one response body may have (a JSON answer, an error page or a whole stream);
   * past it the call fails with `ResponseTooLargeError` and the socket is closed. Default
   * `HTTP_MAX_RESPONSE_BYTES` (64 MiB).
   */
  readonly maxResponseBytes?: number;
  /**
   * The most sockets open to one origin at once; further requests wait in the pool's queue (their
   * wait counts against the call's deadline). Default `HTTP_DEFAULT_MAX_CONNECTIONS` (128).
   * Clients with the same origin and the same cap share one pool.
   */
  readonly maxConnections?: number;
  /**
   * The overall deadline of one request in ms, streamed body included; past it the call fails
   * with TimeoutError and the request is aborted. `0` = none. When absent:
   * `HTTP_DEFAULT_TIMEOUT_MS` (10 minutes) for a request without a CallAbort, none for one with a
   * CallAbort (ChatService's), whose owner keeps its own deadline.
   */
  readonly timeoutMs?: number;
}

import type { ConduitError } from '../../core';

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

/** A successful (2xx) answer whose body is read as it arrives. */
export interface HttpStreamResponse extends HttpResponseHead {
  /**
   * The body bytes in network-sized pieces. Transport failures while reading surface as
   * ConduitErrors (ConnectionError, AbortedError or the abort reason). Stopping the iteration early
   * releases the socket.
   */
  readonly body: AsyncIterable<Uint8Array>;
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
}

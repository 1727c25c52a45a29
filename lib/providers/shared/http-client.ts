import type { Dispatcher } from 'undici';
import { ConduitValidationError, ResponseTooLargeError } from '../../core';
import { httpClientOptionIssues } from './http-client-options';
import { headerIssues } from './header-safety';
import { hideSecrets } from '../../core/hide-secrets';
import type {
  HttpClientOptions,
  HttpHeaders,
  HttpJsonResponse,
  HttpPostRequest,
  HttpStreamCall,
  HttpStreamSink,
} from './http-client.types';
import { HttpExchange } from './http-exchange';
import { JsonBodySink } from './json-body-sink';
import {
  HTTP_DEFAULT_MAX_CONNECTIONS,
  HTTP_IDLE_TIMEOUT_MS,
  sharedOriginPool,
  type OriginPool,
} from './shared-http-pool';
import { abortError } from './transport-error';

export {
  closeSharedHttpPools,
  HTTP_DEFAULT_MAX_CONNECTIONS,
  HTTP_IDLE_TIMEOUT_MS,
  type CloseHttpPoolsOptions,
} from './shared-http-pool';

/**
 * The overall deadline of a model's request when its settings give no `timeoutMs` and the caller
 * brings no cancellation of its own: 10 minutes, ChatService's default (`DEFAULT_TIMEOUT_MS`), so
 * a model injected and called directly is bounded the same way.
 */
export const HTTP_DEFAULT_TIMEOUT_MS = 600_000;

/**
 * The default cap on one response body (JSON, error page or a whole stream): far above any real
 * answer (a 1 MB answer streamed is about 4 MB of SSE), low enough that a runaway server cannot
 * exhaust memory. `HttpClientOptions.maxResponseBytes` changes it.
 */
export const HTTP_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Where one URL goes: its origin and path, and the shared pool of that origin once looked up. */
interface Target {
  readonly url: string;
  readonly origin: string;
  readonly path: string;
  pool?: OriginPool;
}

/**
 * The HTTP client every provider uses: JSON POSTs over undici with keep-alive pools shared per
 * origin, capped at `maxConnections` sockets an origin (further calls queue). Non-2xx answers go
 * through the provider's error mapper; transport failures become ConnectionError; an aborted
 * signal fails the call with its reason (if a ConduitError) or an AbortedError, and really closes
 * the socket; past `timeoutMs` the call fails with TimeoutError and the request is aborted.
 */
export class HttpClient {
  private readonly ownDispatcher: Dispatcher | undefined;
  private lastTarget: Target | undefined;
  /**
   * The last headers sent per `accept`, by the identity of the request's headers object: the
   * providers hand the same frozen object for every call without its own headers, so assembling
   * and checking them happens once, not per call. Private (`#`): they hold the API key.
   */
  #sentHeaders = new Map<string, { readonly from: object; readonly sent: HttpHeaders }>();

  constructor(
    private readonly options: HttpClientOptions,
    dispatcher?: Dispatcher,
  ) {
    const issues = httpClientOptionIssues(options);
    if (issues.length > 0) throw new ConduitValidationError(issues);
    this.ownDispatcher = dispatcher;
    // The options carry the API keys to redact.
    hideSecrets(this, 'options');
  }

  /**
   * The shared pool of the target's origin. Kept with the target, and looked up again once
   * `closeSharedHttpPools` closed it.
   */
  private poolOf(target: Target): OriginPool {
    if (target.pool === undefined || target.pool.closed) {
      target.pool = sharedOriginPool(
        target.origin,
        this.options.maxConnections ?? HTTP_DEFAULT_MAX_CONNECTIONS,
      );
    }
    return target.pool;
  }

  /** POSTs JSON and resolves with the parsed JSON answer; rejects with a ConduitError. */
  postJson(request: HttpPostRequest): Promise<HttpJsonResponse> {
    return new Promise<HttpJsonResponse>((resolve, reject) => {
      this.exchange(request, 'application/json', new JsonBodySink(this.options, resolve, reject));
    });
  }

  /**
   * POSTs JSON and hands the answer to `sink` as it arrives (see HttpStreamSink); the returned
   * call cancels it. Every failure, a synchronous one included, reaches `sink.fail`.
   */
  openStream(request: HttpPostRequest, sink: HttpStreamSink): HttpStreamCall {
    return this.exchange(request, 'text/event-stream', sink);
  }

  private get maxBytes(): number {
    return this.options.maxResponseBytes ?? HTTP_MAX_RESPONSE_BYTES;
  }

  private readonly tooLarge = (status: number, headers: HttpHeaders): ResponseTooLargeError => {
    const requestId = headers['x-request-id'] ?? headers['request-id'];
    return new ResponseTooLargeError(this.maxBytes, {
      provider: this.options.provider,
      status,
      ...(requestId !== undefined && { requestId }),
    });
  };

  /**
   * The origin and path of `url`. A client posts to one or two URLs, so the last one parsed is
   * kept: parsing a URL on every call is measurable on the per-call budget.
   */
  private targetOf(url: string): Target {
    if (this.lastTarget?.url !== url) {
      const parsed = new URL(url);
      this.lastTarget = { url, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    }
    return this.lastTarget;
  }

  /**
   * The headers to send: `accept`, the request's, then `content-type`. Checked here, where every
   * header of every provider passes: CR/LF in a value would split the header line. Throws
   * ConduitValidationError.
   */
  private headersFor(own: HttpHeaders, accept: string): HttpHeaders {
    const last = this.#sentHeaders.get(accept);
    if (last?.from === own) return last.sent;
    const sent = { accept, ...own, 'content-type': 'application/json' };
    const unsafe = headerIssues(sent);
    if (unsafe.length > 0) throw new ConduitValidationError(unsafe, 'Unsafe HTTP headers');
    this.#sentHeaders.set(accept, { from: own, sent });
    return sent;
  }

  /** Checks and sends one request; every outcome reaches `sink`. */
  private exchange(request: HttpPostRequest, accept: string, sink: HttpStreamSink): HttpStreamCall {
    const { url } = request;
    // A CallAbort wins over a signal.
    const cancel = request.abort ?? request.signal;
    // undici would also refuse, but with its own error; callers expect their abort reason.
    if (cancel?.aborted === true) return failed(sink, abortError(cancel));
    let target: Target;
    let body: string;
    let headers: HttpHeaders;
    try {
      target = this.targetOf(url);
      headers = this.headersFor(request.headers, accept);
      body = JSON.stringify(request.body);
    } catch (error) {
      return failed(sink, error);
    }
    const pool = this.ownDispatcher === undefined ? this.poolOf(target) : undefined;
    const exchange = new HttpExchange(
      {
        url,
        maxBytes: this.maxBytes,
        cancel,
        idleTimeoutMs: HTTP_IDLE_TIMEOUT_MS,
        // A caller with its own CallAbort (ChatService) bounds the call itself, with the deadline
        // its user chose (possibly longer, or none): the default must not cut it shorter.
        deadlineMs:
          this.options.timeoutMs ?? (request.abort === undefined ? HTTP_DEFAULT_TIMEOUT_MS : 0),
        mapError: this.options.mapError,
        tooLarge: this.tooLarge,
        pool,
      },
      sink,
    );
    const options = {
      origin: target.origin,
      path: target.path,
      method: 'POST' as const,
      headers,
      body,
    };
    if (pool === undefined) {
      this.ownDispatcher?.dispatch(options, exchange);
    } else {
      // Counted before dispatch: undici may connect (and ask the pool's guard) synchronously.
      pool.enter();
      pool.dispatcher.dispatch(options, exchange);
    }
    return exchange;
  }
}

function noop(): void {}

/** A call that failed before it was sent: the sink hears it at once, and cancel does nothing. */
function failed(sink: HttpStreamSink, error: unknown): HttpStreamCall {
  sink.fail(error);
  return { cancel: noop };
}

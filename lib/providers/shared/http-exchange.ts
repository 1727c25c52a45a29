import type { Dispatcher } from 'undici';
import { AbortedError, TimeoutError, type CallAbort, type ConduitError } from '../../core';
import type {
  HttpErrorResponse,
  HttpHeaders,
  HttpStreamCall,
  HttpStreamSink,
} from './http-client.types';
import { abortError, toTransportError } from './transport-error';
import { tryParseJson } from './wire-data';

/** What one exchange needs from its client. */
export interface HttpExchangeSetup {
  /** For the messages of transport errors. */
  readonly url: string;
  /** The most body bytes (2xx or not) before the call fails with `tooLarge`. */
  readonly maxBytes: number;
  /** How the caller cancels, if it can. */
  readonly cancel: CallAbort | AbortSignal | undefined;
  /** How long undici lets the server stay silent (for the TimeoutError it raises). */
  readonly idleTimeoutMs: number;
  /** A non-2xx answer, body read, to the provider's typed error. */
  readonly mapError: (response: HttpErrorResponse) => ConduitError;
  /** The error of a body past `maxBytes`. */
  readonly tooLarge: (status: number, headers: HttpHeaders) => ConduitError;
  /**
   * The overall deadline in ms (0: none): past it the call fails with TimeoutError and the request
   * is aborted, however steadily the server trickles bytes (undici's own timeouts only measure
   * silence).
   */
  readonly deadlineMs: number;
  /** The shared pool's bookkeeping (see OriginPool), when the request goes through one. */
  readonly pool: ExchangePool | undefined;
}

/** What the shared pool counts of each request: whether it still waits for a socket, and its end. */
export interface ExchangePool {
  /** Called once when undici starts the request, or when it ends before that. */
  started(): void;
  /** Called once when the exchange is over, whatever the outcome. */
  ended(): void;
}

type RawHeaders = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

/**
 * undici gives lower-case names and an array for a repeated header; the array is joined with `, `
 * (RFC 9110). The object is used as is when nothing is repeated, the usual case.
 */
function normalizeHeaders(raw: RawHeaders): HttpHeaders {
  for (const name in raw) {
    if (typeof raw[name] !== 'string') {
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(raw)) {
        if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
      }
      return headers;
    }
  }
  return raw as HttpHeaders;
}

/**
 * One HTTP exchange as an undici dispatch handler: the 2xx body goes to the sink piece by piece,
 * a non-2xx body is read whole and mapped to the provider's error, the size limit holds over the
 * whole body, and the caller's abort closes the socket. Driving undici's `dispatch` directly skips
 * what `request()` adds per call (an AsyncResource, a Readable for the body, an AbortSignal
 * listener, a promise per chunk for its reader): most of a client's CPU on a fast provider.
 */
export class HttpExchange implements Dispatcher.DispatchHandler, HttpStreamCall {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private headers: HttpHeaders = {};
  /** The body of a non-2xx answer, read whole for the error mapper. */
  private errorChunks: Buffer[] | undefined;
  private size = 0;
  private over = false;
  /** Why the exchange was closed before undici started it (aborted while queued). */
  private closeReason: Error | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => {
    this.failAndClose(abortError(this.setup.cancel!));
  };

  constructor(
    private readonly setup: HttpExchangeSetup,
    private readonly sink: HttpStreamSink,
  ) {
    const { cancel } = setup;
    if (cancel instanceof AbortSignal)
      cancel.addEventListener('abort', this.onAbort, { once: true });
    else cancel?.addListener(this.onAbort);
    if (setup.deadlineMs > 0) {
      this.deadline = setTimeout(onDeadline, setup.deadlineMs, this);
      // The socket keeps the process alive while the call runs; the timer alone should not.
      this.deadline.unref();
    }
  }

  /** undici is about to send the request. */
  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Once: a request that ended while queued was counted as started by `finish`.
    if (this.controller === undefined && !this.over) this.setup.pool?.started();
    this.controller = controller;
    // Closed while queued. A throw here makes undici drop the request before writing a byte and
    // keep the socket for the next request; `controller.abort` would destroy that socket.
    if (this.closeReason !== undefined) throw this.closeReason;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    rawHeaders: RawHeaders,
  ): void {
    // 1xx interim answers (100 Continue) are not the answer.
    if (this.over || statusCode < 200) return;
    this.status = statusCode;
    this.headers = normalizeHeaders(rawHeaders);
    const declared = Number(this.headers['content-length']);
    if (declared > this.setup.maxBytes) {
      this.failAndClose(this.setup.tooLarge(statusCode, this.headers));
      return;
    }
    if (statusCode >= 300) this.errorChunks = [];
    else this.deliver(() => this.sink.start({ status: statusCode, headers: this.headers }));
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.over) return;
    this.size += chunk.length;
    if (this.size > this.setup.maxBytes) {
      this.failAndClose(this.setup.tooLarge(this.status, this.headers));
    } else if (this.errorChunks !== undefined) {
      this.errorChunks.push(chunk);
    } else {
      // Inline rather than through `deliver`: no closure per chunk on the streaming hot path.
      try {
        this.sink.data(chunk);
      } catch (error) {
        this.failAndClose(error);
      }
    }
  }

  onResponseEnd(): void {
    if (this.over) return;
    const errorChunks = this.errorChunks;
    if (errorChunks === undefined) {
      this.finish();
      try {
        this.sink.end();
      } catch (error) {
        this.sink.fail(error);
      }
      return;
    }
    const text = Buffer.concat(errorChunks).toString('utf8');
    const { status, headers } = this;
    let error: unknown;
    try {
      error = this.setup.mapError({ status, headers, body: tryParseJson(text) ?? text });
    } catch (thrown) {
      error = thrown;
    }
    this.fail(error);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.over) return;
    const { cancel, url, idleTimeoutMs } = this.setup;
    this.fail(toTransportError(error, url, cancel, idleTimeoutMs));
  }

  cancel(reason?: Error): void {
    if (this.over) return;
    this.finish();
    this.close(reason ?? new AbortedError('The stream was unsubscribed.'));
  }

  /** Runs a sink callback; its throw fails the call (the socket is closed). */
  private deliver(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.failAndClose(error);
    }
  }

  private fail(error: unknown): void {
    if (this.over) return;
    this.finish();
    this.sink.fail(error);
  }

  private failAndClose(error: unknown): void {
    if (this.over) return;
    this.fail(error);
    this.close(error instanceof Error ? error : new Error(String(error)));
  }

  /** Aborts the request in undici (now, or as soon as it starts when it is still queued). */
  private close(reason: Error): void {
    if (this.controller === undefined) this.closeReason = reason;
    else if (!this.controller.aborted) this.controller.abort(reason);
  }

  /** The overall deadline passed: the call fails with TimeoutError and the request is aborted. */
  expire(): void {
    const ms = this.setup.deadlineMs;
    this.failAndClose(
      new TimeoutError(
        ms,
        `The model call did not finish within its timeoutMs of ${ms} ms and was cancelled; raise the model's timeoutMs if such long answers are expected.`,
      ),
    );
  }

  private finish(): void {
    this.over = true;
    const { cancel, pool } = this.setup;
    if (cancel instanceof AbortSignal) cancel.removeEventListener('abort', this.onAbort);
    else cancel?.removeListener(this.onAbort);
    if (this.deadline !== undefined) clearTimeout(this.deadline);
    if (pool !== undefined) {
      if (this.controller === undefined) pool.started();
      pool.ended();
    }
  }
}

function onDeadline(exchange: HttpExchange): void {
  exchange.expire();
}

import type { Dispatcher } from 'undici';
import { ConduitValidationError, InvalidResponseError, ResponseTooLargeError } from '../../core';
import { headerIssues } from './header-safety';
import { hideSecrets } from './hide-secrets';
import type {
  HttpClientOptions,
  HttpHeaders,
  HttpJsonResponse,
  HttpPostRequest,
  HttpStreamResponse,
} from './http-client.types';
import { redactSecrets } from './redact-secrets';
import { HTTP_IDLE_TIMEOUT_MS, sharedAgent, trackSharedRequest } from './shared-http-pool';
import { abortError, toTransportError } from './transport-error';
import { tryParseJson } from './wire-data';

export {
  closeSharedHttpPools,
  HTTP_IDLE_TIMEOUT_MS,
  type CloseHttpPoolsOptions,
} from './shared-http-pool';

/**
 * The default cap on one response body (JSON, error page or a whole stream): far above any real
 * answer (a 1 MB answer streamed is about 4 MB of SSE), low enough that a runaway server cannot
 * exhaust memory. `HttpClientOptions.maxResponseBytes` changes it.
 */
export const HTTP_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

function normalizeHeaders(
  raw: Readonly<Record<string, string | string[] | undefined>>,
): HttpHeaders {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Closes a body we stopped reading; the abort error undici then emits is expected, not a failure. */
function discard(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * The HTTP client every provider uses: JSON POSTs over undici with keep-alive pools shared per
 * origin. Non-2xx answers go through the provider's error mapper; transport failures become
 * ConnectionError; an aborted signal fails the call with its reason (if a ConduitError) or an
 * AbortedError, and really closes the socket.
 */
export class HttpClient {
  private readonly ownDispatcher: Dispatcher | undefined;
  private lastTarget:
    { readonly url: string; readonly origin: string; readonly path: string } | undefined;

  constructor(
    private readonly options: HttpClientOptions,
    dispatcher?: Dispatcher,
  ) {
    this.ownDispatcher = dispatcher;
    // The options carry the API keys to redact.
    hideSecrets(this, 'options');
  }

  /** Resolved per request: the shared pool may have been closed and replaced since construction. */
  private get dispatcher(): Dispatcher {
    return this.ownDispatcher ?? sharedAgent();
  }

  /** Counts a request on the shared pool until `done()`, so a shutdown can drain it. */
  private track(): () => void {
    return this.ownDispatcher === undefined ? trackSharedRequest() : () => undefined;
  }

  /** POSTs JSON and resolves with the parsed JSON answer; rejects with a ConduitError. */
  async postJson(request: HttpPostRequest): Promise<HttpJsonResponse> {
    const done = this.track();
    try {
      return await this.readJson(request);
    } finally {
      done();
    }
  }

  private async readJson(request: HttpPostRequest): Promise<HttpJsonResponse> {
    const { status, headers, body } = await this.send(request, 'application/json');
    const text = await this.readText(body, request, status, headers);
    const parsed = tryParseJson(text);
    if (parsed === undefined) {
      throw new InvalidResponseError(
        `${this.options.provider} answered HTTP ${status} with a body that is not JSON: ${this.excerpt(text)}`,
        { provider: this.options.provider, status, body: redactSecrets(text, this.secrets) },
      );
    }
    return { status, headers, body: parsed };
  }

  /** POSTs JSON and resolves, once the headers are in, with the body as a byte stream. */
  async postStream(request: HttpPostRequest): Promise<HttpStreamResponse> {
    const done = this.track();
    try {
      const { status, headers, body } = await this.send(request, 'text/event-stream');
      this.checkDeclaredLength(body, status, headers);
      return { status, headers, body: this.guard(body, request, status, headers, done) };
    } catch (error) {
      done();
      throw error;
    }
  }

  private get maxBytes(): number {
    return this.options.maxResponseBytes ?? HTTP_MAX_RESPONSE_BYTES;
  }

  private tooLarge(status: number, headers: HttpHeaders): ResponseTooLargeError {
    const requestId = headers['x-request-id'] ?? headers['request-id'];
    return new ResponseTooLargeError(this.maxBytes, {
      provider: this.options.provider,
      status,
      ...(requestId !== undefined && { requestId }),
    });
  }

  /** Fails at once, before reading, when `content-length` already announces too many bytes. */
  private checkDeclaredLength(
    body: Dispatcher.ResponseData['body'],
    status: number,
    headers: HttpHeaders,
  ): void {
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      discard(body);
      throw this.tooLarge(status, headers);
    }
  }

  /**
   * Reads the whole body as UTF-8, stopping (and closing the socket) past `maxResponseBytes`.
   * Listens for `data` events rather than iterating the body: an async iterator costs a promise
   * and a few microtask turns a chunk, which is most of the client's CPU on a small answer.
   */
  private readText(
    body: Dispatcher.ResponseData['body'],
    request: HttpPostRequest,
    status: number,
    headers: HttpHeaders,
  ): Promise<string> {
    this.checkDeclaredLength(body, status, headers);
    const maxBytes = this.maxBytes;
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const fail = (error: unknown): void => {
        body.off('data', onData);
        discard(body);
        reject(toTransportError(error, request.url, request.signal, HTTP_IDLE_TIMEOUT_MS));
      };
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size > maxBytes) fail(this.tooLarge(status, headers));
        else chunks.push(chunk);
      };
      body.on('data', onData);
      body.once('error', fail);
      // One chunk (the usual small answer) is decoded as is, without a copy.
      body.once('end', () =>
        resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8')),
      );
    });
  }

  private get secrets(): readonly (string | undefined)[] {
    return this.options.secrets ?? [];
  }

  private excerpt(text: string): string {
    const clean = redactSecrets(text, this.secrets);
    return clean.length > 200 ? `${clean.slice(0, 200)}...` : clean || '(empty)';
  }

  /**
   * The origin and path of `url`. A client posts to one or two URLs, so the last one parsed is
   * kept: parsing a URL on every call is measurable on the per-call budget.
   */
  private targetOf(url: string): { readonly origin: string; readonly path: string } {
    if (this.lastTarget?.url !== url) {
      const parsed = new URL(url);
      this.lastTarget = { url, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    }
    return this.lastTarget;
  }

  /** Sends the request; for a non-2xx status reads the body and throws the mapped error. */
  private async send(
    request: HttpPostRequest,
    accept: string,
  ): Promise<{ status: number; headers: HttpHeaders; body: Dispatcher.ResponseData['body'] }> {
    const { signal, url } = request;
    // undici would also refuse, but with its own error; callers expect their abort reason.
    if (signal?.aborted === true) throw abortError(signal);
    const target = this.targetOf(url);
    const sent = { accept, ...request.headers, 'content-type': 'application/json' };
    // Checked here, where every header of every provider passes: CR/LF would split the header line.
    const unsafe = headerIssues(sent);
    if (unsafe.length > 0) throw new ConduitValidationError(unsafe, 'Unsafe HTTP headers');
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: target.origin,
        path: target.path,
        method: 'POST',
        headers: sent,
        body: JSON.stringify(request.body),
        signal: signal ?? null,
      });
    } catch (error) {
      throw toTransportError(error, url, signal, HTTP_IDLE_TIMEOUT_MS);
    }
    const headers = normalizeHeaders(response.headers);
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { status, headers, body: response.body };

    const text = await this.readText(response.body, request, status, headers);
    throw this.options.mapError({ status, headers, body: tryParseJson(text) ?? text });
  }

  /**
   * Re-throws read failures as ConduitErrors and enforces `maxResponseBytes` over the whole
   * stream; `return()` from the consumer destroys the body.
   */
  private async *guard(
    body: Dispatcher.ResponseData['body'],
    request: HttpPostRequest,
    status: number,
    headers: HttpHeaders,
    done: () => void,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    let size = 0;
    try {
      for await (const chunk of body as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > this.maxBytes) throw this.tooLarge(status, headers);
        yield chunk;
      }
    } catch (error) {
      discard(body);
      throw toTransportError(error, request.url, request.signal, HTTP_IDLE_TIMEOUT_MS);
    } finally {
      done();
    }
  }
}

import { Observable } from 'rxjs';
import {
  type CallAbort,
  type CallWarning,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ModelInfo,
  type StreamEvent,
} from '../../core';
import type { HttpClient } from './http-client';
import type { HttpPostRequest, HttpResponseHead } from './http-client.types';
import { SseEventReader, type SseStreamSetup } from './sse-event-reader';

export type { SseStreamSetup } from './sse-event-reader';

/** One request on the wire: its JSON body and the warnings found while building it. */
export interface SseWireBody {
  readonly body: unknown;
  readonly warnings: readonly CallWarning[];
}

/** Where one call goes: the endpoint's URL and the headers of this call. */
export interface SseEndpoint {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The plumbing every JSON-over-HTTP provider with a Server-Sent Events stream shares: `chat()`
 * posts the body and maps the JSON answer; `stream()` is a cold Observable that posts on
 * subscribe, aborts the request on unsubscribe (or when `request.signal` aborts) and turns each
 * `data:` payload into events through the provider's stream state. A provider fills in the wire
 * mapping through the protected members; both paths build the body before any network call, so
 * a malformed option fails without a request.
 */
export abstract class SseChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  /** `chat` and `stream` cancel through their `abort` argument when given one. */
  readonly supportsCallAbort = true;

  /** The provider's HTTP client, its errors mapped the provider's way with the key redacted. */
  protected abstract readonly http: HttpClient;

  /** Provider, model id, capabilities and prices. */
  abstract info(): ModelInfo;

  /** Sends one non-streamed request; rejects with a ConduitError subclass. */
  async chat(request: ChatRequest, abort?: CallAbort): Promise<ChatResponse> {
    const { body, warnings } = this.buildBody(request, false);
    const response = await this.http.postJson(this.post(request, body, abort, false));
    return this.mapResponse(response.body, warnings);
  }

  /**
   * A cold stream of the answer: the request is sent on subscribe, and unsubscribing aborts it
   * (the socket is closed). `abort` (or else `request.signal`) is honoured too; the stream then
   * fails with its reason (when a ConduitError) or an AbortedError. An error sent inside the
   * stream fails it with the provider's mapped typed error.
   */
  stream(request: ChatRequest, abort?: CallAbort): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      // A throw here (an option the provider refuses) fails the stream before any request.
      const { body, warnings } = this.buildBody(request, true);
      const reader = new SseEventReader(subscriber, (head) => this.streamSetup(head, warnings));
      const call = this.http.openStream(this.post(request, body, abort, true), reader);
      return () => call.cancel();
    });
  }

  /** The HTTP request of a call, cancelled by `abort` when given, else by `request.signal`. */
  private post(
    request: ChatRequest,
    body: unknown,
    abort: CallAbort | undefined,
    stream: boolean,
  ): HttpPostRequest {
    const { url, headers } = this.endpoint(request, stream);
    return abort === undefined
      ? { url, headers, body, signal: request.signal }
      : { url, headers, body, abort };
  }

  /**
   * The URL and headers of one call (settings headers, then the call's own). `stream` tells a
   * provider whose streamed calls go to another URL (Gemini's `:streamGenerateContent`).
   */
  protected abstract endpoint(request: ChatRequest, stream: boolean): SseEndpoint;

  /** The wire body of one call, streamed or not; throws on an option the provider refuses. */
  protected abstract buildBody(request: ChatRequest, stream: boolean): SseWireBody;

  /** Maps the JSON answer of a non-streamed call. */
  protected abstract mapResponse(body: unknown, warnings: readonly CallWarning[]): ChatResponse;

  /** A fresh stream state for one streamed answer, given its status and headers. */
  protected abstract streamSetup(
    response: HttpResponseHead,
    warnings: readonly CallWarning[],
  ): SseStreamSetup;
}

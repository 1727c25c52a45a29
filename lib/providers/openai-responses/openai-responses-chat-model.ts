import { Observable, type Subscriber } from 'rxjs';
import {
  AbortedError,
  findModelInfo,
  InvalidResponseError,
  warnUnknownModelOnce,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ModelInfo,
  type StreamEvent,
} from '../../core';
import { OpenAIConnection } from '../openai/openai-connection';
import { redactSecrets } from '../shared/redact-secrets';
import { SseDecoder } from '../shared/sse-decoder';
import { isRecord, tryParseJson } from '../shared/wire-data';
import { mapResponsesResponse } from './map-responses-response';
import type { OpenAIResponsesModelSettings } from './openai-responses-settings.types';
import { mapResponsesError } from './responses-errors';
import { buildResponsesBody } from './responses-request';
import { ResponsesStreamState } from './responses-stream-state';

/**
 * A chat model on OpenAI's Responses API (`POST /responses`), the wire of OpenAI's reasoning
 * models: reasoning summaries stream as `reasoning-delta` events, reasoning items (with their id
 * and, when asked, their encrypted content) come back as reasoning parts and are sent back on the
 * next turn, function calls and their outputs are input items. xAI serves the same API.
 *
 * @example
 * const model = new OpenAIResponsesChatModel({
 *   model: 'gpt-5.4-mini',
 *   apiKey: process.env.OPENAI_API_KEY,
 *   reasoningSummary: 'auto',
 * });
 */
export class OpenAIResponsesChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  private readonly connection: OpenAIConnection;
  private readonly modelInfo: ModelInfo;

  constructor(private readonly settings: OpenAIResponsesModelSettings) {
    this.connection = new OpenAIConnection(settings);
    const lookup = findModelInfo(
      this.connection.providerName,
      settings.model,
      settings.capabilities,
    );
    if (settings.capabilities === undefined) warnUnknownModelOnce(lookup);
    this.modelInfo = lookup.info;
  }

  /** Provider, model id, capabilities and prices from the model catalogue. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  /** Sends one non-streamed request; rejects with a ConduitError subclass. */
  async chat(request: ChatRequest): Promise<ChatResponse> {
    const { body, warnings } = buildResponsesBody(request, this.target(false));
    const response = await this.connection.http.postJson({
      url: this.connection.url('responses'),
      headers: this.connection.headers(request.headers),
      body,
      signal: request.signal,
    });
    // A 200 can still carry a failed response (`status: "failed"` with an `error` object).
    if (isRecord(response.body) && response.body['status'] === 'failed') {
      throw mapResponsesError(
        response.body['error'] ?? { message: 'the response failed' },
        this.errorContext(),
      );
    }
    return mapResponsesResponse(response.body, this.connection.providerName, warnings);
  }

  /**
   * A cold stream of the answer: sent on subscribe; unsubscribing aborts the request.
   * `request.signal` is honoured; the stream then fails with its reason or an AbortedError.
   */
  stream(request: ChatRequest): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      const controller = new AbortController();
      const signal =
        request.signal === undefined
          ? controller.signal
          : AbortSignal.any([request.signal, controller.signal]);
      let settled = false;
      this.runStream(request, signal, subscriber).then(
        () => {
          settled = true;
          subscriber.complete();
        },
        (error: unknown) => {
          settled = true;
          subscriber.error(error);
        },
      );
      return () => {
        if (!settled) controller.abort(new AbortedError('The stream was unsubscribed.'));
      };
    });
  }

  private target(stream: boolean) {
    const { model, reasoningEffort, reasoningSummary, includeEncryptedReasoning, store } =
      this.settings;
    return {
      model,
      providerName: this.connection.providerName,
      stream,
      ...(reasoningEffort !== undefined && { reasoningEffort }),
      ...(reasoningSummary !== undefined && { reasoningSummary }),
      ...(includeEncryptedReasoning !== undefined && { includeEncryptedReasoning }),
      ...(store !== undefined && { store }),
    };
  }

  private errorContext() {
    return { provider: this.connection.providerName, secrets: this.connection.secrets };
  }

  private async runStream(
    request: ChatRequest,
    signal: AbortSignal,
    subscriber: Subscriber<StreamEvent>,
  ): Promise<void> {
    const { body, warnings } = buildResponsesBody(request, this.target(true));
    const response = await this.connection.http.postStream({
      url: this.connection.url('responses'),
      headers: this.connection.headers(request.headers),
      body,
      signal,
    });
    const provider = this.connection.providerName;
    const state = new ResponsesStreamState(this.errorContext(), warnings);
    const decoder = new SseDecoder(({ data }) => {
      // `[DONE]` is not part of the Responses API, but proxies and replays append it.
      if (state.done || data === '' || data === '[DONE]') return;
      const payload = tryParseJson(data);
      if (payload === undefined) {
        const excerpt = redactSecrets(data.slice(0, 200), this.connection.secrets);
        throw new InvalidResponseError(`${provider}: a stream event is not JSON: ${excerpt}`, {
          provider,
          body: excerpt,
        });
      }
      for (const event of state.handle(payload)) subscriber.next(event);
    });
    // Read to the end after the terminal event, so the socket returns to the keep-alive pool.
    for await (const bytes of response.body) {
      if (subscriber.closed) return;
      decoder.feed(bytes);
    }
    decoder.end();
    state.end();
  }
}

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
import { redactSecrets } from '../shared/redact-secrets';
import { SseDecoder } from '../shared/sse-decoder';
import { tryParseJson } from '../shared/wire-data';
import { AnthropicConnection } from './anthropic-connection';
import { ANTHROPIC_PROVIDER } from './anthropic-errors';
import { buildAnthropicMessagesBody, type AnthropicRequestTarget } from './anthropic-request';
import type { AnthropicChatModelSettings } from './anthropic-settings.types';
import { AnthropicStreamState } from './anthropic-stream-state';
import { mapAnthropicResponse } from './map-anthropic-response';

/**
 * A chat model on Anthropic's Messages API (`POST /v1/messages`): system prompt, merged turns,
 * tool use, extended thinking (passed back with its signatures), prompt caching breakpoints and
 * images, streamed or not.
 *
 * @example
 * const model = new AnthropicChatModel({
 *   model: 'claude-sonnet-5',
 *   apiKey: process.env.ANTHROPIC_API_KEY,
 * });
 * const answer = await model.chat({ messages: [{ role: 'user', content: 'Hello' }], maxTokens: 1024 });
 */
export class AnthropicChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  private readonly connection: AnthropicConnection;
  private readonly modelInfo: ModelInfo;

  constructor(private readonly settings: AnthropicChatModelSettings) {
    this.connection = new AnthropicConnection(settings);
    const lookup = findModelInfo(ANTHROPIC_PROVIDER, settings.model, settings.capabilities);
    if (settings.capabilities === undefined) warnUnknownModelOnce(lookup);
    this.modelInfo = lookup.info;
  }

  /** Provider, model id, capabilities and prices from the model catalogue. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  /** Sends one non-streamed request; rejects with a ConduitError subclass. */
  async chat(request: ChatRequest): Promise<ChatResponse> {
    const { body, warnings } = buildAnthropicMessagesBody(request, this.target(false));
    const response = await this.connection.http.postJson({
      url: this.connection.messagesUrl,
      headers: this.connection.headers(request.headers),
      body,
      signal: request.signal,
    });
    return mapAnthropicResponse(response.body, warnings);
  }

  /**
   * A cold stream of the answer: the request is sent on subscribe, and unsubscribing aborts it
   * (the socket is closed). `request.signal` is honoured too; the stream then fails with its
   * reason (when a ConduitError) or an AbortedError. An `error` event inside the stream fails it
   * with the mapped typed error (`overloaded_error` -> retryable ServerError).
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

  private target(stream: boolean): AnthropicRequestTarget {
    return {
      model: this.settings.model,
      stream,
      defaultMaxTokens: this.settings.defaultMaxTokens,
      thinking: this.settings.thinking,
    };
  }

  private async runStream(
    request: ChatRequest,
    signal: AbortSignal,
    subscriber: Subscriber<StreamEvent>,
  ): Promise<void> {
    // Built before the request: a malformed option fails the stream without any network call.
    const { body, warnings } = buildAnthropicMessagesBody(request, this.target(true));
    const response = await this.connection.http.postStream({
      url: this.connection.messagesUrl,
      headers: this.connection.headers(request.headers),
      body,
      signal,
    });
    const context = { ...this.connection.errorContext, requestId: response.headers['request-id'] };
    const state = new AnthropicStreamState(context, warnings);
    const decoder = new SseDecoder(({ data }) => {
      if (data === '') return;
      const payload = data === '[DONE]' ? data : tryParseJson(data);
      if (payload === undefined) {
        const excerpt = redactSecrets(data.slice(0, 200), context.secrets);
        throw new InvalidResponseError(`anthropic: a stream event is not JSON: ${excerpt}`, {
          provider: ANTHROPIC_PROVIDER,
          body: excerpt,
          ...(context.requestId !== undefined && { requestId: context.requestId }),
        });
      }
      for (const event of state.push(payload)) subscriber.next(event);
    });
    // Read to the end of the body (past message_stop) so the socket returns to the keep-alive pool.
    for await (const bytes of response.body) {
      if (subscriber.closed) return;
      decoder.feed(bytes);
    }
    decoder.end();
    state.finish();
  }
}

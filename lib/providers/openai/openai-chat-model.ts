import { Observable, type Subscriber } from 'rxjs';
import {
  AbortedError,
  findModelInfo,
  InvalidResponseError,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  type ModelInfo,
  type StreamEvent,
} from '../../core';
import { redactSecrets } from '../shared/redact-secrets';
import { SseDecoder } from '../shared/sse-decoder';
import { tryParseJson } from '../shared/wire-data';
import { mapOpenAIResponse } from './map-openai-response';
import { OpenAIConnection } from './openai-connection';
import { buildOpenAIChatBody } from './openai-request';
import type { OpenAIChatModelSettings } from './openai-settings.types';
import { OpenAIStreamState } from './openai-stream-state';

/**
 * A chat model on OpenAI's Chat Completions API, or any OpenAI-compatible server (Ollama, vLLM,
 * LM Studio, Groq, xAI...) through `baseUrl` and `providerName`.
 *
 * @example
 * const model = new OpenAIChatModel({ model: 'gpt-4o-mini', apiKey: process.env.OPENAI_API_KEY });
 * const answer = await model.chat({ messages: [{ role: 'user', content: 'Hello' }] });
 */
export class OpenAIChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  private readonly connection: OpenAIConnection;

  constructor(private readonly settings: OpenAIChatModelSettings) {
    this.connection = new OpenAIConnection(settings);
  }

  /**
   * Identity, capabilities and prices from the model catalogue. Ids it does not know get
   * conservative capabilities; `settings.capabilities` overrides either.
   */
  info(): ModelInfo {
    return findModelInfo(
      this.connection.providerName,
      this.settings.model,
      this.settings.capabilities,
    ).info;
  }

  /** Sends one non-streamed request; rejects with a ConduitError subclass. */
  async chat(request: ChatRequest): Promise<ChatResponse> {
    const { body, warnings } = buildOpenAIChatBody(request, this.target(false));
    const response = await this.connection.http.postJson({
      url: this.connection.url('chat/completions'),
      headers: this.connection.headers(request.headers),
      body,
      signal: request.signal,
    });
    return mapOpenAIResponse(response.body, this.connection.providerName, warnings);
  }

  /**
   * A cold stream of the answer: the request is sent on subscribe, and unsubscribing aborts it
   * (the socket is closed). `request.signal` is honoured too; the stream then fails with its
   * reason (when a ConduitError) or an AbortedError.
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
    return {
      model: this.settings.model,
      baseUrl: this.connection.baseUrl,
      providerName: this.connection.providerName,
      stream,
    };
  }

  private async runStream(
    request: ChatRequest,
    signal: AbortSignal,
    subscriber: Subscriber<StreamEvent>,
  ): Promise<void> {
    const { body, warnings } = buildOpenAIChatBody(request, this.target(true));
    const response = await this.connection.http.postStream({
      url: this.connection.url('chat/completions'),
      headers: this.connection.headers(request.headers),
      body,
      signal,
    });
    const provider = this.connection.providerName;
    const state = new OpenAIStreamState({ provider, secrets: this.connection.secrets }, warnings);
    const emit = (events: readonly StreamEvent[]): void => {
      for (const event of events) subscriber.next(event);
    };
    let done = false;
    const decoder = new SseDecoder(({ data }) => {
      if (done || data === '') return;
      if (data === '[DONE]') {
        done = true;
        emit(state.finish());
        return;
      }
      const chunk = tryParseJson(data);
      if (chunk === undefined) {
        const excerpt = redactSecrets(data.slice(0, 200), this.connection.secrets);
        throw new InvalidResponseError(`${provider}: a stream event is not JSON: ${excerpt}`, {
          provider,
          body: excerpt,
        });
      }
      emit(state.push(chunk));
    });
    // Keep reading after [DONE] until the body ends, so the socket returns to the keep-alive pool.
    for await (const bytes of response.body) {
      if (subscriber.closed) return;
      decoder.feed(bytes);
    }
    decoder.end();
    if (!done) emit(state.finish());
  }
}

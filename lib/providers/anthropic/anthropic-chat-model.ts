import type { CallWarning, ChatRequest, ChatResponse, ModelInfo } from '../../core';
import { catalogueModelInfo } from '../shared/catalogue-model-info';
import { hideSecrets } from '../../core/hide-secrets';
import type { HttpClient } from '../shared/http-client';
import type { HttpResponseHead } from '../shared/http-client.types';
import {
  SseChatModel,
  type SseEndpoint,
  type SseStreamSetup,
  type SseWireBody,
} from '../shared/sse-chat-model';
import { AnthropicConnection } from './anthropic-connection';
import { ANTHROPIC_PROVIDER } from './anthropic-errors';
import { buildAnthropicMessagesBody } from './anthropic-request';
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
export class AnthropicChatModel extends SseChatModel {
  protected readonly http: HttpClient;
  private readonly connection: AnthropicConnection;
  private readonly modelInfo: ModelInfo;

  constructor(private readonly settings: AnthropicChatModelSettings) {
    super();
    this.connection = new AnthropicConnection(settings);
    this.http = this.connection.http;
    this.modelInfo = catalogueModelInfo(ANTHROPIC_PROVIDER, settings.model, settings.capabilities);
    hideSecrets(this, 'settings');
  }

  /** Provider, model id, capabilities and prices from the model catalogue. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  protected endpoint(request: ChatRequest): SseEndpoint {
    return { url: this.connection.messagesUrl, headers: this.connection.headers(request.headers) };
  }

  protected buildBody(request: ChatRequest, stream: boolean): SseWireBody {
    return buildAnthropicMessagesBody(request, {
      model: this.settings.model,
      stream,
      defaultMaxTokens: this.settings.defaultMaxTokens,
      thinking: this.settings.thinking,
    });
  }

  protected mapResponse(body: unknown, warnings: readonly CallWarning[]): ChatResponse {
    return mapAnthropicResponse(body, warnings, this.connection.errorContext.secrets);
  }

  /**
   * The state reads every payload, even after `message_stop` (the body is read to its end for the
   * keep-alive pool); an `error` event fails the stream with the mapped typed error
   * (`overloaded_error` -> retryable ServerError), carrying the response's `request-id`.
   */
  protected streamSetup(
    response: HttpResponseHead,
    warnings: readonly CallWarning[],
  ): SseStreamSetup {
    const context = { ...this.connection.errorContext, requestId: response.headers['request-id'] };
    return {
      state: new AnthropicStreamState(context, warnings),
      errorContext: { ...context, provider: ANTHROPIC_PROVIDER },
    };
  }
}

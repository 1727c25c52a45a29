import type { CallWarning, ChatRequest, ChatResponse, ModelInfo } from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { catalogueModelInfo } from '../shared/catalogue-model-info';
import type { HttpClient } from '../shared/http-client';
import type { HttpResponseHead } from '../shared/http-client.types';
import { OpenAIConnection } from '../shared/openai-wire/openai-connection';
import type { OpenAIChatModelSettings } from '../shared/openai-wire/openai-settings.types';
import {
  SseChatModel,
  type SseEndpoint,
  type SseStreamSetup,
  type SseWireBody,
} from '../shared/sse-chat-model';
import { mapOpenAIResponse } from './map-openai-response';
import { buildOpenAIChatBody } from './openai-request';
import { OpenAIStreamState } from './openai-stream-state';

/**
 * A chat model on OpenAI's Chat Completions API, or any OpenAI-compatible server (Ollama, vLLM,
 * LM Studio, Groq, xAI...) through `baseUrl` and `providerName`.
 *
 * @example
 * const model = new OpenAIChatModel({ model: 'gpt-4o-mini', apiKey: process.env.OPENAI_API_KEY });
 * const answer = await model.chat({ messages: [{ role: 'user', content: 'Hello' }] });
 */
export class OpenAIChatModel extends SseChatModel {
  protected readonly http: HttpClient;
  private readonly connection: OpenAIConnection;
  /** Looked up once: the settings never change, and ChatService asks on every call. */
  private cachedInfo: ModelInfo | undefined;

  constructor(private readonly settings: OpenAIChatModelSettings) {
    super();
    this.connection = new OpenAIConnection(settings);
    this.http = this.connection.http;
    hideSecrets(this, 'settings');
  }

  /**
   * Identity, capabilities and prices from the model catalogue. Ids it does not know get
   * conservative capabilities and one process warning (`CONDUIT_UNKNOWN_MODEL`), as every other
   * provider gives them; `settings.capabilities` overrides either and silences the warning.
   */
  info(): ModelInfo {
    this.cachedInfo ??= catalogueModelInfo(
      this.connection.providerName,
      this.settings.model,
      this.settings.capabilities,
    );
    return this.cachedInfo;
  }

  protected endpoint(request: ChatRequest): SseEndpoint {
    return {
      url: this.connection.url('chat/completions'),
      headers: this.connection.headers(request.headers),
    };
  }

  protected buildBody(request: ChatRequest, stream: boolean): SseWireBody {
    const built = buildOpenAIChatBody(request, {
      model: this.settings.model,
      baseUrl: this.connection.baseUrl,
      providerName: this.connection.providerName,
      stream,
    });
    this.settings.finishBody?.(built.body, request);
    return built;
  }

  protected mapResponse(body: unknown, warnings: readonly CallWarning[]): ChatResponse {
    return mapOpenAIResponse(
      body,
      this.connection.providerName,
      warnings,
      this.settings.readMetadata,
      this.connection.secrets,
    );
  }

  protected streamSetup(
    _response: HttpResponseHead,
    warnings: readonly CallWarning[],
  ): SseStreamSetup {
    const context = { provider: this.connection.providerName, secrets: this.connection.secrets };
    // `[DONE]` finishes the state; the body is still read to its end for the keep-alive pool.
    const state = new OpenAIStreamState(context, warnings, this.settings.readMetadata);
    return { state, errorContext: context };
  }
}

import type { CallWarning, ChatRequest, ChatResponse, ModelInfo } from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { catalogueModelInfo } from '../shared/catalogue-model-info';
import type { HttpClient } from '../shared/http-client';
import type { HttpResponseHead } from '../shared/http-client.types';
import {
  SseChatModel,
  type SseEndpoint,
  type SseStreamSetup,
  type SseWireBody,
} from '../shared/sse-chat-model';
import { googleCatalogueId, GoogleConnection } from './google-connection';
import { GOOGLE_PROVIDER } from './google-errors';
import { buildGoogleGenerateBody } from './google-request';
import type { GoogleChatModelSettings } from './google-settings.types';
import { GoogleStreamState } from './google-stream-state';
import { mapGoogleResponse } from './map-google-response';

/**
 * A Gemini chat model on the Generative Language API (`models/{model}:generateContent`, streamed
 * with `:streamGenerateContent?alt=sse`), the key in the `x-goog-api-key` header: system
 * instruction, tools (parallel function calls), thinking with its thought signatures passed back
 * in tool loops, structured output, images; a safety block fails with ContentFilterError.
 *
 * @example
 * const model = new GoogleChatModel({ model: 'gemini-2.5-flash', apiKey: process.env.GEMINI_API_KEY });
 * const answer = await model.chat({ messages: [{ role: 'user', content: 'Hello' }] });
 */
export class GoogleChatModel extends SseChatModel {
  protected readonly http: HttpClient;
  private readonly connection: GoogleConnection;
  private readonly modelInfo: ModelInfo;

  constructor(private readonly settings: GoogleChatModelSettings) {
    super();
    this.connection = new GoogleConnection(settings);
    this.http = this.connection.http;
    this.modelInfo = catalogueModelInfo(
      GOOGLE_PROVIDER,
      googleCatalogueId(settings.model),
      settings.capabilities,
    );
    hideSecrets(this, 'settings');
  }

  /** Provider, model id, capabilities and prices from the model catalogue. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  protected endpoint(request: ChatRequest, stream: boolean): SseEndpoint {
    return {
      url: this.connection.url(stream ? 'streamGenerateContent?alt=sse' : 'generateContent'),
      headers: this.connection.headers(request.headers),
    };
  }

  protected buildBody(request: ChatRequest): SseWireBody {
    return buildGoogleGenerateBody(request, {
      model: this.settings.model,
      schemaMode: this.settings.schemaMode,
      thinking: this.settings.thinking,
      safetySettings: this.settings.safetySettings,
    });
  }

  protected mapResponse(body: unknown, warnings: readonly CallWarning[]): ChatResponse {
    return mapGoogleResponse(body, this.settings.model, warnings, this.connection.errorContext);
  }

  protected streamSetup(
    response: HttpResponseHead,
    warnings: readonly CallWarning[],
  ): SseStreamSetup {
    const context = {
      ...this.connection.errorContext,
      requestId: response.headers['x-request-id'],
    };
    return {
      state: new GoogleStreamState(context, this.settings.model, warnings),
      errorContext: { ...context, provider: GOOGLE_PROVIDER },
    };
  }
}

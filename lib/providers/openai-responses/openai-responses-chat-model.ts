import type { CallWarning, ChatRequest, ChatResponse, ModelInfo } from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { catalogueModelInfo } from '../shared/catalogue-model-info';
import type { HttpClient } from '../shared/http-client';
import type { HttpResponseHead } from '../shared/http-client.types';
import { OpenAIConnection } from '../shared/openai-wire/openai-connection';
import {
  SseChatModel,
  type SseEndpoint,
  type SseStreamSetup,
  type SseWireBody,
} from '../shared/sse-chat-model';
import { isRecord } from '../shared/wire-data';
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
export class OpenAIResponsesChatModel extends SseChatModel {
  protected readonly http: HttpClient;
  private readonly connection: OpenAIConnection;
  private readonly modelInfo: ModelInfo;

  constructor(private readonly settings: OpenAIResponsesModelSettings) {
    super();
    this.connection = new OpenAIConnection(settings);
    this.http = this.connection.http;
    this.modelInfo = catalogueModelInfo(
      this.connection.providerName,
      settings.model,
      settings.capabilities,
    );
    hideSecrets(this, 'settings');
  }

  /** Provider, model id, capabilities and prices from the model catalogue. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  protected endpoint(request: ChatRequest): SseEndpoint {
    return {
      url: this.connection.url('responses'),
      headers: this.connection.headers(request.headers),
    };
  }

  protected buildBody(request: ChatRequest, stream: boolean): SseWireBody {
    const { model, reasoningEffort, reasoningSummary, includeEncryptedReasoning, store } =
      this.settings;
    return buildResponsesBody(request, {
      model,
      providerName: this.connection.providerName,
      stream,
      ...(reasoningEffort !== undefined && { reasoningEffort }),
      ...(reasoningSummary !== undefined && { reasoningSummary }),
      ...(includeEncryptedReasoning !== undefined && { includeEncryptedReasoning }),
      ...(store !== undefined && { store }),
    });
  }

  protected mapResponse(body: unknown, warnings: readonly CallWarning[]): ChatResponse {
    // A 200 can still carry a failed response (`status: "failed"` with an `error` object).
    if (isRecord(body) && body['status'] === 'failed') {
      throw mapResponsesError(
        body['error'] ?? { message: 'the response failed' },
        this.errorContext(),
      );
    }
    return mapResponsesResponse(
      body,
      this.connection.providerName,
      warnings,
      this.connection.secrets,
    );
  }

  protected streamSetup(
    _response: HttpResponseHead,
    warnings: readonly CallWarning[],
  ): SseStreamSetup {
    const state = new ResponsesStreamState(this.errorContext(), warnings);
    return {
      state: {
        // After the terminal event the rest of the body is read (for the keep-alive pool) but
        // ignored; `[DONE]` is not part of the Responses API, but proxies and replays append it.
        get done() {
          return state.done;
        },
        push: (payload) => state.handle(payload),
        finish: () => {
          state.end();
          return [];
        },
      },
      errorContext: this.errorContext(),
    };
  }

  private errorContext() {
    return { provider: this.connection.providerName, secrets: this.connection.secrets };
  }
}

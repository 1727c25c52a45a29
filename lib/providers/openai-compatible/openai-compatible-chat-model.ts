import { catchError, map, throwError, type Observable } from 'rxjs';
import type {
  CallAbort,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ModelInfo,
  StreamEvent,
} from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { OpenAIChatModel } from '../openai';
import { catalogueModelInfo } from '../shared/catalogue-model-info';
import type { OpenAICompatibleModelSettings } from './openai-compatible-settings.types';

/**
 * A chat model on a server that speaks OpenAI's Chat Completions (Ollama, vLLM, LM Studio,
 * llama.cpp server, and the base of the Groq and xAI models). It runs the OpenAI wire mapping and
 * adds what differs per server through four protected hooks, run around every call:
 * `prepareRequest`, `mapResponse`, `mapEvent` and `mapError`. Subclass it for another server.
 *
 * @example
 * const local = new OpenAICompatibleChatModel({
 *   providerName: 'ollama',
 *   baseUrl: 'http://127.0.0.1:11434/v1',
 *   model: 'llama3.2',
 *   capabilities: { tools: true, vision: false, maxContextTokens: 128_000 },
 * });
 */
export class OpenAICompatibleChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  /** `chat` and `stream` cancel through their `abort` argument when given one. */
  readonly supportsCallAbort = true;
  /** The name used in `info()`, errors and `providerOptions`. */
  protected readonly providerName: string;
  private readonly wire: OpenAIChatModel;
  private readonly modelInfo: ModelInfo;

  constructor(protected readonly settings: OpenAICompatibleModelSettings) {
    this.providerName = settings.providerName ?? 'openai-compatible';
    this.wire = new OpenAIChatModel({ ...settings, providerName: this.providerName });
    this.modelInfo = catalogueModelInfo(this.providerName, settings.model, settings.capabilities);
    hideSecrets(this, 'settings');
  }

  /** Provider, model id, capabilities (catalogue, overridden by the settings) and prices when known. */
  info(): ModelInfo {
    return this.modelInfo;
  }

  /** Sends one non-streamed request; rejects with a ConduitError subclass. */
  async chat(request: ChatRequest, abort?: CallAbort): Promise<ChatResponse> {
    try {
      return this.mapResponse(await this.wire.chat(this.prepareRequest(request), abort));
    } catch (error) {
      throw this.mapError(error);
    }
  }

  /** A cold stream of the answer; unsubscribing aborts the request. */
  stream(request: ChatRequest, abort?: CallAbort): Observable<StreamEvent> {
    return this.wire.stream(this.prepareRequest(request), abort).pipe(
      map((event) => this.mapEvent(event)),
      catchError((error: unknown) => throwError(() => this.mapError(error))),
    );
  }

  /**
   * Adjusts the request before the OpenAI mapping sees it. The default adds the settings' wire
   * fields as `providerOptions[providerName]` defaults; the user's own provider options still win.
   */
  protected prepareRequest(request: ChatRequest): ChatRequest {
    return this.withProviderDefaults(
      request,
      this.settings.streamUsage === false ? { stream_options: undefined } : {},
    );
  }

  /** Adjusts a non-streamed answer (usage accounting, metadata). Identity by default. */
  protected mapResponse(response: ChatResponse): ChatResponse {
    return response;
  }

  /** Adjusts one stream event; must agree with `mapResponse` so both paths give equal answers. */
  protected mapEvent(event: StreamEvent): StreamEvent {
    return event;
  }

  /** Turns a failure into the server's own typed error. Identity by default. */
  protected mapError(error: unknown): unknown {
    return error;
  }

  /**
   * Puts `defaults` under the user's `providerOptions[providerName]`. A default set to `undefined`
   * removes a field the OpenAI mapping would send (JSON drops undefined values).
   */
  protected withProviderDefaults(
    request: ChatRequest,
    defaults: Readonly<Record<string, unknown>>,
  ): ChatRequest {
    if (Object.keys(defaults).length === 0) return request;
    const options = request.providerOptions ?? {};
    return {
      ...request,
      providerOptions: {
        ...options,
        [this.providerName]: { ...defaults, ...options[this.providerName] },
      },
    };
  }
}

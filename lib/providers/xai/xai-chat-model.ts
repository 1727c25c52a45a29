import type { Observable } from 'rxjs';
import type {
  CallAbort,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ModelInfo,
  StreamEvent,
} from '../../core';
import { OpenAIResponsesChatModel } from '../openai-responses';
import type { XaiChatModelSettings } from './xai-settings.types';
import { XaiCompletionsModel } from './xai-completions-model';

/** xAI's API. */
export const XAI_DEFAULT_BASE_URL = 'https://api.x.ai/v1';

/**
 * A chat model on xAI Grok, over Chat Completions (default) or the Responses API
 * (`api: 'responses'`). On Chat Completions, reasoning arrives as `reasoning_content` (mapped to
 * reasoning parts), tool calls arrive whole in one chunk, and the reasoning tokens xAI leaves out
 * of `completion_tokens` are counted in `outputTokens`. `info()` reads the model catalogue.
 *
 * @example
 * const grok = new XaiChatModel({ model: 'grok-4.3', apiKey: process.env.XAI_API_KEY });
 * const coder = new XaiChatModel({ model: 'grok-code-fast-1', apiKey, api: 'responses', reasoningSummary: 'auto' });
 */
export class XaiChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  /** `chat` and `stream` cancel through their `abort` argument when given one. */
  readonly supportsCallAbort = true;
  private readonly wire: ChatModel;

  constructor(settings: XaiChatModelSettings) {
    const { api, reasoningEffort, reasoningSummary, includeEncryptedReasoning, store, ...rest } =
      settings;
    const connection = {
      ...rest,
      baseUrl: settings.baseUrl ?? XAI_DEFAULT_BASE_URL,
      providerName: 'xai',
    };
    this.wire =
      api === 'responses'
        ? new OpenAIResponsesChatModel({
            ...connection,
            ...(reasoningEffort !== undefined && { reasoningEffort }),
            ...(reasoningSummary !== undefined && { reasoningSummary }),
            ...(includeEncryptedReasoning !== undefined && { includeEncryptedReasoning }),
            ...(store !== undefined && { store }),
          })
        : new XaiCompletionsModel(connection, reasoningEffort);
  }

  /** Provider `xai`, the model id, and capabilities and prices from the model catalogue. */
  info(): ModelInfo {
    return this.wire.info();
  }

  /** Sends one non-streamed request; rejects with a ConduitError subclass. */
  chat(request: ChatRequest, abort?: CallAbort): Promise<ChatResponse> {
    return this.wire.chat(request, abort);
  }

  /** A cold stream of the answer; unsubscribing aborts the request. */
  stream(request: ChatRequest, abort?: CallAbort): Observable<StreamEvent> {
    return this.wire.stream(request, abort);
  }
}

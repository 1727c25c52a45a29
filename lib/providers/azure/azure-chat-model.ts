import { defer, from, switchMap, type Observable } from 'rxjs';
import {
  findModelInfo,
  warnUnknownModelOnce,
  type CallAbort,
  type ChatRequest,
  type ChatResponse,
  type StreamEvent,
} from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { OpenAICompatibleChatModel } from '../openai-compatible';
import type { AzureChatModelSettings } from './azure-settings.types';
import { azureTokenHeaders } from './azure-token-headers';
import {
  completionFilteredError,
  mapAzureError,
  readAzureMetadata,
} from './map-azure-content-filter';
import { azureWireSettings } from './resolve-azure-url';

/**
 * A chat model on Azure OpenAI, over the v1 API (`https://{resource}.openai.azure.com/openai/v1`,
 * the deployment name as `model`) or a deployment URL with `api-version`. Signs in with the
 * resource key (`api-key` header) or an Entra ID token from `getToken()`, asked before each call.
 *
 * Azure's content filter becomes typed: a blocked prompt (HTTP 400 `content_filter`) and an
 * answer cut with `finish_reason: "content_filter"` fail with a ContentFilterError naming the
 * categories (`hate`, `jailbreak`, `protected_material_text`...); the annotations of answers that
 * passed are kept in `providerMetadata.azure` (`promptFilterResults`, `contentFilterResults`).
 * `maxTokens` goes out as `max_completion_tokens`, which every current Azure model takes and its
 * reasoning models require. `info()` reads OpenAI's catalogue (capabilities; Azure prices vary by
 * deployment type, so none are reported).
 *
 * @example
 * const model = new AzureChatModel({
 *   endpoint: 'https://my-resource.openai.azure.com',
 *   model: 'gpt-4.1-mini',
 *   apiKey: process.env.AZURE_OPENAI_API_KEY,
 * });
 */
export class AzureChatModel extends OpenAICompatibleChatModel {
  constructor(settings: AzureChatModelSettings) {
    // OpenAI's catalogue describes the deployed model; the warning names Azure.
    const lookup = findModelInfo('openai', settings.model, settings.capabilities);
    if (settings.capabilities === undefined && !lookup.known) {
      warnUnknownModelOnce({ ...lookup, info: { ...lookup.info, provider: 'azure' } });
    }
    super({
      ...azureWireSettings(settings),
      model: settings.model,
      capabilities: lookup.info.capabilities,
      readMetadata: (payload) => ({ ...readAzureMetadata(payload) }),
    });
    this.azure = settings;
    hideSecrets(this, 'azure');
  }

  /** The Azure settings (`getToken` among them); hidden from printouts. */
  private readonly azure: AzureChatModelSettings;

  /** Asks `getToken()` first when signing in with Entra ID, then sends the call. */
  override async chat(request: ChatRequest, abort?: CallAbort): Promise<ChatResponse> {
    return super.chat(await this.signed(request, abort), abort);
  }

  /** A cold stream; with `getToken()` the token is asked on subscribe. */
  override stream(request: ChatRequest, abort?: CallAbort): Observable<StreamEvent> {
    if (this.azure.getToken === undefined) return super.stream(request, abort);
    return defer(() => from(this.signed(request, abort))).pipe(
      switchMap((signed) => super.stream(signed, abort)),
    );
  }

  /** `maxTokens` as `max_completion_tokens` (Azure's reasoning models refuse `max_tokens`). */
  protected override prepareRequest(request: ChatRequest): ChatRequest {
    const prepared = super.prepareRequest(request);
    return request.maxTokens === undefined
      ? prepared
      : this.withProviderDefaults(prepared, {
          max_tokens: undefined,
          max_completion_tokens: request.maxTokens,
        });
  }

  /** An answer the content filter stopped fails with the categories. */
  protected override mapResponse(response: ChatResponse): ChatResponse {
    if (response.finishReason === 'content_filter') {
      throw completionFilteredError(response.providerMetadata?.['azure']);
    }
    return response;
  }

  /** The stream's `finish` with `content_filter` fails it the same way. */
  protected override mapEvent(event: StreamEvent): StreamEvent {
    if (event.type === 'finish' && event.finishReason === 'content_filter') {
      throw completionFilteredError(event.providerMetadata?.['azure']);
    }
    return event;
  }

  /** A blocked prompt gets its categories. */
  protected override mapError(error: unknown): unknown {
    return mapAzureError(error);
  }

  private async signed(request: ChatRequest, abort: CallAbort | undefined): Promise<ChatRequest> {
    const getToken = this.azure.getToken;
    if (getToken === undefined) return request;
    const auth = await azureTokenHeaders(getToken, abort, request.signal);
    return { ...request, headers: { ...request.headers, ...auth } };
  }
}

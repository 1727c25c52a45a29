import {
  findModelInfo,
  type CallAbort,
  type EmbedRequest,
  type EmbeddingModel,
  type EmbeddingResponse,
  type ModelInfo,
} from '../../core';
import { hideSecrets } from '../../core/hide-secrets';
import { OpenAIEmbeddingModel } from '../openai';
import type { AzureEmbeddingModelSettings } from './azure-settings.types';
import { azureTokenHeaders } from './azure-token-headers';
import { azureWireSettings } from './resolve-azure-url';

/**
 * An embedding model on Azure OpenAI (`/embeddings` of the v1 API or of a deployment), signed in
 * with the resource key or an Entra ID token from `getToken()`. The wire is OpenAI's, batches of
 * up to 2048 texts.
 *
 * @example
 * const embedder = new AzureEmbeddingModel({
 *   resourceName: 'my-resource',
 *   deployment: 'embeddings',
 *   model: 'text-embedding-3-small',
 *   apiKey: process.env.AZURE_OPENAI_API_KEY,
 * });
 */
export class AzureEmbeddingModel implements EmbeddingModel {
  readonly specificationVersion = 'v1' as const;
  readonly maxBatchSize: number;
  /** `embed` cancels through its `abort` argument when given one. */
  readonly supportsCallAbort = true;
  private readonly wire: OpenAIEmbeddingModel;
  private readonly modelInfo: ModelInfo;

  constructor(private readonly settings: AzureEmbeddingModelSettings) {
    const { model, dimensions, maxBatchSize, encodingFormat } = settings;
    this.wire = new OpenAIEmbeddingModel({
      ...azureWireSettings(settings),
      model,
      ...(dimensions !== undefined && { dimensions }),
      ...(maxBatchSize !== undefined && { maxBatchSize }),
      ...(encodingFormat !== undefined && { encodingFormat }),
    });
    this.maxBatchSize = this.wire.maxBatchSize;
    const { capabilities } = findModelInfo('openai', model).info;
    this.modelInfo = { provider: 'azure', modelId: model, capabilities };
    hideSecrets(this, 'settings');
  }

  /** Provider `azure`, the model id and OpenAI's catalogue capabilities (no prices). */
  info(): ModelInfo {
    return this.modelInfo;
  }

  /** One vector a text; asks `getToken()` first when signing in with Entra ID. */
  async embed(request: EmbedRequest, abort?: CallAbort): Promise<EmbeddingResponse> {
    const getToken = this.settings.getToken;
    if (getToken === undefined) return this.wire.embed(request, abort);
    const auth = await azureTokenHeaders(getToken, abort, request.signal);
    return this.wire.embed({ ...request, headers: { ...request.headers, ...auth } }, abort);
  }
}

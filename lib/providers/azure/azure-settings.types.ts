import type { ModelCapabilities } from '../../core';

/**
 * A Microsoft Entra ID token source, called before every request. Return the access token, or the
 * `{ token }` object `@azure/identity` credentials give; caching and refreshing belong to it (a
 * `DefaultAzureCredential.getToken(scope)` call already caches).
 */
export type AzureTokenProvider = () => Promise<string | { readonly token: string }>;

/** Where an Azure OpenAI resource is and how to sign in: shared by the chat and embedding models. */
export interface AzureConnectionSettings {
  /**
   * The resource endpoint, `https://{resource}.openai.azure.com` (or `.cognitiveservices.azure.com`
   * for a Foundry resource). The module factory reads `AZURE_OPENAI_ENDPOINT` when absent.
   */
  readonly endpoint?: string;
  /** The resource name, for `https://{resourceName}.openai.azure.com` when no `endpoint` is given (`AZURE_OPENAI_RESOURCE_NAME`). */
  readonly resourceName?: string;
  /**
   * The deployment to call through `/openai/deployments/{deployment}/...?api-version=...`. Absent:
   * the v1 API (`/openai/v1/...`), which takes the deployment name as `model` in the body.
   */
  readonly deployment?: string;
  /**
   * `api-version` query parameter. Defaults to `2024-10-21` (the GA data-plane version) on
   * deployment URLs; the v1 API needs none and gets it only when set.
   */
  readonly apiVersion?: string;
  /** The resource key, sent in the `api-key` header; the module factory reads `AZURE_OPENAI_API_KEY`. */
  readonly apiKey?: string;
  /**
   * Entra ID sign-in instead of a key: called before each request; its token goes out as
   * `Authorization: Bearer`. A rejection or an empty token fails the call with an
   * AuthenticationError that does not repeat the token provider's message.
   *
   * @example
   * const credential = new DefaultAzureCredential();
   * const getToken = () => credential.getToken('https://cognitiveservices.azure.com/.default');
   */
  readonly getToken?: AzureTokenProvider;
  /**
   * Overrides the URL built from `endpoint` and `deployment`: requests go to `${baseUrl}/chat/completions`
   * (a gateway or API Management in front of the resource).
   */
  readonly baseUrl?: string;
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The most bytes one response may have before the call fails with `ResponseTooLargeError`. Default 64 MiB. */
  readonly maxResponseBytes?: number;
  /** The most sockets open to the resource at once (default 128). */
  readonly maxConnections?: number;
  /** The overall deadline of one HTTP request in ms, a whole stream included; `0` = none. */
  readonly timeoutMs?: number;
}

/** Settings of `AzureChatModel`. */
export interface AzureChatModelSettings extends AzureConnectionSettings {
  /**
   * The model: on the v1 API the deployment name sent as `model`; with `deployment`, the model
   * deployed there (`gpt-4.1-mini`). Either way `info()` reads OpenAI's catalogue for it.
   */
  readonly model: string;
  /** Capability flags that override the catalogue (a deployment named unlike its model). */
  readonly capabilities?: Partial<ModelCapabilities>;
}

/** Settings of `AzureEmbeddingModel`. */
export interface AzureEmbeddingModelSettings extends AzureConnectionSettings {
  /** The embedding model (or, on the v1 API, its deployment name): `text-embedding-3-small`. */
  readonly model: string;
  /** Output vector size for `text-embedding-3-*`. */
  readonly dimensions?: number;
  /** Most inputs per request; Azure takes 2048. */
  readonly maxBatchSize?: number;
  /** `base64` (default) or `float` vectors on the wire. */
  readonly encodingFormat?: 'base64' | 'float';
}

import { ConduitValidationError, type ValidationIssue } from '../../core';
import type { OpenAIConnectionSettings } from '../shared/openai-wire/openai-settings.types';
import type { AzureConnectionSettings } from './azure-settings.types';

/** The `api-version` of deployment URLs when none is set: the GA data-plane inference version. */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

/** Resource names are DNS labels: letters, digits and hyphens. */
const RESOURCE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/i;

/** The base URL and query of an Azure OpenAI connection. */
export interface AzureUrl {
  /** Requests go to `${baseUrl}/chat/completions` or `${baseUrl}/embeddings`. */
  readonly baseUrl: string;
  readonly queryParams: Readonly<Record<string, string>>;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/**
 * Problems of the endpoint and sign-in settings; values are not echoed (a URL may carry a key).
 * Takes unchecked input: the module validates raw configuration with it.
 */
export function azureUrlIssues(settings: Readonly<Record<string, unknown>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const text = (key: string): string | undefined => {
    const value = settings[key];
    if (value === undefined || typeof value === 'string') return value;
    issues.push({ path: key, message: 'must be a string' });
    return undefined;
  };
  const endpoint = text('endpoint');
  const resourceName = text('resourceName');
  const deployment = text('deployment');
  text('apiVersion');
  const { baseUrl, apiKey, getToken } = settings;
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    issues.push({ path: 'endpoint', message: 'must be an absolute http(s) URL' });
  }
  if (resourceName !== undefined && !RESOURCE_NAME.test(resourceName)) {
    issues.push({ path: 'resourceName', message: 'must be a resource name (letters, digits, -)' });
  }
  if (
    settings['endpoint'] === undefined &&
    settings['resourceName'] === undefined &&
    baseUrl === undefined
  ) {
    issues.push({
      path: 'endpoint',
      message: 'missing; give endpoint or resourceName (or set AZURE_OPENAI_ENDPOINT)',
    });
  }
  if (deployment !== undefined && (deployment.trim() === '' || /[/?#\s]/.test(deployment))) {
    issues.push({
      path: 'deployment',
      message: 'must be a deployment name without / ? # or spaces',
    });
  }
  if (apiKey !== undefined && getToken !== undefined) {
    issues.push({ path: 'getToken', message: 'give apiKey or getToken, not both' });
  }
  if (getToken !== undefined && typeof getToken !== 'function') {
    issues.push({ path: 'getToken', message: 'must be a function returning a token promise' });
  }
  return issues;
}

/**
 * Where the calls of a connection go: the v1 API (`{endpoint}/openai/v1`, no api-version unless
 * set) or a deployment (`{endpoint}/openai/deployments/{deployment}`, `api-version` always). An
 * explicit `baseUrl` wins over both. Throws ConduitValidationError listing every problem.
 */
export function resolveAzureUrl(settings: AzureConnectionSettings): AzureUrl {
  const issues = azureUrlIssues({ ...settings });
  if (issues.length > 0) throw new ConduitValidationError(issues);
  const { endpoint, resourceName, baseUrl, deployment, apiVersion } = settings;
  const root = (endpoint ?? `https://${resourceName ?? ''}.openai.azure.com`).replace(/\/+$/, '');
  const version = apiVersion ?? (deployment !== undefined ? AZURE_DEFAULT_API_VERSION : undefined);
  return {
    baseUrl:
      baseUrl ??
      (deployment === undefined
        ? `${root}/openai/v1`
        : `${root}/openai/deployments/${encodeURIComponent(deployment)}`),
    queryParams: version === undefined ? {} : { 'api-version': version },
  };
}

/**
 * The OpenAI-wire connection of Azure settings: the resolved URL and query, the key in the
 * `api-key` header, and the HTTP settings. `getToken` is not among them: the models ask it per call.
 */
export function azureWireSettings(settings: AzureConnectionSettings): OpenAIConnectionSettings {
  const { baseUrl, queryParams } = resolveAzureUrl(settings);
  const { apiKey, headers, maxResponseBytes, maxConnections, timeoutMs } = settings;
  return {
    baseUrl,
    queryParams,
    providerName: 'azure',
    apiKeyHeader: 'api-key',
    ...(apiKey !== undefined && { apiKey }),
    ...(headers !== undefined && { headers }),
    ...(maxResponseBytes !== undefined && { maxResponseBytes }),
    ...(maxConnections !== undefined && { maxConnections }),
    ...(timeoutMs !== undefined && { timeoutMs }),
  };
}

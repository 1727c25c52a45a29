import { isChatModel } from '../core/chat-model.interface';
import { isEmbeddingModel } from '../core/embedding-model.interface';
import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import {
  OPENAI_COMPATIBLE_EMBEDDING_PRESETS,
  OPENAI_COMPATIBLE_PRESETS,
} from '../providers/openai-compatible';
import {
  isModelProviderName,
  knownProviderNames,
  MODEL_FACTORIES,
  readEnvApiKey,
} from './model-factories';
import { hasLineBreak, headerIssues } from '../providers/shared/header-safety';
import { timeoutMsIssues } from './timeout-ms-issues';
import { isRecord } from '../core/is-record';
import { validateDeploymentsConfig } from './deployments/validate-deployments-config';
import { azureUrlIssues } from '../providers/azure/resolve-azure-url';

type Environment = Readonly<Record<string, string | undefined>>;

/** Which kind of model an entry configures: decides the instance type named in messages. */
export type ModelKind = 'chat' | 'embedding';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function checkOptionalString(
  config: Record<string, unknown>,
  key: string,
  path: string,
  issues: ValidationIssue[],
): void {
  if (config[key] !== undefined && typeof config[key] !== 'string') {
    issues.push({ path: `${path}.${key}`, message: 'must be a string' });
  }
}

function checkPositiveInteger(
  config: Record<string, unknown>,
  key: string,
  path: string,
  issues: ValidationIssue[],
): void {
  const value = config[key];
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0)) {
    issues.push({ path: `${path}.${key}`, message: 'must be a positive whole number' });
  }
}

/**
 * Problems of one model configuration (`{ provider, model, apiKey?, baseUrl?, ... }`) found at
 * `path` (`models.default`). Values of secrets and URLs are never echoed: they may hold keys.
 */
export function validateModelConfig(
  config: unknown,
  path: string,
  kind: ModelKind,
  env: Environment,
): ValidationIssue[] {
  const instance = kind === 'chat' ? 'a ChatModel' : 'an EmbeddingModel';
  if (!isRecord(config)) {
    return [
      {
        path,
        message: `must be a model configuration ({ provider: 'openai', model: '...' }) or ${instance} instance`,
      },
    ];
  }
  if (kind === 'chat' && isEmbeddingModel(config)) {
    return [{ path, message: 'is an EmbeddingModel; put it under embeddingModels' }];
  }
  if (kind === 'embedding' && isChatModel(config)) {
    return [{ path, message: 'is a ChatModel; put it under models' }];
  }
  if (kind === 'chat' && 'deployments' in config) {
    return validateDeploymentsConfig(config, path, (deployment, at) =>
      validateModelConfig(deployment, at, 'chat', env),
    );
  }
  const issues: ValidationIssue[] = [];
  const providers = knownProviderNames().join(', ');
  const provider = config['provider'];
  if (provider === undefined) {
    issues.push({
      path: `${path}.provider`,
      message: `missing; expected one of: ${providers} (or pass ${instance} instance)`,
    });
  } else if (!isModelProviderName(provider)) {
    issues.push({
      path: `${path}.provider`,
      message: `unknown provider ${JSON.stringify(provider)}; expected one of: ${providers}`,
    });
  } else if (kind === 'embedding' && MODEL_FACTORIES[provider].createEmbeddingModel === undefined) {
    issues.push({ path: `${path}.provider`, message: `${provider} has no embedding models` });
  }

  const example = kind === 'chat' ? 'gpt-4o-mini' : 'text-embedding-3-small';
  if (typeof config['model'] !== 'string' || config['model'].trim() === '') {
    issues.push({
      path: `${path}.model`,
      message: `must be a non-empty model id such as "${example}"`,
    });
  } else if (hasLineBreak(config['model'])) {
    issues.push({ path: `${path}.model`, message: 'must not contain CR, LF or NUL characters' });
  }

  const baseUrl = config['baseUrl'];
  if (baseUrl !== undefined && (typeof baseUrl !== 'string' || !isHttpUrl(baseUrl))) {
    issues.push({
      path: `${path}.baseUrl`,
      message: 'must be an absolute http(s) URL such as "http://127.0.0.1:11434/v1"',
    });
  }

  const apiKey = config['apiKey'];
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) {
    issues.push({ path: `${path}.apiKey`, message: 'must be a non-empty string' });
  } else if (
    apiKey === undefined &&
    baseUrl === undefined &&
    isModelProviderName(provider) &&
    MODEL_FACTORIES[provider].apiKeyRequired &&
    MODEL_FACTORIES[provider].signsInWithoutKey?.(config) !== true
  ) {
    const factory = MODEL_FACTORIES[provider];
    if (readEnvApiKey(factory, env) === undefined) {
      const names = [factory.apiKeyEnv, ...(factory.apiKeyEnvFallbacks ?? [])].join(' or ');
      issues.push({ path: `${path}.apiKey`, message: `missing; pass apiKey or set ${names}` });
    }
  }

  if (provider === 'openai-compatible') {
    const preset = config['preset'];
    // Embedding presets include servers that only embed (tei, infinity).
    const presets =
      kind === 'chat' ? OPENAI_COMPATIBLE_PRESETS : OPENAI_COMPATIBLE_EMBEDDING_PRESETS;
    const names = Object.keys(presets).join(', ');
    if (
      preset !== undefined &&
      (typeof preset !== 'string' || !Object.prototype.hasOwnProperty.call(presets, preset))
    ) {
      issues.push({
        path: `${path}.preset`,
        message: `unknown preset; expected one of: ${names}`,
      });
    } else if (preset === undefined && baseUrl === undefined) {
      issues.push({
        path: `${path}.baseUrl`,
        message: `missing; give the server address or a preset (${names})`,
      });
    }
  }
  if (provider === 'azure') {
    const withEnv = { ...MODEL_FACTORIES.azure.environmentSettings?.(config, env), ...config };
    for (const issue of azureUrlIssues(withEnv)) {
      issues.push({ path: `${path}.${issue.path}`, message: issue.message });
    }
  }
  if (
    provider === 'openai' &&
    config['api'] !== undefined &&
    config['api'] !== 'chat' &&
    config['api'] !== 'responses'
  ) {
    issues.push({ path: `${path}.api`, message: "must be 'chat' or 'responses'" });
  }

  checkOptionalString(config, 'organization', path, issues);
  checkOptionalString(config, 'project', path, issues);
  checkOptionalString(config, 'providerName', path, issues);
  const headers = config['headers'];
  if (
    headers !== undefined &&
    (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string'))
  ) {
    issues.push({ path: `${path}.headers`, message: 'must be an object of string values' });
  } else if (isRecord(headers)) {
    issues.push(...headerIssues(headers, `${path}.headers`));
  }
  // The HTTP settings every provider's model takes: the connection cap and the overall deadline.
  checkPositiveInteger(config, 'maxConnections', path, issues);
  issues.push(...timeoutMsIssues(config['timeoutMs'], `${path}.timeoutMs`));
  if (kind === 'embedding') {
    checkPositiveInteger(config, 'dimensions', path, issues);
    checkPositiveInteger(config, 'maxBatchSize', path, issues);
    const format = config['encodingFormat'];
    if (format !== undefined && format !== 'base64' && format !== 'float') {
      issues.push({ path: `${path}.encodingFormat`, message: "must be 'base64' or 'float'" });
    }
  }
  return issues;
}

import type { ConduitModuleOptions } from './conduit-options.interface';
import { DEFAULT_MODEL_ALIAS, INVALID_OPTIONS_TITLE } from './conduit.constants';
import { isChatModel } from './core/chat-model.interface';
import { isEmbeddingModel } from './core/embedding-model.interface';
import {
  ConduitValidationError,
  type ValidationIssue,
} from './core/errors/conduit-validation.error';
import { runsOptionIssues } from './agent/runs/validate-runs-options';
import { shutdownOptionIssues } from './ops/validate-shutdown-options';
import { validateToolsOptions } from './tools/validate-tools-options';
import { timeoutMsIssues } from './models/timeout-ms-issues';
import { validateModelConfig, type ModelKind } from './models/validate-model-config';
import { isRecord } from './core/is-record';
import { retryOptionIssues } from './chat/validate-retry-options';
import { fallbackOptionIssues } from './chat/validate-fallback-options';

type Environment = Readonly<Record<string, string | undefined>>;

const KNOWN_KEYS = [
  'models',
  'embeddingModels',
  'interceptors',
  'modelInterceptors',
  'embeddingModelInterceptors',
  'timeoutMs',
  'tools',
  'shutdown',
  'retry',
  'modelRetry',
  'embeddingModelRetry',
  'fallbacks',
  'embeddingFallbacks',
  'fallbackOn',
  'circuitBreaker',
  'runs',
];

function isInterceptorEntry(value: unknown): boolean {
  if (typeof value === 'function') return true;
  return isRecord(value) && typeof value['intercept'] === 'function';
}

function checkInterceptorList(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'must be an array of interceptor classes or instances' });
    return;
  }
  value.forEach((entry, index) => {
    if (!isInterceptorEntry(entry)) {
      issues.push({
        path: `${path}[${index}]`,
        message:
          'must be an interceptor class or an object with an intercept(context, next) method',
      });
    }
  });
}

function checkModels(
  value: unknown,
  path: string,
  kind: ModelKind,
  env: Environment,
  issues: ValidationIssue[],
): string[] {
  const example =
    kind === 'chat'
      ? "{ default: { provider: 'openai', model: 'gpt-4o-mini' } }"
      : "{ default: { provider: 'openai', model: 'text-embedding-3-small' } }";
  if (!isRecord(value)) {
    issues.push({ path, message: `missing; pass ${path}: ${example}` });
    return [];
  }
  const aliases = Object.keys(value);
  if (!aliases.includes(DEFAULT_MODEL_ALIAS)) {
    const others = aliases.length > 0 ? `; rename one of: ${aliases.join(', ')}` : '';
    const user = kind === 'chat' ? 'ChatService' : 'ChatService.embed';
    issues.push({
      path: `${path}.${DEFAULT_MODEL_ALIAS}`,
      message: `missing; ${user} uses the "${DEFAULT_MODEL_ALIAS}" model when a call names none, so add ${path}.${DEFAULT_MODEL_ALIAS}${others}`,
    });
  }
  const isInstance = kind === 'chat' ? isChatModel : isEmbeddingModel;
  for (const alias of aliases) {
    const entry = value[alias];
    if (!isInstance(entry))
      issues.push(...validateModelConfig(entry, `${path}.${alias}`, kind, env));
  }
  return aliases;
}

function checkModelInterceptors(
  value: unknown,
  path: string,
  aliases: readonly string[],
  issues: ValidationIssue[],
): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be an object: { [alias]: interceptors[] }' });
    return;
  }
  for (const [alias, list] of Object.entries(value)) {
    if (!aliases.includes(alias)) {
      issues.push({
        path: `${path}.${alias}`,
        message: `no model "${alias}" is configured; known: ${aliases.join(', ') || '(none)'}`,
      });
    }
    checkInterceptorList(list, `${path}.${alias}`, issues);
  }
}

/** The `dimensions` each embedding model configuration states. */
function embeddingDimensions(value: unknown): Map<string, number> {
  const sizes = new Map<string, number>();
  if (!isRecord(value)) return sizes;
  for (const [alias, config] of Object.entries(value)) {
    if (isRecord(config) && typeof config['dimensions'] === 'number') {
      sizes.set(alias, config['dimensions']);
    }
  }
  return sizes;
}

/**
 * Checks the module options once, at bootstrap, and returns them typed. Every problem is collected
 * into one `ConduitValidationError` titled `Invalid ConduitModule options`, one `path: problem` a
 * line. `env` (default `process.env`) is where API keys fall back to.
 */
export function validateConduitOptions(
  options: unknown,
  env: Environment = process.env,
): ConduitModuleOptions {
  const issues: ValidationIssue[] = [];
  if (!isRecord(options)) {
    throw new ConduitValidationError(
      [{ path: '(options)', message: 'must be an object such as { models: { default: ... } }' }],
      INVALID_OPTIONS_TITLE,
    );
  }
  for (const key of Object.keys(options)) {
    if (key === 'isGlobal') {
      issues.push({
        path: key,
        message: 'has no effect here; pass isGlobal to forRootAsync itself',
      });
    } else if (!KNOWN_KEYS.includes(key)) {
      issues.push({
        path: key,
        message: `unknown option; expected one of: ${KNOWN_KEYS.join(', ')}`,
      });
    }
  }
  const chatAliases = checkModels(options['models'], 'models', 'chat', env, issues);
  issues.push(...shutdownOptionIssues(options['shutdown']));
  const embeddingAliases =
    options['embeddingModels'] === undefined
      ? []
      : checkModels(options['embeddingModels'], 'embeddingModels', 'embedding', env, issues);
  if (options['interceptors'] !== undefined) {
    checkInterceptorList(options['interceptors'], 'interceptors', issues);
  }
  checkModelInterceptors(options['modelInterceptors'], 'modelInterceptors', chatAliases, issues);
  checkModelInterceptors(
    options['embeddingModelInterceptors'],
    'embeddingModelInterceptors',
    embeddingAliases,
    issues,
  );
  issues.push(...timeoutMsIssues(options['timeoutMs']));
  issues.push(...validateToolsOptions(options['tools']));
  issues.push(...runsOptionIssues(options['runs']));
  issues.push(...retryOptionIssues(options, chatAliases, embeddingAliases));
  issues.push(
    ...fallbackOptionIssues(options, {
      chat: chatAliases,
      embedding: embeddingAliases,
      dimensions: embeddingDimensions(options['embeddingModels']),
    }),
  );
  if (issues.length > 0) throw new ConduitValidationError(issues, INVALID_OPTIONS_TITLE);
  return options as unknown as ConduitModuleOptions;
}

import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';

const RETRY_KEYS = [
  'maxRetries',
  'initialDelayMs',
  'multiplier',
  'maxDelayMs',
  'maxRetryAfterMs',
  'attemptTimeoutMs',
  'isRetryable',
  'random',
];

const EXAMPLE = 'false or an object such as { maxRetries: 2 }';

function isWhole(value: unknown, min: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= min;
}

function isFiniteFrom(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min;
}

/**
 * The issues of one built-in retry setting (`retry`, `models.<alias>.retry`, `modelRetry.<alias>`,
 * a call's `retry`): absent, `false`, or `RetryOptions` with sane numbers. `[]` when it is fine.
 */
export function retrySettingIssues(value: unknown, path = 'retry'): ValidationIssue[] {
  if (value === undefined || value === false) return [];
  if (!isRecord(value)) return [{ path, message: `must be ${EXAMPLE}` }];
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(value)) {
    if (!RETRY_KEYS.includes(key)) {
      const hint =
        key === 'maxAttempts' ? ' (retry counts retries: maxRetries = maxAttempts - 1)' : '';
      issues.push({
        path: `${path}.${key}`,
        message: `unknown option${hint}; expected one of: ${RETRY_KEYS.join(', ')}`,
      });
    }
  }
  const check = (key: string, ok: (v: unknown) => boolean, message: string): void => {
    const v = value[key];
    if (v !== undefined && !ok(v)) issues.push({ path: `${path}.${key}`, message });
  };
  check('maxRetries', (v) => isWhole(v, 0), 'must be a whole number from 0 (no retry)');
  check('initialDelayMs', (v) => isFiniteFrom(v, 0), 'must be a number of milliseconds from 0');
  check('maxDelayMs', (v) => isFiniteFrom(v, 0), 'must be a number of milliseconds from 0');
  check('maxRetryAfterMs', (v) => isFiniteFrom(v, 0), 'must be a number of milliseconds from 0');
  check('multiplier', (v) => isFiniteFrom(v, 1), 'must be a number from 1');
  check('attemptTimeoutMs', (v) => isWhole(v, 1), 'must be a whole number of milliseconds from 1');
  check(
    'isRetryable',
    (v) => typeof v === 'function',
    'must be a function (error, context) => boolean',
  );
  check(
    'random',
    (v) => typeof v === 'function',
    'must be a function returning a number in [0, 1)',
  );
  return issues;
}

/**
 * The issues of the module's retry options: `retry`, `modelRetry` / `embeddingModelRetry` (known
 * aliases only) and each model configuration's `retry` (not together with its alias's entry in
 * `modelRetry`, which would leave one of them unused).
 */
export function retryOptionIssues(
  options: Readonly<Record<string, unknown>>,
  chatAliases: readonly string[],
  embeddingAliases: readonly string[],
): ValidationIssue[] {
  const issues = retrySettingIssues(options['retry']);
  const scopes = [
    ['models', 'modelRetry', chatAliases],
    ['embeddingModels', 'embeddingModelRetry', embeddingAliases],
  ] as const;
  for (const [modelsKey, retryKey, aliases] of scopes) {
    const models = isRecord(options[modelsKey]) ? options[modelsKey] : {};
    const byAlias = options[retryKey];
    for (const alias of aliases) {
      const entry = models[alias];
      if (isRecord(entry) && typeof entry['provider'] === 'string') {
        issues.push(...retrySettingIssues(entry['retry'], `${modelsKey}.${alias}.retry`));
      }
    }
    if (byAlias === undefined) continue;
    if (!isRecord(byAlias)) {
      issues.push({ path: retryKey, message: `must be an object: { [alias]: ${EXAMPLE} }` });
      continue;
    }
    for (const [alias, setting] of Object.entries(byAlias)) {
      const path = `${retryKey}.${alias}`;
      if (!aliases.includes(alias)) {
        issues.push({
          path,
          message: `no model "${alias}" is configured in ${modelsKey}; known: ${aliases.join(', ') || '(none)'}`,
        });
      }
      const entry = models[alias];
      if (
        isRecord(entry) &&
        typeof entry['provider'] === 'string' &&
        entry['retry'] !== undefined
      ) {
        issues.push({
          path,
          message: `${modelsKey}.${alias}.retry is set too; keep one of them`,
        });
      }
      issues.push(...retrySettingIssues(setting, path));
    }
  }
  return issues;
}

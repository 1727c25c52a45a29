import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import { timeoutMsIssues } from '../models/timeout-ms-issues';
import { retrySettingIssues } from './validate-retry-options';
import { hasLineBreak, headerIssues } from '../providers/shared/header-safety';
import { isRecord } from '../core/is-record';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const TOOL_CHOICES = ['auto', 'none', 'required'];
const RESPONSE_FORMATS = ['text', 'json', 'json_schema'];

function checkRange(
  value: unknown,
  path: string,
  min: number,
  max: number,
  issues: ValidationIssue[],
): void {
  if (value !== undefined && !(typeof value === 'number' && value >= min && value <= max)) {
    issues.push({ path, message: `must be a number from ${min} to ${max}` });
  }
}

function checkPositiveInteger(value: unknown, path: string, issues: ValidationIssue[]): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0)) {
    issues.push({ path, message: 'must be a positive whole number' });
  }
}

/** Checks the options every kind of call shares: model alias, signal, timeout, retry, interceptors, headers, metadata. */
function checkCallControls(options: Record<string, unknown>, issues: ValidationIssue[]): void {
  const model = options['model'];
  if (model !== undefined && (typeof model !== 'string' || model === '')) {
    issues.push({ path: 'model', message: 'must be a non-empty model alias' });
  } else if (typeof model === 'string' && hasLineBreak(model)) {
    issues.push({ path: 'model', message: 'must not contain CR, LF or NUL characters' });
  }
  if (options['signal'] !== undefined && !(options['signal'] instanceof AbortSignal)) {
    issues.push({ path: 'signal', message: 'must be an AbortSignal' });
  }
  issues.push(...timeoutMsIssues(options['timeoutMs']));
  issues.push(...retrySettingIssues(options['retry']));
  const interceptors = options['interceptors'];
  if (interceptors !== undefined) {
    if (!Array.isArray(interceptors)) {
      issues.push({ path: 'interceptors', message: 'must be an array of interceptor instances' });
    } else {
      interceptors.forEach((entry, index) => {
        if (!isRecord(entry) || typeof entry['intercept'] !== 'function') {
          issues.push({
            path: `interceptors[${index}]`,
            message:
              'must be an object with an intercept(context, next) method (classes go in the module options)',
          });
        }
      });
    }
  }
  const headers = options['headers'];
  if (
    headers !== undefined &&
    (!isRecord(headers) || Object.values(headers).some((v) => typeof v !== 'string'))
  ) {
    issues.push({ path: 'headers', message: 'must be an object of string values' });
  } else if (isRecord(headers)) {
    issues.push(...headerIssues(headers));
  }
  if (options['metadata'] !== undefined && !(options['metadata'] instanceof Map)) {
    issues.push({ path: 'metadata', message: 'must be a Map' });
  }
}

function checkTools(options: Record<string, unknown>, issues: ValidationIssue[]): string[] {
  const tools = options['tools'];
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) {
    issues.push({ path: 'tools', message: 'must be an array of tool definitions' });
    return [];
  }
  const names: string[] = [];
  tools.forEach((tool, index) => {
    const path = `tools[${index}]`;
    if (!isRecord(tool)) {
      issues.push({ path, message: 'must be an object { name, description?, parameters }' });
      return;
    }
    if (typeof tool['name'] !== 'string' || !TOOL_NAME.test(tool['name'])) {
      issues.push({ path: `${path}.name`, message: 'must match ^[a-zA-Z0-9_-]{1,64}$' });
    } else {
      names.push(tool['name']);
    }
    if (!isRecord(tool['parameters'])) {
      issues.push({ path: `${path}.parameters`, message: 'must be a JSON Schema object' });
    }
  });
  return names;
}

function checkToolChoice(
  value: unknown,
  toolNames: readonly string[],
  issues: ValidationIssue[],
): void {
  if (value === undefined || (typeof value === 'string' && TOOL_CHOICES.includes(value))) return;
  if (isRecord(value) && value['type'] === 'tool' && typeof value['name'] === 'string') {
    if (!toolNames.includes(value['name'])) {
      issues.push({
        path: 'toolChoice.name',
        message: `no tool named ${JSON.stringify(value['name'])} in tools`,
      });
    }
    return;
  }
  issues.push({
    path: 'toolChoice',
    message: "must be 'auto', 'none', 'required' or { type: 'tool', name }",
  });
}

/**
 * Problems of the options of a `chat` / `stream` call: `temperature` in [0, 2], `topP` in [0, 1],
 * `maxTokens` a positive integer, and the call controls. Pure: no I/O.
 */
export function validateChatOptions(options: unknown): ValidationIssue[] {
  if (options === undefined) return [];
  if (!isRecord(options)) return [{ path: 'options', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  checkRange(options['temperature'], 'temperature', 0, 2, issues);
  checkRange(options['topP'], 'topP', 0, 1, issues);
  checkPositiveInteger(options['maxTokens'], 'maxTokens', issues);
  if (options['seed'] !== undefined && !Number.isSafeInteger(options['seed'])) {
    issues.push({ path: 'seed', message: 'must be a whole number' });
  }
  const stop = options['stop'];
  if (
    stop !== undefined &&
    typeof stop !== 'string' &&
    !(Array.isArray(stop) && stop.every((s) => typeof s === 'string'))
  ) {
    issues.push({ path: 'stop', message: 'must be a string or an array of strings' });
  }
  const toolNames = checkTools(options, issues);
  checkToolChoice(options['toolChoice'], toolNames, issues);
  const format = options['responseFormat'];
  if (
    format !== undefined &&
    !(isRecord(format) && RESPONSE_FORMATS.includes(format['type'] as string))
  ) {
    issues.push({
      path: 'responseFormat.type',
      message: `must be one of: ${RESPONSE_FORMATS.join(', ')}`,
    });
  }
  checkCallControls(options, issues);
  return issues;
}

/** Problems of the options of an `embed` call. Pure: no I/O. */
export function validateEmbedOptions(options: unknown): ValidationIssue[] {
  if (options === undefined) return [];
  if (!isRecord(options)) return [{ path: 'options', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  checkPositiveInteger(options['dimensions'], 'dimensions', issues);
  checkCallControls(options, issues);
  return issues;
}

import { ConduitValidationError, type ValidationIssue } from '../core';
import { isRecord } from '../core/is-record';
import type { ConduitMcpModuleOptions } from './mcp-options.types';

const POLICIES: readonly unknown[] = ['fail', 'warn'];

function checkTimeout(issues: ValidationIssue[], path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    issues.push({ path, message: 'must be a number of milliseconds, 0 or more' });
  }
}

function checkClient(issues: ValidationIssue[], name: string, config: unknown): void {
  const path = `clients.${name}`;
  if (!isRecord(config)) {
    issues.push({ path, message: 'must be { url, headers? } or { command, args?, env? }' });
    return;
  }
  const hasUrl = config.url !== undefined;
  const hasCommand = config.command !== undefined;
  if (hasUrl === hasCommand) {
    issues.push({ path, message: 'give exactly one of url (Streamable HTTP) or command (stdio)' });
  }
  if (hasUrl && (typeof config.url !== 'string' || !URL.canParse(config.url))) {
    issues.push({ path: `${path}.url`, message: 'must be an absolute URL' });
  }
  if (hasCommand && (typeof config.command !== 'string' || config.command === '')) {
    issues.push({ path: `${path}.command`, message: 'must be a non-empty string' });
  }
  if (
    config.prefix !== undefined &&
    (typeof config.prefix !== 'string' || !/^[a-zA-Z0-9_-]*$/.test(config.prefix))
  ) {
    issues.push({ path: `${path}.prefix`, message: 'may hold only letters, digits, "_" and "-"' });
  }
  if (config.onConnectError !== undefined && !POLICIES.includes(config.onConnectError)) {
    issues.push({ path: `${path}.onConnectError`, message: "must be 'fail' or 'warn'" });
  }
  checkTimeout(issues, `${path}.connectTimeoutMs`, config.connectTimeoutMs);
  if (config.reconnect !== undefined && config.reconnect !== false) {
    if (!isRecord(config.reconnect)) {
      issues.push({
        path: `${path}.reconnect`,
        message: 'must be false or { initialDelayMs?, maxDelayMs? }',
      });
    } else {
      checkTimeout(issues, `${path}.reconnect.initialDelayMs`, config.reconnect.initialDelayMs);
      checkTimeout(issues, `${path}.reconnect.maxDelayMs`, config.reconnect.maxDelayMs);
    }
  }
  checkTimeout(issues, `${path}.timeoutMs`, config.timeoutMs);
}

/**
 * Checks `ConduitMcpModule.forRoot()` options once, at bootstrap: every problem in one
 * `ConduitValidationError` (`path: problem` lines).
 */
export function validateMcpOptions(options: ConduitMcpModuleOptions): ConduitMcpModuleOptions {
  const issues: ValidationIssue[] = [];
  const raw: unknown = options;
  if (!isRecord(raw)) {
    throw new ConduitValidationError(
      [{ path: '(root)', message: 'must be an object' }],
      'Invalid ConduitMcpModule options',
    );
  }
  if (raw.path !== undefined && (typeof raw.path !== 'string' || !raw.path.startsWith('/'))) {
    issues.push({ path: 'path', message: 'must be a string starting with "/", e.g. "/mcp"' });
  }
  if (raw.legacy !== undefined && raw.legacy !== 'stateless' && raw.legacy !== 'reject') {
    issues.push({ path: 'legacy', message: "must be 'stateless' or 'reject'" });
  }
  if (raw.onConnectError !== undefined && !POLICIES.includes(raw.onConnectError)) {
    issues.push({ path: 'onConnectError', message: "must be 'fail' or 'warn'" });
  }
  const size = raw.maxRequestBodySize;
  if (size !== undefined && (typeof size !== 'number' || !(size > 0))) {
    issues.push({ path: 'maxRequestBodySize', message: 'must be a positive number of bytes' });
  }
  const origins = raw.allowedOrigins;
  if (
    origins !== undefined &&
    (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string' && URL.canParse(o)))
  ) {
    issues.push({
      path: 'allowedOrigins',
      message: 'must be a list of origins, e.g. "https://app.example.com"',
    });
  }
  if (raw.clients !== undefined) {
    if (!isRecord(raw.clients)) issues.push({ path: 'clients', message: 'must be an object' });
    else
      for (const [name, config] of Object.entries(raw.clients)) checkClient(issues, name, config);
  }
  if (issues.length > 0)
    throw new ConduitValidationError(issues, 'Invalid ConduitMcpModule options');
  return options;
}

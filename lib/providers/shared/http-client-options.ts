import type { ValidationIssue } from '../../core/errors/conduit-validation.error';
import type { HttpClientOptions } from './http-client.types';

/**
 * The largest delay `setTimeout` keeps (2^31 - 1 ms); a larger one would fire at once. The same
 * as `MAX_TIMEOUT_MS` of the package root, which providers do not import (they sit below it).
 */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The HTTP settings a model passes on to its HttpClient as they are. */
export type HttpTransportSettings = Pick<
  HttpClientOptions,
  'maxResponseBytes' | 'maxConnections' | 'timeoutMs'
>;

/**
 * The HTTP settings found in a model's settings, absent ones left out (the client's defaults then
 * apply).
 */
export function httpTransportSettings(settings: HttpTransportSettings): HttpTransportSettings {
  const { maxResponseBytes, maxConnections, timeoutMs } = settings;
  return {
    ...(maxResponseBytes !== undefined && { maxResponseBytes }),
    ...(maxConnections !== undefined && { maxConnections }),
    ...(timeoutMs !== undefined && { timeoutMs }),
  };
}

/**
 * Problems of the client's `maxConnections` and `timeoutMs` (the module reports the same ones at
 * bootstrap, under the model's path): a model built by hand fails at construction, naming the
 * setting, rather than with undici's own error on its first call.
 */
export function httpClientOptionIssues(options: HttpTransportSettings): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { maxConnections, timeoutMs } = options;
  if (
    maxConnections !== undefined &&
    !(Number.isSafeInteger(maxConnections) && maxConnections > 0)
  ) {
    issues.push({ path: 'maxConnections', message: 'must be a positive whole number' });
  }
  if (
    timeoutMs !== undefined &&
    !(Number.isSafeInteger(timeoutMs) && timeoutMs >= 0 && timeoutMs <= MAX_TIMEOUT_MS)
  ) {
    issues.push({
      path: 'timeoutMs',
      message: `must be a whole number of milliseconds from 0 (no timeout) to ${MAX_TIMEOUT_MS}`,
    });
  }
  return issues;
}

import { ProviderError, ToolUseFailedError } from '../../core';
import { applyShouldRetry, shouldRetryOf } from '../shared/should-retry';
import { isRecord, optionalString } from '../shared/wire-data';

/**
 * Groq reports a tool call the model got wrong as `tool_use_failed` (HTTP 400, or an `event:
 * error` in the middle of a stream) with the model's output in `failed_generation`. That becomes a
 * ToolUseFailedError carrying it (and the provider's `x-should-retry` verdict, if it gave one);
 * every other error passes through unchanged.
 */
export function mapGroqError(error: unknown): unknown {
  if (!(error instanceof ProviderError) || error.code !== 'tool_use_failed') return error;
  const body = error.body;
  const inner = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
  const failedGeneration =
    inner === undefined ? undefined : optionalString(inner['failed_generation']);
  const mapped = new ToolUseFailedError(error.message, {
    provider: error.provider,
    ...(error.status !== undefined && { status: error.status }),
    code: 'tool_use_failed',
    ...(error.param !== undefined && { param: error.param }),
    body,
    ...(error.requestId !== undefined && { requestId: error.requestId }),
    cause: error,
    ...(failedGeneration !== undefined && { failedGeneration }),
  });
  return applyShouldRetry(mapped, shouldRetryOf(error));
}

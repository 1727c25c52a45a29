import type { ConduitError } from '../../core';
import { mapOpenAIStreamError, type OpenAIErrorContext } from '../shared/openai-wire/openai-errors';
import { isRecord } from '../shared/wire-data';

/**
 * Maps an error the Responses API reports with HTTP 200: an `error` stream event (its fields at the
 * top level, or nested in `error` as older streams send them), or the `error` object of a
 * `response.failed` event or of a non-streamed body with `status: "failed"`. The code picks the
 * class: `insufficient_quota` is a QuotaExceededError, rate limits stay retryable, and so on.
 */
export function mapResponsesError(payload: unknown, context: OpenAIErrorContext): ConduitError {
  const nested = isRecord(payload) ? payload['error'] : undefined;
  const error = isRecord(nested)
    ? nested
    : typeof nested === 'string'
      ? { message: nested }
      : payload;
  const fields: Record<string, unknown> = isRecord(error)
    ? { ...error }
    : { message: String(error) };
  // A top-level `error` event carries its own event type and sequence number: not error fields.
  if (fields['type'] === 'error') delete fields['type'];
  delete fields['sequence_number'];
  return mapOpenAIStreamError({ error: fields }, context);
}

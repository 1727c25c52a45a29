import type { ConduitError } from '../../core';
import type { HttpErrorResponse } from '../../providers/shared/http-client.types';
import { mapHttpStatusError } from '../../providers/shared/map-http-status-error';
import { redactSecrets, redactValue } from '../../providers/shared/redact-secrets';
import { parseRetryAfterMs } from '../../providers/shared/retry-after';
import { parseShouldRetry } from '../../providers/shared/should-retry';
import { isRecord, optionalString } from '../../providers/shared/wire-data';

/** Who failed, and which values must not leak into the error. */
export interface RerankErrorContext {
  readonly provider: string;
  readonly secrets: readonly (string | undefined)[];
}

/** How much of a body without a known error shape goes into the message. */
const EXCERPT_LENGTH = 300;

/**
 * The message of a rerank error body, in the shapes the servers use: Cohere `{ message }`, Jina
 * and Voyage `{ detail }`, FastAPI validation (Infinity) `{ detail: [{ loc, msg }] }`, TEI
 * `{ error, error_type }`, OpenAI-style `{ error: { message } }`; else an excerpt of the body (an
 * HTML page from a proxy).
 */
function messageOf(body: unknown): string {
  if (isRecord(body)) {
    const error = body['error'];
    const detail = body['detail'];
    const text =
      optionalString(body['message']) ??
      optionalString(detail) ??
      (Array.isArray(detail)
        ? detail
            .map((item) => (isRecord(item) ? optionalString(item['msg']) : undefined))
            .filter((msg) => msg !== undefined)
            .join('; ')
        : undefined) ??
      optionalString(error) ??
      (isRecord(error) ? optionalString(error['message']) : undefined);
    if (text !== undefined && text !== '') return text;
  }
  const raw = typeof body === 'string' ? body.trim() : (JSON.stringify(body) ?? '');
  return raw === '' ? '(empty body)' : raw;
}

/**
 * A non-2xx rerank answer as the library's typed error (401 AuthenticationError, 429
 * RateLimitError with its `retry-after`, 5xx ServerError...), every key redacted from the
 * message and the body. Redaction runs BEFORE the excerpt is cut: cut first, a key straddling the
 * cut would survive as a piece no rule recognises.
 */
export function mapRerankError(
  response: HttpErrorResponse,
  context: RerankErrorContext,
): ConduitError {
  const { provider, secrets } = context;
  const clean = redactSecrets(messageOf(response.body), secrets);
  const excerpt = clean.length > EXCERPT_LENGTH ? `${clean.slice(0, EXCERPT_LENGTH)}...` : clean;
  const code =
    isRecord(response.body) && typeof response.body['error_type'] === 'string'
      ? redactSecrets(response.body['error_type'], secrets)
      : undefined;
  return mapHttpStatusError({
    provider,
    status: response.status,
    message: `${provider} rerank error ${response.status}: ${excerpt}`,
    code,
    body: redactValue(response.body, secrets),
    requestId: response.headers['x-request-id'] ?? response.headers['request-id'],
    retryAfterMs: parseRetryAfterMs(response.headers),
    shouldRetry: parseShouldRetry(response.headers),
  });
}

import { AbortedError } from './aborted.error';
import { BudgetExceededError } from './budget-exceeded.error';
import { ConduitValidationError } from './conduit-validation.error';
import { ConnectionError } from './connection.error';
import { ContentFilterError } from './content-filter.error';
import { ContextLengthExceededError } from './context-length-exceeded.error';
import { GuardrailViolationError } from './guardrail-violation.error';
import { ProviderError } from './provider.error';
import { QuotaExceededError } from './quota-exceeded.error';
import { RateLimitExceededError } from './rate-limit-exceeded.error';
import { RateLimitError } from './rate-limit.error';
import { ServerError } from './server.error';
import { TimeoutError } from './timeout.error';
import { UnsupportedContentError } from './unsupported-content.error';

/** How a failure may be told to the clients of an app: an HTTP answer or a last SSE frame. */
export interface ClientErrorDescription {
  /** The HTTP status that fits. */
  readonly status: number;
  /** Stable machine-readable kind: `rate_limited`, `upstream_error`, `invalid_input`... */
  readonly code: string;
  /** A fixed message written for clients; never the provider's own text. */
  readonly message: string;
  /** When to come back, when the provider or a limit said so. */
  readonly retryAfterMs?: number;
}

function described(
  status: number,
  code: string,
  message: string,
  retryAfterMs?: number,
): ClientErrorDescription {
  return retryAfterMs === undefined
    ? { status, code, message }
    : { status, code, message, retryAfterMs };
}

/**
 * What a client may learn of a failure. The provider's message and body never go out: they can
 * name accounts, internal prompts, upstream addresses or a masked fragment of a key. Only a fixed
 * message per kind does (a validation error's issues are the caller's to add: they describe the
 * client's own input).
 *
 * - `ConduitValidationError` 422; unsupported content (a file, image or audio the model cannot
 *   take), context too long, content filtered and blocked by a guardrail 422
 * - `RateLimitError`, `RateLimitExceededError`, `BudgetExceededError` 429 (with `retryAfterMs` when known)
 * - `TimeoutError` 504
 * - `ServerError` 503 when it says when to come back, else 502; `QuotaExceededError`, `AbortedError` 503
 * - every other provider failure (auth, not found, bad request, malformed answer, connection) 502
 * - anything else 500
 */
export function describeErrorForClient(error: unknown): ClientErrorDescription {
  if (error instanceof ConduitValidationError) {
    return described(422, 'invalid_input', 'The request is invalid.');
  }
  if (error instanceof UnsupportedContentError) {
    // The model id stays on the server: it is configuration, not the client's input.
    return described(
      422,
      'unsupported_content',
      'The model cannot take this kind of content (file, image or audio).',
    );
  }
  if (error instanceof ContextLengthExceededError) {
    return described(422, 'context_length_exceeded', 'The conversation is too long for the model.');
  }
  if (error instanceof ContentFilterError) {
    return described(
      422,
      'content_filtered',
      "The content was blocked by the model provider's policy.",
    );
  }
  if (error instanceof GuardrailViolationError) {
    // The guardrail's reason stays on the server: it names the policy that caught the content.
    return described(422, 'guardrail_blocked', 'The content was blocked by a content policy.');
  }
  if (error instanceof RateLimitError || error instanceof RateLimitExceededError) {
    return described(
      429,
      'rate_limited',
      'Too many requests; try again later.',
      error.retryAfterMs,
    );
  }
  if (error instanceof BudgetExceededError) {
    return described(429, 'budget_exceeded', 'The usage budget is spent.');
  }
  if (error instanceof TimeoutError) {
    return described(504, 'upstream_timeout', 'The model did not answer in time.');
  }
  if (error instanceof ServerError && error.retryAfterMs !== undefined) {
    return described(
      503,
      'upstream_unavailable',
      'The model provider is unavailable; try again later.',
      error.retryAfterMs,
    );
  }
  if (error instanceof QuotaExceededError) {
    return described(503, 'upstream_unavailable', 'The model provider is unavailable.');
  }
  if (error instanceof AbortedError) {
    return described(503, 'aborted', 'The call was aborted.');
  }
  // Provider errors (auth, not found, bad request, malformed or oversized answers) and transport
  // failures: the upstream is at fault, not the client.
  if (error instanceof ProviderError || error instanceof ConnectionError) {
    return described(502, 'upstream_error', 'The model provider failed to answer.');
  }
  return described(500, 'internal_error', 'Internal server error.');
}

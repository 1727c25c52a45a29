import { AuthenticationError } from '../../core/errors/authentication.error';
import { ConnectionError } from '../../core/errors/connection.error';
import { PermissionDeniedError } from '../../core/errors/permission-denied.error';
import { QuotaExceededError } from '../../core/errors/quota-exceeded.error';
import { RateLimitError } from '../../core/errors/rate-limit.error';
import { ServerError } from '../../core/errors/server.error';

/** Longest cool-down a deployment gets, whatever its `Retry-After` says. */
const MAX_COOLDOWN_MS = 60_000;
/** Cool-down after a 429 without `Retry-After`, a 5xx or a connection failure. */
const TRANSIENT_COOLDOWN_MS = 1_000;

/**
 * Whether an error of one deployment sends the call to the next one, and for how long the failing
 * deployment is then passed over (ms); undefined when the call must not move on. Errors about the
 * deployment move on: its rate limit, its quota, its key (a revoked key must not take the alias
 * down), its server or connection. Errors about the request (invalid, too long, filtered) and
 * aborts would fail the same way everywhere, and surface at once.
 */
export function moveOnCooldownMs(error: unknown): number | undefined {
  if (error instanceof RateLimitError) {
    return Math.min(MAX_COOLDOWN_MS, error.retryAfterMs ?? TRANSIENT_COOLDOWN_MS);
  }
  if (
    error instanceof QuotaExceededError ||
    error instanceof AuthenticationError ||
    error instanceof PermissionDeniedError
  ) {
    return MAX_COOLDOWN_MS;
  }
  if (error instanceof ServerError) {
    return Math.min(MAX_COOLDOWN_MS, error.retryAfterMs ?? TRANSIENT_COOLDOWN_MS);
  }
  if (error instanceof ConnectionError) return TRANSIENT_COOLDOWN_MS;
  return undefined;
}

import { AbortedError } from '../core/errors/aborted.error';
import { ConduitError } from '../core/errors/conduit.error';

/**
 * The error a call fails with when its signal aborts: the abort reason itself when it is a
 * `ConduitError` (a `TimeoutError` set by a timer), otherwise an `AbortedError` carrying the reason
 * as `cause`. The same rule the providers follow.
 */
export function toAbortError(reason: unknown): ConduitError {
  if (reason instanceof ConduitError) return reason;
  return new AbortedError(undefined, { cause: reason });
}

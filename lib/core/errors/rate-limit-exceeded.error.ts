import { ConduitError } from './conduit.error';

/** What `RateLimitExceededError` reports. */
export interface RateLimitExceededDetails {
  /** The model alias whose limit was reached. */
  readonly alias: string;
  /** The user key the limit applied to, when the interceptor has one. */
  readonly key?: string;
  /** Which budget ran out: requests per minute or tokens per minute. */
  readonly limit: 'requests' | 'tokens';
  /** When a call could go through again, in ms (`Infinity` when this call can never fit). */
  readonly retryAfterMs: number;
  /** Why the call was refused rather than made to wait. */
  readonly reason: 'error-mode' | 'wait-too-long' | 'too-large';
}

/**
 * `RateLimitInterceptor` refused a call: its own requests-per-minute or tokens-per-minute budget
 * (not the provider's: that is `RateLimitError`) is spent and the interceptor is set to fail fast,
 * or the wait would exceed `maxWaitMs`, or the call alone needs more tokens than the budget holds.
 * Not retryable by `RetryInterceptor` (it would only spin); wait `retryAfterMs` yourself.
 */
export class RateLimitExceededError extends ConduitError {
  readonly alias: string;
  readonly key: string | undefined;
  readonly limit: 'requests' | 'tokens';
  readonly retryAfterMs: number;
  readonly reason: RateLimitExceededDetails['reason'];

  constructor(details: RateLimitExceededDetails) {
    super(RateLimitExceededError.describe(details), { isRetryable: false });
    this.alias = details.alias;
    this.key = details.key;
    this.limit = details.limit;
    this.retryAfterMs = details.retryAfterMs;
    this.reason = details.reason;
  }

  private static describe(d: RateLimitExceededDetails): string {
    const who = `model alias '${d.alias}'${d.key === undefined ? '' : ` (key '${d.key}')`}`;
    const budget = d.limit === 'requests' ? 'requests per minute' : 'tokens per minute';
    if (d.reason === 'too-large') {
      return `This call needs more ${budget} than the limit of ${who} allows at all; raise the limit or shorten the request.`;
    }
    return `The ${budget} limit of ${who} is reached; retry in ${d.retryAfterMs} ms.`;
  }
}

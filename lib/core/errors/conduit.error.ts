/** Options shared by every Conduit error. */
export interface ConduitErrorOptions {
  readonly cause?: unknown;
  /** Whether trying the same call again may succeed. */
  readonly isRetryable?: boolean;
}

/**
 * The base of every error nestjs-conduit throws. `isRetryable` tells retry logic whether the same
 * call may succeed if tried again. Messages never contain an API key.
 */
export class ConduitError extends Error {
  readonly isRetryable: boolean;

  constructor(message: string, options: ConduitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.isRetryable = options.isRetryable ?? false;
  }
}

import { ConduitError } from './conduit.error';

/** The call took longer than its `timeoutMs`; the HTTP request was cancelled. Retryable. */
export class TimeoutError extends ConduitError {
  readonly timeoutMs: number;

  constructor(
    timeoutMs: number,
    message = `The call did not finish within ${timeoutMs} ms and was cancelled.`,
  ) {
    super(message, { isRetryable: true });
    this.timeoutMs = timeoutMs;
  }
}

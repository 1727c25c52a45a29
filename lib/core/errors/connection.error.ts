import { ConduitError } from './conduit.error';

/** The HTTP connection failed before an answer arrived (refused, reset, DNS). Retryable. */
export class ConnectionError extends ConduitError {
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(message, { cause: options.cause, isRetryable: true });
  }
}

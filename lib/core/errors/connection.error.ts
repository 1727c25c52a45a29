import { ConduitError } from './conduit.error';

/**
 * The transport failed before or while an answer arrived: refused, reset, DNS, TLS, too many open
 * files (EMFILE), a server that does not speak HTTP, broken chunked encoding. Retryable.
 */
export class ConnectionError extends ConduitError {
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super(message, { cause: options.cause, isRetryable: true });
  }
}

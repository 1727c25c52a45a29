import { InvalidResponseError } from './invalid-response.error';
import type { ProviderErrorDetails } from './provider.error';

/**
 * The provider's answer (a JSON body, an error page or a stream) grew past the client's
 * `maxResponseBytes` limit. Reading stopped there and the connection was closed, so a runaway or
 * hostile server cannot exhaust memory. Not retryable: the same request would grow as large again.
 */
export class ResponseTooLargeError extends InvalidResponseError {
  /** The limit that was exceeded, in bytes. */
  readonly limitBytes: number;

  constructor(limitBytes: number, details: ProviderErrorDetails) {
    super(
      `${details.provider}: the response is larger than ${limitBytes} bytes; reading stopped. Raise maxResponseBytes in the model settings if such answers are expected.`,
      { ...details, code: details.code ?? 'response_too_large' },
    );
    this.limitBytes = limitBytes;
  }
}

import { ConduitError } from './conduit.error';

/** What a provider told us about a failed call. */
export interface ProviderErrorDetails {
  /** Provider name (`openai`, `anthropic`, ...). */
  readonly provider: string;
  /** HTTP status, when the failure came with one (absent for errors sent inside a stream). */
  readonly status?: number;
  /** The provider's error code or type (`invalid_api_key`, `overloaded_error`, ...). */
  readonly code?: string;
  /** The parameter the provider blamed, when it named one. */
  readonly param?: string;
  /** The parsed error body (or the raw text when it was not JSON). */
  readonly body?: unknown;
  /** The provider's request id (`x-request-id` / `request-id`), for support tickets. */
  readonly requestId?: string;
  readonly cause?: unknown;
  readonly isRetryable?: boolean;
}

/** A call the provider answered with an error. Subclasses name the kind of failure. */
export class ProviderError extends ConduitError {
  readonly provider: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly param: string | undefined;
  readonly body: unknown;
  readonly requestId: string | undefined;

  constructor(message: string, details: ProviderErrorDetails) {
    super(message, {
      cause: details.cause,
      isRetryable: details.isRetryable ?? false,
    });
    this.provider = details.provider;
    this.status = details.status;
    this.code = details.code;
    this.param = details.param;
    this.body = details.body;
    this.requestId = details.requestId;
  }
}

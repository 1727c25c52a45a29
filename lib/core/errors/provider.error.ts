import { redactSecrets, redactValue } from '../redact-secrets';
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
  /** The parsed error body (or the raw text when it was not JSON); kept redacted. */
  readonly body?: unknown;
  /** The provider's request id (`x-request-id` / `request-id`), for support tickets. */
  readonly requestId?: string;
  readonly cause?: unknown;
  readonly isRetryable?: boolean;
  /**
   * The API keys of the call, redacted by exact match from the message, body, code, param and
   * request id on top of the credential shapes always redacted. Not kept on the error.
   */
  readonly secrets?: readonly (string | undefined)[] | undefined;
}

/**
 * A call the provider answered with an error. Subclasses name the kind of failure. Everything it
 * keeps from the answer is redacted at construction: a body that echoes the request headers (as
 * proxies and debugging gateways do) never shows the key in `JSON.stringify`, `util.inspect` or a
 * logger.
 */
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
      secrets: details.secrets,
    });
    const secrets = details.secrets ?? [];
    const clean = (text: string | undefined): string | undefined =>
      text === undefined ? undefined : redactSecrets(text, secrets);
    this.provider = details.provider;
    this.status = details.status;
    this.code = clean(details.code);
    this.param = clean(details.param);
    this.body = redactValue(details.body, secrets);
    this.requestId = clean(details.requestId);
  }
}

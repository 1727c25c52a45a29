import { AuthenticationError } from '../core/errors/authentication.error';
import { ConnectionError } from '../core/errors/connection.error';
import { ContentFilterError } from '../core/errors/content-filter.error';
import { QuotaExceededError } from '../core/errors/quota-exceeded.error';
import { RateLimitError } from '../core/errors/rate-limit.error';
import { ServerError } from '../core/errors/server.error';
import type { MockResponse, MockToolCall } from './mock-response.types';

const PROVIDER = 'mock';

/**
 * Builders of scripted answers for `MockChatModel`, errors typed like a real provider's.
 *
 * @example
 * new MockChatModel({
 *   responses: [MockResponses.rateLimited(1000), MockResponses.text('Hello!')],
 * });
 */
export const MockResponses = {
  /** A text answer. */
  text(text: string, extra: Omit<MockResponse, 'text'> = {}): MockResponse {
    return { ...extra, text };
  },

  /** An answer with one tool call (finish reason `tool_calls`). */
  toolCall(
    name: string,
    args: Record<string, unknown> = {},
    extra: Omit<MockResponse, 'toolCalls'> = {},
  ): MockResponse {
    return { ...extra, toolCalls: [{ name, arguments: args }] };
  },

  /** An answer with several tool calls. */
  toolCalls(
    calls: readonly MockToolCall[],
    extra: Omit<MockResponse, 'toolCalls'> = {},
  ): MockResponse {
    return { ...extra, toolCalls: calls };
  },

  /** A call that fails with `error`. */
  error(error: Error, extra: Omit<MockResponse, 'error'> = {}): MockResponse {
    return { ...extra, error };
  },

  /** HTTP 429: a retryable `RateLimitError`, with `retryAfterMs` when given. */
  rateLimited(retryAfterMs?: number): MockResponse {
    return {
      error: new RateLimitError('mock error 429 (rate_limit_exceeded): Rate limit reached.', {
        provider: PROVIDER,
        status: 429,
        code: 'rate_limit_exceeded',
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      }),
    };
  },

  /** HTTP 5xx: a retryable `ServerError`. */
  serverError(status = 500): MockResponse {
    return {
      error: new ServerError(`mock error ${status}: The server had an error.`, {
        provider: PROVIDER,
        status,
      }),
    };
  },

  /** HTTP 429 `insufficient_quota`: a `QuotaExceededError`, not retryable. */
  quotaExceeded(): MockResponse {
    return {
      error: new QuotaExceededError(
        'mock error 429 (insufficient_quota): You exceeded your quota.',
        {
          provider: PROVIDER,
          status: 429,
          code: 'insufficient_quota',
        },
      ),
    };
  },

  /** HTTP 401: an `AuthenticationError`. */
  authenticationFailed(): MockResponse {
    return {
      error: new AuthenticationError('mock error 401 (invalid_api_key): Incorrect API key.', {
        provider: PROVIDER,
        status: 401,
        code: 'invalid_api_key',
      }),
    };
  },

  /** The provider's safety system blocked the request: a `ContentFilterError`. */
  contentFiltered(): MockResponse {
    return {
      error: new ContentFilterError('mock error 400 (content_filter): The request was blocked.', {
        provider: PROVIDER,
        status: 400,
        code: 'content_filter',
      }),
    };
  },

  /** The connection failed before an answer: a retryable `ConnectionError`. */
  connectionFailed(): MockResponse {
    return { error: new ConnectionError('mock: connect ECONNREFUSED 127.0.0.1:443') };
  },
} as const;

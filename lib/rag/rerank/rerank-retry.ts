import { lastValueFrom } from 'rxjs';
import { TimeoutError } from '../../core';
import type { RetryOptions } from '../../core/retry-options.types';
import { abortableDelay } from '../../interceptors/built-in/abort-signal.utils';
import {
  isRetryableError,
  requestedRetryDelay,
} from '../../interceptors/built-in/is-retryable-error';

/**
 * How an HTTP reranker retries a failed request: the built-in retry's settings that apply to one
 * request (`maxRetries` default 2, `initialDelayMs` 500, `multiplier` 2, `maxDelayMs` 30 000,
 * `maxRetryAfterMs` 60 000, `random`), or `false` for none.
 */
export type RerankRetrySetting =
  | false
  | Pick<
      RetryOptions,
      'maxRetries' | 'initialDelayMs' | 'multiplier' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random'
    >;

const NEVER = new AbortController().signal;

/**
 * Runs `attempt` and retries it as ChatService's built-in retry would a model call: a 429 (after
 * its `retry-after`, when not longer than `maxRetryAfterMs`), a 5xx, a dropped connection; never
 * a 4xx, an abort or a timeout (each try already had the whole `timeoutMs`). Waits are full-jitter
 * exponential backoff, cut short by `signal`.
 */
export async function withRerankRetry<T>(
  attempt: () => Promise<T>,
  setting: RerankRetrySetting | undefined,
  signal: AbortSignal | undefined,
): Promise<T> {
  const options = setting === false ? { maxRetries: 0 } : (setting ?? {});
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const requested = requestedRetryDelay(error);
      if (
        retry >= maxRetries ||
        error instanceof TimeoutError ||
        !isRetryableError(error) ||
        (requested !== undefined && requested > maxRetryAfterMs)
      ) {
        throw error;
      }
      const ceiling = Math.min(
        options.maxDelayMs ?? 30_000,
        (options.initialDelayMs ?? 500) * (options.multiplier ?? 2) ** retry,
      );
      const delayMs = requested ?? Math.floor((options.random ?? Math.random)() * ceiling);
      await lastValueFrom(abortableDelay(delayMs, signal ?? NEVER));
    }
  }
}

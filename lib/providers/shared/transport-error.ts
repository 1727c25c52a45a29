import { AbortedError, ConduitError, ConnectionError, TimeoutError } from '../../core';

/** Error codes of failures where no usable answer arrived and trying again may work. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** undici's own timers fired (`headersTimeout` / `bodyTimeout`): the server went silent. */
const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** What an abort looks like from outside: an AbortSignal and a CallAbort both are one. */
export interface AbortState {
  readonly aborted: boolean;
  readonly reason?: unknown;
}

/**
 * The error a call fails with when its signal fired: the signal's reason itself when it is a
 * ConduitError (a TimeoutError set by a caller's timer), else an AbortedError.
 */
export function abortError(signal: AbortState): ConduitError {
  const reason: unknown = signal.reason;
  if (reason instanceof ConduitError) return reason;
  return new AbortedError(undefined, { cause: reason });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Connection failures may arrive wrapped (AggregateError for happy-eyeballs, `cause` chains).
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== error) return errorCode(cause);
  const errors = (error as { errors?: unknown }).errors;
  return Array.isArray(errors) ? errorCode(errors[0]) : undefined;
}

/**
 * Maps whatever undici or Node threw while talking to `url` to a ConduitError. An aborted signal
 * wins over the error undici reports, so callers always see their own abort reason.
 */
export function toTransportError(
  error: unknown,
  url: string,
  signal: AbortState | undefined,
  idleTimeoutMs: number,
): ConduitError {
  if (signal?.aborted === true) return abortError(signal);
  if (error instanceof ConduitError) return error;
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code !== undefined && UNDICI_TIMEOUT_CODES.has(code)) return new TimeoutError(idleTimeoutMs);
  if (code !== undefined && CONNECTION_CODES.has(code)) {
    return new ConnectionError(
      `The connection to ${new URL(url).origin} failed (${code}: ${detail}). Check the base URL and the network; the call can be retried.`,
      { cause: error },
    );
  }
  return new ConduitError(`HTTP request to ${new URL(url).origin} failed: ${detail}`, {
    cause: error,
  });
}

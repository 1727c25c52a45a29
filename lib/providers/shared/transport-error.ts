import { AbortedError, ConduitError, ConnectionError, TimeoutError } from '../../core';

/**
 * Codes of errors that say the request itself could not be built (a bad argument, an option
 * undici refuses): a bug or a setting to fix, never a network failure, so not retried. Every other
 * failure undici reports while talking to the server is one of the transport.
 */
const REQUEST_ERROR_CODES = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_MAX_ORIGINS_REACHED',
  'ERR_OUT_OF_RANGE',
]);

/** undici's own timers fired (`headersTimeout` / `bodyTimeout`): the server went silent. */
const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The process ran out of file descriptors (its own limit, or the system's). */
const DESCRIPTOR_CODES = new Set(['EMFILE', 'ENFILE']);

/** The bytes that came back are not a well-formed HTTP/1.1 answer. */
const PROTOCOL_CODES = new Set([
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
]);

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

function isRequestError(code: string | undefined): boolean {
  return code !== undefined && (REQUEST_ERROR_CODES.has(code) || code.startsWith('ERR_INVALID_'));
}

/**
 * undici's parser failed: a server that does not speak HTTP (an SSH or TLS port given as an
 * http:// base URL) or a body whose chunked encoding is broken. undici sets no code on some of
 * these (7.30.2), so the name tells them apart.
 */
function isProtocolError(error: unknown, code: string | undefined): boolean {
  if (code !== undefined) return code.startsWith('HPE_') || PROTOCOL_CODES.has(code);
  return error instanceof Error && error.name === 'HTTPParserError';
}

/** What the caller can do about one kind of transport failure. */
function transportMessage(origin: string, error: unknown, code: string | undefined): string {
  const detail = error instanceof Error ? error.message : String(error);
  const what = code === undefined ? detail : `${code}: ${detail}`;
  if (code !== undefined && DESCRIPTOR_CODES.has(code)) {
    return `The connection to ${origin} failed (${what}): the process ran out of file descriptors. Lower the model's maxConnections or raise the limit (ulimit -n); the call can be retried.`;
  }
  if (isProtocolError(error, code)) {
    return `${origin} did not answer valid HTTP (${what}). Check that the base URL points at the API and not at another service or port, and that no proxy alters the answer; the call can be retried.`;
  }
  return `The connection to ${origin} failed (${what}). Check the base URL and the network; the call can be retried.`;
}

/**
 * Maps whatever undici or Node threw while talking to `url` to a ConduitError. An aborted signal
 * wins over the error undici reports, so callers always see their own abort reason. Every
 * transport failure becomes a retryable ConnectionError: refused, reset or closed sockets, DNS,
 * TLS, a server that does not speak HTTP or breaks its chunked encoding, and running out of file
 * descriptors (EMFILE / ENFILE: the shortage is process-wide and passes as other calls end, so a
 * retry after a backoff may work). A request undici refuses to build (a bad argument) and an error
 * without a code, which cannot be told to be the network's, stay a plain, non-retryable
 * ConduitError.
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
  if (code !== undefined && UNDICI_TIMEOUT_CODES.has(code)) return new TimeoutError(idleTimeoutMs);
  const origin = new URL(url).origin;
  if ((code !== undefined && !isRequestError(code)) || isProtocolError(error, code)) {
    return new ConnectionError(transportMessage(origin, error, code), { cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ConduitError(`HTTP request to ${origin} failed: ${detail}`, { cause: error });
}

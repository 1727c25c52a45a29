import { ForbiddenException, HttpException, UnauthorizedException } from '@nestjs/common';
import { ConduitValidationError, TimeoutError, type ToolCall } from '../core';
// The pattern-based masking the LoggingInterceptor uses: tools know no API key to look for, only
// shapes of credentials (providers/shared/redact-secrets needs the exact secret values).
import { redactSecrets } from '../core/redact-secrets';
import { ToolError } from './tool.error';

/**
 * `scheme://user:password@host`: the password goes, the rest stays. Connection strings are the
 * credential a tool's error most often carries (a database or broker client echoing its URL).
 * Greedy up to the last `@` of the authority, so a password holding an `@` goes whole.
 */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s/?#]+@/gi;

/** A class name fit for the model and the logs: `OutOfStockError`, `TypeError`, `Error`. */
export function errorClassName(error: unknown): string {
  if (!(error instanceof Error)) return `thrown ${typeof error}`;
  // A subclass that never set `name` still says `Error`; its constructor says more.
  const name = error.name !== 'Error' ? error.name : error.constructor.name;
  return /^[\w$.-]{1,64}$/.test(name) ? name : 'Error';
}

/** `ClassName: message` on one line (a multi-line message joined by spaces), for the app's logs. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${errorClassName(error)}: ${message.replace(/\s*\r?\n\s*/g, ' ')}`;
}

/**
 * Whether an error's message was written for whoever called: a `ToolError`, a validation error
 * (the model needs its issues to fix the call), a Nest `HttpException` (a guard denial, a
 * `ValidationPipe` answer; Nest sends those messages to HTTP clients too), or the executor's own
 * timeout.
 */
export function isWrittenForModel(error: unknown): boolean {
  return (
    error instanceof ToolError ||
    error instanceof ConduitValidationError ||
    error instanceof HttpException ||
    error instanceof TimeoutError
  );
}

function httpMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : error.message;
}

/**
 * The text the model gets for a tool that failed: denied by a guard ("not allowed"), timed out,
 * or threw. Never a stack; an error's own message only when it was written for the model
 * (`isWrittenForModel`) or when `verbose`.
 */
export function failureMessage(toolCall: ToolCall, error: unknown, verbose: boolean): string {
  const name = toolCall.name;
  if (error instanceof ForbiddenException || error instanceof UnauthorizedException) {
    return `Tool "${name}" is not allowed: ${httpMessage(error)}.`;
  }
  if (error instanceof TimeoutError) return error.message;
  if (error instanceof HttpException) return `Tool "${name}" failed: ${httpMessage(error)}.`;
  if (verbose || isWrittenForModel(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return `Tool "${name}" failed: ${message}`;
  }
  return `Tool "${name}" failed (${errorClassName(error)}). The error details were withheld.`;
}

/** `text` with credential-looking parts (API keys, bearer tokens, URL passwords) masked. */
export function maskSecrets(text: string): string {
  return redactSecrets(text).replace(URL_PASSWORD, '$1:[REDACTED]@');
}

import { redactSecrets, redactValue } from '../redact-secrets';

/** Options shared by every Conduit error. */
export interface ConduitErrorOptions {
  readonly cause?: unknown;
  /** Whether trying the same call again may succeed. */
  readonly isRetryable?: boolean;
  /**
   * Values (the API keys of the call) redacted by exact match from everything the error keeps,
   * on top of the credential shapes always redacted (see `redactSecrets`). Not kept on the error.
   */
  readonly secrets?: readonly (string | undefined)[] | undefined;
}

/** How far a chain of foreign causes is followed before the rest is dropped. */
const MAX_CAUSE_DEPTH = 8;

/**
 * The cause with every credential redacted. A Conduit error redacted itself at construction and
 * any other clean cause is kept as is (callers compare abort reasons by identity); a foreign error
 * whose message, stack or own cause holds a key is replaced by a plain Error copy without it,
 * since `util.inspect` (hence `console.error` and Nest's logger) prints a cause in full.
 */
function redactCause(cause: unknown, secrets: readonly (string | undefined)[], depth = 0): unknown {
  if (cause instanceof ConduitError) return cause;
  if (!(cause instanceof Error)) return redactValue(cause, secrets);
  if (depth >= MAX_CAUSE_DEPTH) return undefined;
  const message = redactSecrets(cause.message, secrets);
  const stack = cause.stack === undefined ? undefined : redactSecrets(cause.stack, secrets);
  const inner: unknown = cause.cause;
  const cleanInner = inner === undefined ? undefined : redactCause(inner, secrets, depth + 1);
  if (message === cause.message && stack === cause.stack && cleanInner === inner) return cause;
  const copy = new Error(message, cleanInner === undefined ? undefined : { cause: cleanInner });
  copy.name = cause.name;
  if (stack !== undefined) copy.stack = stack;
  return copy;
}

/**
 * The base of every error nestjs-conduit throws. `isRetryable` tells retry logic whether the same
 * call may succeed if tried again. Messages never contain an API key: the message (hence the
 * stack) and the cause are redacted here, at construction, so no path that builds an error can
 * forget it; `options.secrets` adds the exact keys of the call to the credential shapes.
 */
export class ConduitError extends Error {
  readonly isRetryable: boolean;

  constructor(message: string, options: ConduitErrorOptions = {}) {
    const cause =
      options.cause === undefined ? undefined : redactCause(options.cause, options.secrets ?? []);
    // Redacted before `super`: V8 writes the message into the stack at construction.
    super(redactSecrets(message, options.secrets), cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.isRetryable = options.isRetryable ?? false;
  }
}

import { ConduitError } from './conduit.error';

/** The caller aborted the call (its `AbortSignal` fired, or the stream was unsubscribed). */
export class AbortedError extends ConduitError {
  constructor(
    message = 'The call was aborted by the caller.',
    options: { readonly cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause, isRetryable: false });
  }
}

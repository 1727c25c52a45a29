import { ConduitError } from '../../core';

/** What a parser was looking for when it failed. */
export type OutputParseTarget = 'json' | 'json-object' | 'json-array';

/**
 * A model's text could not be parsed into what was asked for (no JSON value in it, or only broken
 * ones). Parsers throw this instead of letting a `SyntaxError` from `JSON.parse` escape; `text` is
 * the input and `detail` the last parser complaint, when there was one.
 */
export class OutputParseError extends ConduitError {
  constructor(
    message: string,
    readonly text: string,
    readonly target: OutputParseTarget,
    readonly detail?: string,
  ) {
    super(message, { isRetryable: false });
  }
}

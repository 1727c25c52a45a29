import { ConduitError } from './conduit.error';

/** One problem found in an input: where (`messages[2].toolCallId`) and what. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * An input was rejected before any network call: bad messages, options or module configuration.
 * The message lists every problem as `path: problem`, one a line.
 */
export class ConduitValidationError extends ConduitError {
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], title = 'Invalid input') {
    super(`${title}:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`);
    this.issues = issues;
  }

  /** The path of the first problem (the field to fix first). */
  get field(): string | undefined {
    return this.issues[0]?.path;
  }
}

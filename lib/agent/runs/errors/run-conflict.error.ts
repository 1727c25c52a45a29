import { ConduitError } from '../../../core/errors/conduit.error';

/**
 * Someone else saved the run first: the stored version was not the one this save expected. Two
 * resumes (or two workers) raced; exactly one won. Read the run again (`getRun`) to see what the
 * winner did; do not simply retry the same change.
 */
export class RunConflictError extends ConduitError {
  readonly runId: string;
  readonly expectedVersion: number;
  /** The stored version, when the store could tell. */
  readonly actualVersion: number | undefined;

  constructor(runId: string, expectedVersion: number, actualVersion?: number) {
    super(
      `Agent run ${JSON.stringify(runId)} was changed by someone else (expected version ` +
        `${expectedVersion}${actualVersion === undefined ? '' : `, found ${actualVersion}`}). ` +
        'Another resume or worker won the race; read the run again with getRun().',
      { isRetryable: false },
    );
    this.runId = runId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

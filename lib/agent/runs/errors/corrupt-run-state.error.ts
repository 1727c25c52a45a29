import { ConduitError } from '../../../core/errors/conduit.error';

/**
 * The stored data of a run is not a valid run state (edited by hand, written by another program,
 * truncated). Nothing was overwritten: inspect or delete it in the store.
 */
export class CorruptRunStateError extends ConduitError {
  readonly runId: string;
  /** What is wrong, as `path: problem` lines. */
  readonly problems: readonly string[];

  constructor(runId: string, problems: readonly string[]) {
    super(
      `The stored state of agent run ${JSON.stringify(runId)} is corrupt (${problems.slice(0, 5).join('; ')}` +
        `${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}). It was left as it is; ` +
        'delete it from the run store to reuse the id.',
      { isRetryable: false },
    );
    this.runId = runId;
    this.problems = problems;
  }
}

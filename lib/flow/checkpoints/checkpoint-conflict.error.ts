import { ConduitError } from '../../core/errors/conduit.error';

/**
 * Another run got to the thread first: its latest step is not the one this run started from, or
 * another owner holds a live claim on it. Nothing was written. Load the thread again to see where
 * it is now; retrying blindly would run the same nodes twice.
 */
export class CheckpointConflictError extends ConduitError {
  constructor(
    readonly threadId: string,
    /** The latest step this run expected (`undefined`: a thread with no checkpoint). */
    readonly expectedStep: number | undefined,
    /** The latest step found (`undefined`: none). */
    readonly actualStep: number | undefined,
    /** Why: the latest step moved, or another owner holds the thread. */
    readonly reason: 'step-moved' | 'claimed',
  ) {
    super(
      reason === 'claimed'
        ? `Thread "${threadId}" is being run by another worker (it holds the claim): this run stopped before running any node.`
        : `Thread "${threadId}" moved on: this run expected its latest step to be ${describe(expectedStep)}, it is ${describe(actualStep)}. Load the thread again before resuming.`,
    );
  }
}

function describe(step: number | undefined): string {
  return step === undefined ? 'none (a new thread)' : String(step);
}

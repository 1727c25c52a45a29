import { ConduitError } from '../../core/errors/conduit.error';

/** `resume` found no checkpoint for the thread (or none of the step asked for). */
export class CheckpointNotFoundError extends ConduitError {
  constructor(
    readonly threadId: string,
    /** The step asked for, if one was. */
    readonly step?: number,
    /** The steps the thread does have (when a step was asked for). */
    readonly available: readonly number[] = [],
  ) {
    super(
      step === undefined
        ? `No checkpoint is saved for thread "${threadId}".`
        : `Thread "${threadId}" has no checkpoint of step ${step} (kept: ${available.length > 0 ? available.join(', ') : 'none'}).`,
    );
  }
}

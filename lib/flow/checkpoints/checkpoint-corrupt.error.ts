import { ConduitError } from '../../core/errors/conduit.error';

/**
 * A stored checkpoint (or a thread's head record) cannot be read back: not JSON, or not the shape
 * a checkpoint has. Nothing was overwritten; inspect or delete the thread by hand.
 */
export class CheckpointCorruptError extends ConduitError {
  constructor(
    readonly threadId: string,
    /** The step whose record is corrupt, when known. */
    readonly step: number | undefined,
    /** What is wrong with it. */
    readonly problem: string,
  ) {
    super(
      `The stored checkpoint${step === undefined ? '' : ` ${step}`} of thread "${threadId}" is corrupt (${problem}). Nothing was overwritten.`,
    );
  }
}

import { ConduitError } from '../../../core/errors/conduit.error';

/** A run's state is larger than the store's `maxStateBytes` (a long conversation, huge tool results). */
export class RunStateTooLargeError extends ConduitError {
  readonly runId: string;
  readonly bytes: number;
  readonly maxBytes: number;

  constructor(runId: string, bytes: number, maxBytes: number) {
    super(
      `The state of agent run ${JSON.stringify(runId)} is ${bytes} bytes, over the store's ` +
        `maxStateBytes (${maxBytes}). Raise maxStateBytes, or keep tool results smaller.`,
      { isRetryable: false },
    );
    this.runId = runId;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

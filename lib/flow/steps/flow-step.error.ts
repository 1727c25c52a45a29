import { ConduitError } from '../../core/errors/conduit.error';

/**
 * A step builder could not do its job: a branch router chose a route that has no step and there
 * is no default, a loop hit its bound, a prompt template names a missing key, a parallel branch
 * failed. `step` says which builder (`branch`, `loop`, `model`, `parallel`).
 */
export class FlowStepError extends ConduitError {
  constructor(
    readonly step: 'branch' | 'loop' | 'model' | 'parallel',
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? {} : { cause });
  }
}

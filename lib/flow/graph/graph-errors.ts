import { ConduitError } from '../../core/errors/conduit.error';
import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';

/** A graph definition is wrong (unknown nodes, unreachable end, a node without outgoing edge...). */
export class GraphValidationError extends ConduitValidationError {
  constructor(issues: readonly ValidationIssue[]) {
    super(issues, 'Invalid graph');
  }
}

/** A run needed more node runs than `maxSteps` (a cycle that does not end, most likely). */
export class GraphMaxStepsError extends ConduitError {
  constructor(
    readonly maxSteps: number,
    /** The nodes that would have run next. */
    readonly next: readonly string[],
    readonly path: readonly string[],
    readonly state: unknown,
  ) {
    super(
      `The graph ran ${path.length} nodes and would run ${next.join(', ')} next, past maxSteps (${maxSteps}). A cycle without an exit? Raise maxSteps if the run is legitimately long.`,
    );
  }
}

/** A node (or a hook around it) failed; `node` names it and `cause` is its error. */
export class GraphNodeError extends ConduitError {
  constructor(
    readonly node: string,
    readonly state: unknown,
    cause: unknown,
  ) {
    super(
      `Graph node "${node}" failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause, isRetryable: cause instanceof ConduitError && cause.isRetryable },
    );
  }
}

/** A router chose a node it did not declare, or the run stopped without reaching END. */
export class GraphRoutingError extends ConduitError {}

import { ConduitError } from '../core/errors/conduit.error';
import type { WorkflowRunStatusName } from './workflow-job.types';

/**
 * `WorkflowQueue.cancel()` or `resume()` of a graph run whose state does not allow it: a run that
 * completed (nothing to cancel or resume), a run still queued or running (nothing to resume), or a
 * run whose job BullMQ no longer keeps (`removeOnFail`), which only `compiledGraph.resume(threadId)`
 * can continue. `status` and `jobGone` say which, so a caller can branch without reading the message.
 */
export class WorkflowRunStateError extends ConduitError {
  constructor(
    /** The run's checkpoint thread. */
    readonly threadId: string,
    /** What was asked. */
    readonly action: 'cancel' | 'resume',
    /** The run's status when it was asked (as `getStatus()` reports it). */
    readonly status: WorkflowRunStatusName,
    /** Whether BullMQ no longer keeps the run's job. */
    readonly jobGone = false,
  ) {
    super(
      `Cannot ${action} the graph run of thread ${JSON.stringify(threadId)}: ${reasonOf(action, status, jobGone, threadId)}`,
      { isRetryable: false },
    );
  }
}

function reasonOf(
  action: 'cancel' | 'resume',
  status: WorkflowRunStatusName,
  jobGone: boolean,
  threadId: string,
): string {
  if (status === 'completed') return 'it has completed.';
  if (jobGone) {
    return `BullMQ no longer keeps its job; continue it with compiledGraph.resume(${JSON.stringify(threadId)}).`;
  }
  if (action === 'resume' && status === 'cancelled') {
    return 'its cancel is still stopping the worker that runs it; try again once getStatus() no longer reports it running.';
  }
  return `its status is "${status}": only a cancelled or failed run can be resumed.`;
}

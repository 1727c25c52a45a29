import { ConduitValidationError } from '../core/errors/conduit-validation.error';
import { isRecord } from '../core/is-record';
import type { CheckpointStore } from '../flow/graph/checkpoint.store';
import { checkCheckpointInput } from '../flow/checkpoints/check-checkpoint-input';
import type { WorkflowJobData, WorkflowJobResult } from './workflow-job.types';
import type { QueueableGraph } from './workflow-queue-options.types';

/**
 * What a worker does with a graph run job: `run(input, { threadId })` when the thread has no
 * checkpoint yet, `resume(threadId)` when it has one. So a job handed over after its worker died
 * (BullMQ's stalled-job recovery), or retried after a node failed, continues from the last
 * checkpoint: the finished supersteps are not run again, the one in flight is. A job whose thread
 * already finished resolves at once. Internal.
 */
export class WorkflowJobHandler {
  constructor(private readonly graphs: ReadonlyMap<string, QueueableGraph>) {}

  /** Runs the job's graph until it reaches END or fails. */
  async handle(data: unknown, signal?: AbortSignal): Promise<WorkflowJobResult> {
    const { graph: name, threadId, input } = checkWorkflowJobData(data, this.graphs);
    const graph = this.graphs.get(name) as QueueableGraph;
    const store = graph.checkpointStore as CheckpointStore;
    const latest = await store.load(threadId);
    const options = signal === undefined ? {} : { signal };
    const result =
      latest === undefined
        ? await graph.run(input as never, { ...options, threadId })
        : await graph.resume(threadId, options);
    return { threadId, path: result.path };
  }
}

/** The job data, or `ConduitValidationError` (a job this worker can never run: not retried). */
export function checkWorkflowJobData(
  data: unknown,
  graphs: ReadonlyMap<string, QueueableGraph>,
): WorkflowJobData {
  const graph = isRecord(data) ? data.graph : undefined;
  if (typeof graph !== 'string' || !graphs.has(graph)) {
    throw new ConduitValidationError(
      [
        {
          path: 'graph',
          message: `${JSON.stringify(graph)} is not a graph of this worker (registered: ${[...graphs.keys()].join(', ')})`,
        },
      ],
      'Invalid graph run job',
    );
  }
  checkCheckpointInput(isRecord(data) ? data.threadId : undefined);
  return data as WorkflowJobData;
}

/**
 * The `nestjs-conduit/queue` entry point: background agent runs and graph runs on BullMQ (`bullmq`
 * and `@nestjs/bullmq`, optional peers loaded by `ConduitQueueModule.forRoot()` and
 * `ConduitWorkflowQueueModule.forRoot()`).
 */
export { ConduitQueueModule } from './conduit-queue.module';
export { AgentRunQueue, type EnqueueRunOptions } from './agent-run-queue';
export type { AgentRunJobData, AgentRunJobResult, EnqueuedRun } from './agent-run-job.types';
export type { ConduitQueueModuleOptions, RunWorkerOptions } from './queue-options.types';
export {
  CONDUIT_QUEUE_OPTIONS,
  DEFAULT_RUN_QUEUE_NAME,
  DEFAULT_WORKFLOW_QUEUE_NAME,
} from './queue.constants';
export { ConduitWorkflowQueueModule } from './conduit-workflow-queue.module';
export { WorkflowQueue, type EnqueueWorkflowOptions } from './workflow-queue';
export { WorkflowRunStateError } from './workflow-run-state.error';
export type {
  EnqueuedWorkflow,
  WorkflowJobData,
  WorkflowJobResult,
  WorkflowRunStatus,
  WorkflowRunStatusName,
} from './workflow-job.types';
export type { QueueableGraph, WorkflowQueueModuleOptions } from './workflow-queue-options.types';

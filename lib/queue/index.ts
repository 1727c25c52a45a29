/**
 * The `nestjs-conduit/queue` entry point: background agent runs on BullMQ (`bullmq` and
 * `@nestjs/bullmq`, optional peers loaded by `ConduitQueueModule.forRoot()`).
 */
export { ConduitQueueModule } from './conduit-queue.module';
export { AgentRunQueue, type EnqueueRunOptions } from './agent-run-queue';
export type { AgentRunJobData, AgentRunJobResult, EnqueuedRun } from './agent-run-job.types';
export type { ConduitQueueModuleOptions, RunWorkerOptions } from './queue-options.types';
export { CONDUIT_QUEUE_OPTIONS, DEFAULT_RUN_QUEUE_NAME } from './queue.constants';

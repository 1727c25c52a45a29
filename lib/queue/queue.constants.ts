/** Injection token of the options given to `ConduitQueueModule.forRoot()`. */
export const CONDUIT_QUEUE_OPTIONS = Symbol('CONDUIT_QUEUE_OPTIONS');

/** The BullMQ queue of background agent runs when `queueName` is not given. */
export const DEFAULT_RUN_QUEUE_NAME = 'conduit-agent-runs';

/** The Redis pub/sub channel that carries `AgentRunQueue.cancel()` to every worker (suffixed with the queue name). */
export const RUN_CANCEL_CHANNEL_PREFIX = 'conduit:run-cancel:';

/** The Redis pub/sub channel that carries `WorkflowQueue.cancel()` to every worker (suffixed with the queue name). */
export const WORKFLOW_CANCEL_CHANNEL_PREFIX = 'conduit:workflow-cancel:';

/** The BullMQ queue of background graph runs when `queueName` is not given. */
export const DEFAULT_WORKFLOW_QUEUE_NAME = 'conduit-workflows';

/** Retries with backoff, and bounded job history: what `jobOptions` defaults to (both modules). */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: 1_000,
  removeOnFail: 5_000,
} as const;

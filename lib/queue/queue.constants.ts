/** Injection token of the options given to `ConduitQueueModule.forRoot()`. */
export const CONDUIT_QUEUE_OPTIONS = Symbol('CONDUIT_QUEUE_OPTIONS');

/** The BullMQ queue of background agent runs when `queueName` is not given. */
export const DEFAULT_RUN_QUEUE_NAME = 'conduit-agent-runs';

/** The Redis pub/sub channel that carries `AgentRunQueue.cancel()` to every worker (suffixed with the queue name). */
export const RUN_CANCEL_CHANNEL_PREFIX = 'conduit:run-cancel:';

/** The BullMQ queue of background graph runs when `queueName` is not given. */
export const DEFAULT_WORKFLOW_QUEUE_NAME = 'conduit-workflows';

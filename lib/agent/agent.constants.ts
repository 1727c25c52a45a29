/** Metadata key under which `@Agent()` stores an agent class's options. */
export const AGENT_METADATA = 'conduit:agent';

/** Injection token of the durable runs' event sink (`ConduitModule.forRoot({ runs: { events } })`). */
export const CONDUIT_AGENT_RUN_EVENTS = 'conduit:agent-run-events';

/**
 * Injection token under which `ConduitQueueModule` (from `nestjs-conduit/queue`) registers its
 * `AgentRunQueue`, so `AgentService.enqueue` finds it without the root package loading bullmq.
 */
export const CONDUIT_AGENT_RUN_ENQUEUER = 'conduit:agent-run-enqueuer';

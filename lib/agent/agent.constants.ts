/** Metadata key under which `@Agent()` stores an agent class's options. */
export const AGENT_METADATA = 'conduit:agent';

/** Injection token of the durable runs' event sink (`ConduitModule.forRoot({ runs: { events } })`). */
export const CONDUIT_AGENT_RUN_EVENTS = 'conduit:agent-run-events';

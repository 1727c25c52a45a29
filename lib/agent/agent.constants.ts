/** Metadata key under which `@Agent()` stores an agent class's options. */
export const AGENT_METADATA = 'conduit:agent';

/** The research agent's instructions. */
export const RESEARCH_SYSTEM =
  'You research a topic and publish a short report on it with the publish_report tool.';

/** The tools the research agent may call (by name: a background run is stored, not its classes). */
export const RESEARCH_TOOLS = ['publish_report'];

import type { ModelCapabilities } from '../model-info.types';

/**
 * What an unknown model is assumed to do. Streaming and tools are kept on because every current
 * chat API offers them and switching them off would break working code; everything that changes the
 * shape of a request (images, JSON modes, reasoning options, parallel calls) stays off, and limits
 * are left unknown, until the user says otherwise.
 */
export const CONSERVATIVE_CAPABILITIES: ModelCapabilities = Object.freeze({
  streaming: true,
  tools: true,
  vision: false,
  jsonMode: false,
  structuredOutput: false,
  reasoning: false,
  parallelToolCalls: false,
});

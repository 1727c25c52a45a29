import { redactSecrets } from '../../core/redact-secrets';
import type { AgentRunError } from './agent-run-state.types';

/** An error as plain data for the run state, with credentials masked (the state is stored). */
export function toRunError(error: unknown): AgentRunError {
  if (error instanceof Error) {
    return { name: error.name || 'Error', message: redactSecrets(error.message) };
  }
  return { name: 'Error', message: redactSecrets(String(error)) };
}

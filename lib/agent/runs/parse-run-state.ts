import { isRecord } from '../../core/is-record';
import {
  FINAL_RUN_STATUSES,
  type AgentRunState,
  type AgentRunStatus,
} from './agent-run-state.types';
import { CorruptRunStateError } from './errors/corrupt-run-state.error';

const STATUSES: readonly string[] = [
  'queued',
  'running',
  'completed',
  'awaiting-approval',
  'failed',
  'cancelled',
];

const TOOL_CALL_STATUSES: readonly string[] = [
  'pending',
  'awaiting-approval',
  'approved',
  'rejected',
  'started',
  'finished',
];

/** Whether the run can never change again. */
export function isFinalRunStatus(status: AgentRunStatus): boolean {
  return FINAL_RUN_STATUSES.includes(status);
}

function toolCallProblems(value: unknown, path: string): string[] {
  if (!isRecord(value)) return [`${path}: must be an object`];
  const problems: string[] = [];
  if (typeof value['status'] !== 'string' || !TOOL_CALL_STATUSES.includes(value['status'])) {
    problems.push(`${path}.status: must be one of ${TOOL_CALL_STATUSES.join(', ')}`);
  }
  const call = value['toolCall'];
  if (!isRecord(call) || typeof call['id'] !== 'string' || typeof call['name'] !== 'string') {
    problems.push(`${path}.toolCall: must be a tool call with an id and a name`);
  }
  if (!Number.isInteger(value['iteration'])) problems.push(`${path}.iteration: must be an integer`);
  if (!Number.isInteger(value['attempts'])) problems.push(`${path}.attempts: must be an integer`);
  if (value['status'] === 'finished' && !isRecord(value['result'])) {
    problems.push(`${path}.result: a finished call must have its result`);
  }
  return problems;
}

/**
 * What is wrong with a stored value that should be a run state: `path: problem` lines, empty
 * when it is one. Checks the shape the runner relies on, not every message field.
 */
export function runStateProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['(state): must be a JSON object'];
  const problems: string[] = [];
  if (typeof value['runId'] !== 'string' || value['runId'] === '') {
    problems.push('runId: must be a non-empty string');
  }
  if (typeof value['status'] !== 'string' || !STATUSES.includes(value['status'])) {
    problems.push(`status: must be one of ${STATUSES.join(', ')}`);
  }
  if (!Number.isInteger(value['version']) || (value['version'] as number) < 1) {
    problems.push('version: must be an integer >= 1');
  }
  if (!Number.isInteger(value['iterations']) || (value['iterations'] as number) < 0) {
    problems.push('iterations: must be an integer >= 0');
  }
  if (!Array.isArray(value['messages'])) problems.push('messages: must be an array');
  if (!Array.isArray(value['pendingApprovals']))
    problems.push('pendingApprovals: must be an array');
  if (!isRecord(value['usage'])) problems.push('usage: must be an object');
  const spec = value['spec'];
  if (!isRecord(spec)) {
    problems.push('spec: must be an object');
  } else {
    if (!Array.isArray(spec['tools'])) problems.push('spec.tools: must be an array of names');
    if (!Number.isInteger(spec['maxIterations'])) {
      problems.push('spec.maxIterations: must be an integer');
    }
  }
  const toolCalls = value['toolCalls'];
  if (!Array.isArray(toolCalls)) {
    problems.push('toolCalls: must be an array');
  } else {
    toolCalls.forEach((call, index) =>
      problems.push(...toolCallProblems(call, `toolCalls[${index}]`)),
    );
  }
  for (const key of ['createdAt', 'updatedAt']) {
    if (typeof value[key] !== 'string') problems.push(`${key}: must be an ISO date string`);
  }
  return problems;
}

/**
 * Parses and checks stored data (a JSON string, or an object a driver already parsed) into a run
 * state; `CorruptRunStateError` when it is not one. `runId` is the id it was stored under: a
 * state claiming another id is corrupt too.
 */
export function parseRunState(runId: string, stored: unknown): AgentRunState {
  let value: unknown = stored;
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored);
    } catch {
      throw new CorruptRunStateError(runId, ['(state): not valid JSON']);
    }
  }
  const problems = runStateProblems(value);
  if (problems.length === 0 && (value as AgentRunState).runId !== runId) {
    problems.push(`runId: stored under ${JSON.stringify(runId)} but says another id`);
  }
  if (problems.length > 0) throw new CorruptRunStateError(runId, problems);
  return value as AgentRunState;
}

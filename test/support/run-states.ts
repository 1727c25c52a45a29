import type { AgentRunState, AgentRunStatus } from '../../lib/agent/runs/agent-run-state.types';

/** A plain `AgentRunState` in the given status (what a run store would hold), for log and queue specs. */
export function runState(
  runId: string,
  status: AgentRunStatus,
  extra: Partial<AgentRunState> = {},
): AgentRunState {
  return {
    runId,
    status,
    pendingApprovals: [],
    usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
    iterations: 1,
    spec: { tools: [], maxIterations: 10 },
    messages: [],
    toolCalls: [],
    version: 1,
    createdAt: '2026-12-07T12:00:00.000Z',
    updatedAt: '2026-12-07T12:00:00.000Z',
    ...extra,
  };
}

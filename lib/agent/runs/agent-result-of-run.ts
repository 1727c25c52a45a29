import type { ToolResult } from '../../core';
import type { AgentResult, AgentToolCallRecord } from '../agent-result.types';
import type { AgentRunState } from './agent-run-state.types';
import { RunNotResumableError } from './errors/run-not-resumable.error';

/**
 * The `AgentResult` of a completed durable run, as `run()` returns it. A run continued across
 * processes keeps only its final model answer, so `responses` holds that one answer; every
 * assistant turn is in `messages`.
 */
export function agentResultOf(state: AgentRunState): AgentResult {
  const { result } = state;
  if (state.status !== 'completed' || result === undefined) {
    throw new RunNotResumableError(
      state.runId,
      state.status,
      state.pendingApprovals,
      'read the result of',
    );
  }
  const toolCalls: AgentToolCallRecord[] = state.toolCalls
    .filter((call) => call.status === 'finished' && call.result !== undefined)
    .map((call) => ({
      iteration: call.iteration,
      toolCall: call.toolCall,
      result: call.result as ToolResult,
      durationMs: call.durationMs ?? 0,
    }));
  return {
    text: result.text,
    response: result.response,
    messages: state.messages,
    iterations: state.iterations,
    toolCalls,
    responses: [result.response],
    usage: state.usage,
  };
}

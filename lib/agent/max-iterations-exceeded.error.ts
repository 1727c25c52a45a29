import { ConduitError, type ChatResponse, type Message, type Usage } from '../core';
import type { AgentToolCallRecord } from './agent-result.types';

/** The run so far, as `MaxIterationsExceededError` carries it. */
export interface AgentProgress {
  readonly maxIterations: number;
  /** The conversation so far, ending with the last tool results (ready to continue from). */
  readonly messages: readonly Message[];
  readonly toolCalls: readonly AgentToolCallRecord[];
  readonly responses: readonly ChatResponse[];
  readonly usage: Usage;
}

/**
 * The model was still asking for tools after `maxIterations` model calls. The tools of the last
 * call did run, so `messages` is a complete conversation: pass it back as `messages` (with a
 * higher limit, or a nudge to answer) to continue.
 */
export class MaxIterationsExceededError extends ConduitError implements AgentProgress {
  readonly maxIterations: number;
  readonly messages: readonly Message[];
  readonly toolCalls: readonly AgentToolCallRecord[];
  readonly responses: readonly ChatResponse[];
  readonly usage: Usage;

  constructor(progress: AgentProgress) {
    const last = progress.responses[progress.responses.length - 1]?.toolCalls ?? [];
    super(
      `The agent made ${progress.maxIterations} model call(s) (maxIterations) and the model still ` +
        `asked for tools (${last.map((c) => c.name).join(', ')}). Raise maxIterations, or continue ` +
        'from error.messages.',
      { isRetryable: false },
    );
    this.maxIterations = progress.maxIterations;
    this.messages = progress.messages;
    this.toolCalls = progress.toolCalls;
    this.responses = progress.responses;
    this.usage = progress.usage;
  }
}

import type { Observable } from 'rxjs';
import type { AgentEvent } from './agent-event.types';
import type { AgentOptions, AgentRunOptions } from './agent-options.types';
import type { AgentResult } from './agent-result.types';

/** What the agent runs of `AgentService` (kept minimal to avoid an import cycle). */
interface AgentRunner {
  run(options: AgentRunOptions): Promise<AgentResult>;
  stream(options: AgentRunOptions): Observable<AgentEvent>;
}

/** What one call of a declared agent gets: a prompt, or a run's options (prompt, messages...). */
export type AgentInput = string | AgentRunOptions;

/** The agent's options with the call's on top (a string is the prompt). */
export function mergeAgentInput(options: AgentOptions, input: AgentInput): AgentRunOptions {
  return typeof input === 'string' ? { ...options, prompt: input } : { ...options, ...input };
}

/**
 * An agent with fixed options (system prompt, tools, model, limits), made by
 * `AgentService.define()`. Stateless: pass the conversation so far as `messages` for a follow-up.
 *
 * @example
 * const first = await support.run('Where is order 42?');
 * const next = await support.run({ messages: first.messages, prompt: 'Cancel it.' });
 */
export class DeclaredAgent {
  constructor(
    private readonly runner: AgentRunner,
    /** The options every call starts from. */
    readonly options: AgentOptions,
  ) {}

  /** Runs the agent to its final answer (see `AgentService.run`). */
  run(input: AgentInput): Promise<AgentResult> {
    return this.runner.run(mergeAgentInput(this.options, input));
  }

  /** Runs the agent as a stream of events (see `AgentService.stream`). */
  stream(input: AgentInput): Observable<AgentEvent> {
    return this.runner.stream(mergeAgentInput(this.options, input));
  }
}

import type { AgentRunOptions } from '../../agent/agent-options.types';
import type { AgentResult } from '../../agent/agent-result.types';
import type { AgentInput } from '../../agent/declared-agent';
import type { AsyncStep } from '../step.types';

/** Anything that runs an agent: a `DeclaredAgent`, or `{ run: (o) => agentService.run(o) }`. */
export interface AgentRunner {
  /** One agent run (AgentService.run has this shape). */
  run(input: AgentInput): Promise<AgentResult>;
}

/** Options of `agentStep`. */
export interface AgentStepOptions<S, K extends keyof S> {
  /** The prompt (or the run options) built from the state. */
  readonly input: (state: S) => string | AgentRunOptions;
  /** The state key the answer is written to. */
  readonly output: K;
  /** Turns the result into the value stored (default: the final answer's text). */
  readonly parse?: (result: AgentResult) => S[K];
}

/**
 * A step (or graph node) that runs an agent (tool loop included) and writes its answer under
 * `output`. The run's signal is passed on, so aborting the workflow aborts the agent.
 */
export function agentStep<S extends object, K extends keyof S>(
  agent: AgentRunner,
  options: AgentStepOptions<S, K>,
): AsyncStep<S, S> {
  return async (state, context) => {
    const input = options.input(state);
    const run: AgentRunOptions =
      typeof input === 'string'
        ? { prompt: input, signal: context.signal }
        : { signal: context.signal, ...input };
    const result = await agent.run(run);
    const value = options.parse === undefined ? (result.text as S[K]) : options.parse(result);
    return { ...state, [options.output]: value };
  };
}

import { Inject } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { GUARDRAILS_METADATA } from '../conduit.constants';
import { ConduitValidationError, type ConduitInterceptor } from '../core';
import type { AgentEvent } from './agent-event.types';
import type { AgentRunOptions } from './agent-options.types';
import type { AgentResult } from './agent-result.types';
import type { AgentRunState } from './runs/agent-run-state.types';
import { AGENT_METADATA } from './agent.constants';
import type { AgentDeclaration } from './agent.decorator';
import { AgentService } from './agent.service';
import { mergeAgentInput, type AgentInput } from './declared-agent';

/**
 * The base class of `@Agent()` classes: `run()` and `stream()` with the declared options. Subclass
 * it, decorate the subclass with `@Agent({...})`, list it as a provider and inject it by its class.
 * Override `observe()` to log or measure every event of every run (each response, each tool call).
 * A subclass may inject its own dependencies; `AgentService` is injected as a property, so its
 * constructor needs no `super(...)` arguments.
 */
export abstract class ConduitAgent {
  @Inject(AgentService)
  protected readonly agents!: AgentService;

  /** The options given to `@Agent()`. */
  get declaration(): AgentDeclaration {
    const declared = Reflect.getMetadata(AGENT_METADATA, this.constructor) as
      AgentDeclaration | undefined;
    if (declared === undefined) {
      throw new ConduitValidationError(
        [{ path: this.constructor.name, message: 'decorate the class with @Agent({...})' }],
        'Invalid agent class',
      );
    }
    return declared;
  }

  /** Runs the agent to its final answer (see `AgentService.run`); a string is the prompt. */
  run(input: AgentInput): Promise<AgentResult> {
    return this.agents.run(this.withObserver(input));
  }

  /** Runs the agent as a stream of events (see `AgentService.stream`). */
  stream(input: AgentInput): Observable<AgentEvent> {
    return this.agents.stream(this.withObserver(input));
  }

  /**
   * Starts a durable run of the agent (see `AgentService.start`): saved after every step,
   * suspended on tools that need approval, resumable on any replica with
   * `AgentService.resume(runId, ...)`. `runId` (optional) names the run; the agent's name is stored
   * in `spec.agent`.
   */
  start(input: AgentInput, runId?: string): Promise<AgentRunState> {
    return this.agents.start({
      ...this.withObserver(input),
      agent: this.declaration.name ?? this.constructor.name,
      ...(runId === undefined ? {} : { runId }),
    });
  }

  /** Called with every event of every run of this agent. Does nothing by default. */
  protected observe(_event: AgentEvent): void {
    // Extension point: subclasses log or measure here.
  }

  /**
   * `@UseGuardrails()` on the class: its guardrails after the run's own interceptors, on the model
   * calls and on the tool calls (a guardrail acts only at the stages it checks).
   */
  private withGuardrails(
    options: AgentRunOptions,
  ): Pick<AgentRunOptions, 'interceptors' | 'toolInterceptors'> {
    const guardrails = Reflect.getMetadata(GUARDRAILS_METADATA, this.constructor) as
      readonly ConduitInterceptor[] | undefined;
    if (guardrails === undefined) return {};
    return {
      interceptors: [...(options.interceptors ?? []), ...guardrails],
      toolInterceptors: [...(options.toolInterceptors ?? []), ...guardrails],
    };
  }

  private withObserver(input: AgentInput): ReturnType<typeof mergeAgentInput> {
    // The declaration's `name` rides along harmlessly: runs ignore it.
    const merged = mergeAgentInput(this.declaration, input);
    const callerHook = merged.onEvent;
    return {
      ...merged,
      ...this.withGuardrails(merged),
      onEvent: (event) => {
        this.observe(event);
        callerHook?.(event);
      },
    };
  }
}

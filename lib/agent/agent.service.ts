import { Injectable } from '@nestjs/common';
import { defer, lastValueFrom, Observable, tap } from 'rxjs';
import { ChatService } from '../chat/chat.service';
import { AbortedError, type ToolCall } from '../core';
import { collectStream } from '../streaming/collect-stream';
import type { RegisteredTool } from '../tools/registered-tool.types';
import { ToolExecutor } from '../tools/tool-executor';
import { ToolRegistry } from '../tools/tool.registry';
import type { AgentEvent } from './agent-event.types';
import { runAgentLoop, type AgentLoopDeps, type AgentToolOptions } from './agent-loop';
import type { AgentOptions, AgentRunOptions } from './agent-options.types';
import { planAgentRun } from './agent-plan';
import type { AgentResult } from './agent-result.types';
import { DeclaredAgent } from './declared-agent';
import { approvalThroughEvents } from './event-approval';
import { createRunSignal } from './run-signal';

/**
 * Runs tool loops: the model is called with the registered tools, the tools it asks for run through
 * `ToolExecutor`, their results go back, and so on until the model answers without tool calls.
 * Model calls go through `ChatService` (interceptors, timeouts, aborts); tool calls through the
 * executor (validation, guards, timeouts, approval).
 *
 * @example
 * const result = await agents.run({ prompt: 'Where is order 42?', tools: { classes: [OrderTools] } });
 * result.text; result.toolCalls; result.usage;
 *
 * agents.stream({ prompt: 'Where is order 42?' }).subscribe((event) => { if (event.type === 'text-delta') write(event.delta); });
 */
@Injectable()
export class AgentService {
  constructor(
    protected readonly chat: ChatService,
    protected readonly registry: ToolRegistry,
    protected readonly executor: ToolExecutor,
  ) {}

  /**
   * Runs the loop to its final answer. Rejects with `MaxIterationsExceededError` (carrying the
   * conversation so far) when the model still asks for tools after `maxIterations` calls, with the
   * model's own errors, or with `AbortedError` when `signal` fires. Tools declared
   * `requiresApproval` run only if `approve` says yes.
   */
  async run(options: AgentRunOptions): Promise<AgentResult> {
    const plan = planAgentRun(options, this.registry);
    const run = createRunSignal(options.signal);
    const emit = options.onEvent ?? ((): void => undefined);
    const { approve } = options;
    try {
      return await runAgentLoop(plan, this.toolOptions(options, run.signal), {
        ...this.baseDeps(emit),
        callModel: (messages, chatOptions) =>
          this.chat.chat(messages, { ...chatOptions, signal: run.signal }),
        ...(approve === undefined ? {} : { approve: async (call, tool) => approve(call, tool) }),
      });
    } finally {
      run.dispose();
    }
  }

  /**
   * The run as a cold Observable of `AgentEvent`s: `iteration-start`, `text-delta`s, `response`,
   * `tool-call-start` / `tool-call-finish`, `iteration-finish`, and `finish` with the result last.
   * Model answers are streamed. Unsubscribing aborts the model call and fires the `signal` of
   * running tools. A `requiresApproval` tool pauses the run on a `tool-approval` event until its
   * `respond()` is called (unless `approve` is given). Errors arrive as the Observable's error.
   */
  stream(options: AgentRunOptions): Observable<AgentEvent> {
    return defer(() => {
      const plan = planAgentRun(options, this.registry);
      return new Observable<AgentEvent>((subscriber) => {
        const run = createRunSignal(options.signal);
        let settled = false;
        const emit = (event: AgentEvent): void => {
          options.onEvent?.(event);
          subscriber.next(event);
        };
        const { approve } = options;
        const deps: AgentLoopDeps = {
          ...this.baseDeps(emit),
          callModel: (messages, chatOptions, iteration) =>
            lastValueFrom(
              this.chat.stream(messages, { ...chatOptions, signal: run.signal }).pipe(
                tap((event) => {
                  if (event.type === 'text-delta' && event.delta !== '') {
                    emit({ type: 'text-delta', iteration, delta: event.delta });
                  } else if (event.type === 'reasoning-delta' && event.delta !== '') {
                    emit({ type: 'reasoning-delta', iteration, delta: event.delta });
                  }
                }),
                collectStream(),
              ),
            ),
          approve:
            approve === undefined
              ? approvalThroughEvents(emit, run.signal)
              : async (call: ToolCall, tool: RegisteredTool) => approve(call, tool),
        };
        runAgentLoop(plan, this.toolOptions(options, run.signal), deps).then(
          () => {
            settled = true;
            run.dispose();
            subscriber.complete();
          },
          (error: unknown) => {
            settled = true;
            run.dispose();
            subscriber.error(error);
          },
        );
        return () => {
          if (settled) return;
          run.abort(new AbortedError('The agent stream was unsubscribed before it finished.'));
          run.dispose();
        };
      });
    });
  }

  /**
   * A reusable agent (Conduit's make-agent): its options are fixed, each call adds a prompt or a
   * conversation and may override any option.
   *
   * @example
   * const support = agents.define({ system: 'You help customers.', tools: { classes: [OrderTools] } });
   * await support.run('Where is order 42?');
   */
  define(options: AgentOptions): DeclaredAgent {
    return new DeclaredAgent(this, options);
  }

  /** Milliseconds for tool durations; override to use another clock. */
  protected now(): number {
    return performance.now();
  }

  private baseDeps(
    emit: (event: AgentEvent) => void,
  ): Pick<AgentLoopDeps, 'executeAll' | 'now' | 'emit'> {
    return {
      executeAll: (toolCalls, execution) => this.executor.executeAll(toolCalls, execution),
      now: () => this.now(),
      emit,
    };
  }

  private toolOptions(options: AgentRunOptions, signal: AbortSignal): AgentToolOptions {
    return {
      tools: options.tools ?? 'all',
      signal,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.toolInterceptors === undefined ? {} : { interceptors: options.toolInterceptors }),
    };
  }
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { defer, lastValueFrom, Observable, tap } from 'rxjs';
import { ChatService } from '../chat/chat.service';
import { AbortedError, ConduitValidationError, type ToolCall } from '../core';
import { CONDUIT_AGENT_RUN_ENQUEUER, CONDUIT_AGENT_RUN_EVENTS } from './agent.constants';
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
import { readRunEvents } from './run-events/read-run-events';
import type { ReadRunEventsOptions, RunEventRecord } from './run-events/run-event.types';
import { agentResultOf } from './runs/agent-result-of-run';
import type { AgentRunEnqueuer, EnqueuedAgentRun } from './runs/agent-run-enqueuer';
import type { AgentRunEventSink } from './runs/agent-run-event-sink';
import type {
  AgentStartOptions,
  ContinueRunOptions,
  DurableAgentRuns,
  ResumeRunOptions,
} from './runs/agent-run-options.types';
import type { AgentRunState } from './runs/agent-run-state.types';
import { AgentRunStore } from './runs/agent-run.store';
import { DurableAgentRunner } from './runs/durable-agent-runner';
import { RunAwaitingApprovalError } from './runs/errors/run-awaiting-approval.error';
import { RunFailedError } from './runs/errors/run-failed.error';
import { InMemoryAgentRunStore } from './runs/in-memory-agent-run.store';

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
export class AgentService implements DurableAgentRuns {
  /** The durable path (`start`, `resume`, ...): the store and sink of `ConduitModule.forRoot({ runs })`. */
  private readonly runs: DurableAgentRunner;
  /** The module's run event sink (`runs.events`), read by `events()`. */
  private readonly runEvents: AgentRunEventSink | undefined;

  constructor(
    protected readonly chat: ChatService,
    protected readonly registry: ToolRegistry,
    protected readonly executor: ToolExecutor,
    @Optional() @Inject(AgentRunStore) runStore?: AgentRunStore | null,
    @Optional() @Inject(CONDUIT_AGENT_RUN_EVENTS) runEvents?: AgentRunEventSink | null,
    @Optional() @Inject(ModuleRef) private readonly moduleRef?: ModuleRef | null,
  ) {
    this.runEvents = runEvents ?? undefined;
    this.runs = new DurableAgentRunner({
      chat,
      registry,
      executor,
      store: runStore ?? new InMemoryAgentRunStore(),
      ...(runEvents === undefined || runEvents === null ? {} : { events: runEvents }),
      now: () => this.now(),
    });
  }

  /**
   * Runs the loop to its final answer. Rejects with `MaxIterationsExceededError` (carrying the
   * conversation so far) when the model still asks for tools after `maxIterations` calls, with the
   * model's own errors, or with `AbortedError` when `signal` fires. Tools declared
   * `requiresApproval` run only if `approve` says yes.
   */
  async run(options: AgentRunOptions): Promise<AgentResult> {
    if (options.durable === true) return this.runDurably(options);
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

  /**
   * Starts a durable run: saved in the module's `AgentRunStore` after every model call and every
   * tool result, and run until it completes, fails, or suspends on tools declared
   * `requiresApproval` (`awaiting-approval`: the process may exit; `resume()` continues it on any
   * replica). Resolves with the saved state, also when the run failed (`status: 'failed'`,
   * `error`); rejects on bad options, a taken `runId`, store errors, and the caller's `signal`
   * (the run then stays `running` for `continueRun`).
   *
   * @example
   * const run = await agents.start({ prompt: 'Refund order 42', tools: ['refund'] });
   * if (run.status === 'awaiting-approval') notify(run.runId, run.pendingApprovals);
   * // later, on any replica:
   * await agents.resume(run.runId, { approvals: { [run.pendingApprovals[0].toolCallId]: true } });
   */
  start(options: AgentStartOptions): Promise<AgentRunState> {
    return this.runs.start(options);
  }

  /**
   * Continues an `awaiting-approval` run with a decision for every pending tool call: approved
   * calls run, rejected ones send the model a "not approved" result. Of two resumes racing, one
   * wins and the other rejects with `RunConflictError`. A run that is not waiting is a
   * `RunNotResumableError`; a decision for an unknown call (or a missing one) an
   * `UnknownApprovalError`, both listing what is pending.
   */
  resume(runId: string, options: ResumeRunOptions): Promise<AgentRunState> {
    return this.runs.resume(runId, options);
  }

  /** The saved state of a durable run; `RunNotFoundError` when the store has no such run. */
  getRun(runId: string): Promise<AgentRunState> {
    return this.runs.getRun(runId);
  }

  /**
   * Cancels a durable run (a final run is returned as it is). A run driven by this process is
   * aborted at once; one driven by another replica stops at its next save. The usage so far stays
   * in the state.
   */
  cancel(runId: string): Promise<AgentRunState> {
    return this.runs.cancel(runId);
  }

  /** Creates a durable run (`queued`) without running it: for a background worker (`continueRun`). */
  createRun(options: AgentStartOptions): Promise<AgentRunState> {
    return this.runs.createRun(options);
  }

  /**
   * Runs a `queued` or `running` run from its saved state until it completes, suspends or fails;
   * a final or `awaiting-approval` run is returned as it is. Safe after a crash: a saved tool
   * result is never re-run, a tool interrupted mid-call re-runs only if `@Tool({ idempotent:
   * true })`, else the run fails with `ToolInterruptedError`.
   */
  continueRun(runId: string, options?: ContinueRunOptions): Promise<AgentRunState> {
    return this.runs.continueRun(runId, options);
  }

  /**
   * Runs a durable run in the background on BullMQ: creates it (`queued`) and resolves with its
   * id at once; a worker of any replica drives it. Needs `ConduitQueueModule.forRoot(...)` from
   * `nestjs-conduit/queue` in the app (it registers the queue this method hands the run to);
   * without it, a `ConduitValidationError` says so before anything is saved. The same as
   * `AgentRunQueue.enqueue`, which also takes BullMQ job options.
   */
  async enqueue(options: AgentStartOptions): Promise<EnqueuedAgentRun> {
    return this.enqueuer().enqueue(options);
  }

  /**
   * The events of a durable or background run, from any replica: a cold Observable of `{ id,
   * event }` that replays the run's log after `after` and follows it live until the run's final
   * status. Pipe it through `toSse()` and pass the `Last-Event-ID` header as `after` to resume.
   * Needs a `RunEventLog` as `runs.events` (`RedisRunEventLog` across replicas); errors with
   * `RunNotFoundError` for an unknown run. Unsubscribing stops the read, not the run.
   */
  events(runId: string, options: ReadRunEventsOptions = {}): Observable<RunEventRecord> {
    return readRunEvents(this.runEvents, this.runs, runId, options, 'AgentService.events');
  }

  /** Milliseconds for tool durations; override to use another clock. */
  protected now(): number {
    return performance.now();
  }

  /** The queue `ConduitQueueModule` registered, looked up on use (it depends on this service). */
  private enqueuer(): AgentRunEnqueuer {
    let found: AgentRunEnqueuer | undefined;
    try {
      found = this.moduleRef?.get<string, AgentRunEnqueuer>(CONDUIT_AGENT_RUN_ENQUEUER, {
        strict: false,
      });
    } catch {
      found = undefined;
    }
    if (found !== undefined) return found;
    throw new ConduitValidationError(
      [
        {
          path: 'imports',
          message:
            "import ConduitQueueModule.forRoot({ connection }) from 'nestjs-conduit/queue' to run agents in the background",
        },
      ],
      'AgentService.enqueue has no queue',
    );
  }

  /** `run({ durable: true })`: a durable run whose outcome is returned (or thrown) as `run()` does. */
  private async runDurably(options: AgentRunOptions): Promise<AgentResult> {
    const state = await this.runs.start(options);
    switch (state.status) {
      case 'completed':
        return agentResultOf(state);
      case 'awaiting-approval':
        throw new RunAwaitingApprovalError(state.runId, state.pendingApprovals);
      case 'cancelled':
        throw new AbortedError(`Agent run ${JSON.stringify(state.runId)} was cancelled.`);
      default:
        throw new RunFailedError(state);
    }
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

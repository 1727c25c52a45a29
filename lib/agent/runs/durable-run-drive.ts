import type { ChatOptions } from '../../chat/chat-options.types';
import type { ChatService } from '../../chat/chat.service';
import type { Message, ToolResult } from '../../core';
import { addUsage } from '../../core/sum-usage';
import type { ToolExecutor } from '../../tools/tool-executor';
import { errorResult } from '../../tools/tool-results';
import type { ToolRegistry } from '../../tools/tool.registry';
import type { AgentEvent } from '../agent-event.types';
import { agentResultOf } from './agent-result-of-run';
import type { AgentRunEventSink } from './agent-run-event-sink';
import type { RunControls } from './agent-run-options.types';
import type { AgentRunState, AgentRunToolCall, PendingApproval } from './agent-run-state.types';
import type { AgentRunStore } from './agent-run.store';
import { RunConflictError } from './errors/run-conflict.error';
import { ToolInterruptedError } from './errors/tool-interrupted.error';
import { toRunError } from './run-failure';

/** What the runner needs from the module. */
export interface DurableAgentRunnerDeps {
  readonly chat: ChatService;
  readonly registry: ToolRegistry;
  readonly executor: ToolExecutor;
  readonly store: AgentRunStore;
  readonly events?: AgentRunEventSink;
  /** Milliseconds on a monotonic clock, for tool durations. */
  readonly now: () => number;
}

/** What a drive calls back: the outlets shared by every run of the runner. */
export interface DriveHost {
  readonly parts: DurableAgentRunnerDeps;
  emit(runId: string, controls: RunControls, event: AgentEvent): Promise<void>;
  statusChanged(state: AgentRunState): Promise<void>;
}

/** Thrown inside a drive when the stored run turned out cancelled; the drive returns it. */
export class RunCancelled extends Error {
  constructor(readonly state: AgentRunState) {
    super('cancelled');
  }
}

const TOOL_CHOICE_SETTINGS = [
  'model',
  'temperature',
  'topP',
  'maxTokens',
  'stop',
  'seed',
  'timeoutMs',
] as const;

/** The result as stored: the tool's raw `value` is left out (it may not survive JSON). */
function storedResult(result: ToolResult): ToolResult {
  return {
    toolCallId: result.toolCallId,
    toolName: result.toolName,
    content: result.content,
    isError: result.isError,
  };
}

function toolMessage(result: ToolResult): Message {
  return {
    role: 'tool',
    toolCallId: result.toolCallId,
    toolName: result.toolName,
    content: result.content,
    ...(result.isError ? { isError: true } : {}),
  };
}

/** The open turn: the tool calls of the last assistant message, when their results are not in yet. */
export function openTurn(state: AgentRunState): AgentRunToolCall[] {
  const last = state.messages[state.messages.length - 1];
  if (last?.role !== 'assistant' || (last.toolCalls?.length ?? 0) === 0) return [];
  return state.toolCalls.filter((call) => call.iteration === state.iterations);
}

function pendingOf(calls: readonly AgentRunToolCall[]): PendingApproval[] {
  return calls
    .filter((call) => call.status === 'awaiting-approval')
    .map((call) => ({
      toolCallId: call.toolCall.id,
      toolName: call.toolCall.name,
      arguments: call.toolCall.arguments,
    }));
}

/** One drive of one run: the state it holds and the saves it makes. */
export class Drive {
  private state: AgentRunState;
  /**
   * Calls this drive marked `started` in the same save as the model's answer (one save fewer per
   * iteration): started here, not interrupted, so they run without a second mark.
   */
  private readonly markedHere = new Set<string>();

  constructor(
    private readonly runner: DriveHost,
    initial: AgentRunState,
    private readonly controls: RunControls,
    private readonly signal: AbortSignal,
  ) {
    this.state = initial;
  }

  private get deps(): DurableAgentRunnerDeps {
    return this.runner.parts;
  }

  async loop(): Promise<AgentRunState> {
    for (;;) {
      const turn = openTurn(this.state);
      if (turn.length > 0) {
        const suspended = await this.runTurn(turn);
        if (suspended) return this.state;
        const iteration = this.state.iterations;
        // Every result is saved but the turn is still open (a state written by an older
        // version, or by hand): close it, or the loop would find the same turn again.
        if (openTurn(this.state).length > 0) {
          const results = this.turnResults(iteration);
          await this.save({ messages: [...this.state.messages, ...results.map(toolMessage)] });
        }
        const response = this.state.lastResponse;
        if (response !== undefined) {
          await this.emit({
            type: 'iteration-finish',
            iteration,
            response,
            toolResults: this.turnResults(iteration),
          });
        }
        if (iteration >= this.state.spec.maxIterations) {
          return this.failWith({
            name: 'MaxIterationsExceededError',
            message:
              `The agent made ${iteration} model call(s) (maxIterations) and the model still ` +
              'asked for tools. Start a new run from its messages with a higher maxIterations.',
          });
        }
        continue;
      }
      const done = await this.modelTurn();
      if (done) return this.state;
    }
  }

  /** Saves the run as failed with `error` (as plain data); resolves with the saved state. */
  async fail(error: unknown): Promise<AgentRunState> {
    return this.failWith(toRunError(error));
  }

  private async failWith(error: { name: string; message: string }): Promise<AgentRunState> {
    await this.save({ status: 'failed', error, pendingApprovals: [] });
    await this.runner.statusChanged(this.state);
    return this.state;
  }

  /** One model call; true when it answered without tools (the run is completed). */
  private async modelTurn(): Promise<boolean> {
    const iteration = this.state.iterations + 1;
    await this.emit({ type: 'iteration-start', iteration });
    const response = await this.deps.chat.chat(
      [...this.state.messages],
      this.chatOptions(iteration),
    );
    const common = {
      messages: [...this.state.messages, response.message],
      iterations: iteration,
      usage: addUsage(this.state.usage, response.usage),
      lastResponse: response,
    };
    if (response.toolCalls.length === 0) {
      await this.save({
        ...common,
        status: 'completed',
        result: { text: response.text, response },
      });
      await this.emit({ type: 'response', iteration, response });
      await this.emit({ type: 'iteration-finish', iteration, response, toolResults: [] });
      await this.emit({ type: 'finish', result: agentResultOf(this.state) });
      await this.runner.statusChanged(this.state);
      return true;
    }
    // The first call runs right after this save; when it needs no approval, its start mark
    // rides along. Later calls are marked one by one, just before each runs.
    const first = response.toolCalls[0];
    const markFirst =
      first !== undefined && this.deps.registry.get(first.name)?.options.requiresApproval !== true;
    const calls: AgentRunToolCall[] = response.toolCalls.map((toolCall, index) =>
      index === 0 && markFirst
        ? { iteration, toolCall, status: 'started', attempts: 1 }
        : { iteration, toolCall, status: 'pending', attempts: 0 },
    );
    if (markFirst && first !== undefined) this.markedHere.add(first.id);
    await this.save({ ...common, toolCalls: [...this.state.toolCalls, ...calls] });
    await this.emit({ type: 'response', iteration, response });
    return false;
  }

  /** The calls of the open turn, one after another; true when the run suspended on approvals. */
  private async runTurn(turn: readonly AgentRunToolCall[]): Promise<boolean> {
    let waiting = false;
    for (const { toolCall } of turn) {
      const call = this.call(toolCall.id);
      const tool = this.deps.registry.get(toolCall.name);
      switch (call.status) {
        case 'finished':
        case 'awaiting-approval':
          waiting ||= call.status === 'awaiting-approval';
          break;
        case 'started':
          // Unless this drive marked it with the model's answer, the process died while this
          // tool ran: its effect is unknown.
          if (!this.markedHere.has(toolCall.id) && tool?.options.idempotent !== true) {
            throw new ToolInterruptedError(this.state.runId, toolCall.id, toolCall.name);
          }
          await this.execute(call);
          break;
        case 'rejected':
          await this.finish(
            call,
            errorResult(
              toolCall,
              `Tool "${toolCall.name}" requires approval and was not approved.`,
            ),
            0,
          );
          break;
        case 'approved':
          await this.execute(call);
          break;
        case 'pending': {
          if (tool?.options.requiresApproval !== true) {
            await this.execute(call);
            break;
          }
          const { approve } = this.controls;
          if (approve === undefined) {
            this.state = this.withCall(toolCall.id, { status: 'awaiting-approval' });
            waiting = true;
            break;
          }
          const decided = await approve(toolCall, tool);
          const next = this.withCall(toolCall.id, { status: decided ? 'approved' : 'rejected' });
          this.state = next;
          await this.runTurn([this.call(toolCall.id)]);
          break;
        }
      }
    }
    if (!waiting) return false;
    await this.save({
      status: 'awaiting-approval',
      pendingApprovals: pendingOf(openTurn(this.state)),
    });
    await this.runner.statusChanged(this.state);
    return true;
  }

  /** Marks the call started (saved), runs it through the executor, saves its result. */
  private async execute(call: AgentRunToolCall): Promise<void> {
    const { toolCall } = call;
    if (!this.markedHere.delete(toolCall.id)) {
      await this.save({
        toolCalls: this.withCall(toolCall.id, { status: 'started', attempts: call.attempts + 1 })
          .toolCalls,
      });
    }
    await this.emit({ type: 'tool-call-start', iteration: call.iteration, toolCall });
    const started = this.deps.now();
    const result = await this.deps.executor.execute(toolCall, {
      tools: this.state.spec.tools,
      signal: this.signal,
      // Reached only for tools that need no approval or were approved.
      approve: () => true,
      ...(this.controls.toolInterceptors === undefined
        ? {}
        : { interceptors: this.controls.toolInterceptors }),
    });
    await this.finish(this.call(toolCall.id), result, Math.max(0, this.deps.now() - started));
  }

  /**
   * Saves a call's result; when it is the turn's last, the same save appends the turn's tool
   * messages (in the order of the calls), so the conversation is complete in one step.
   */
  private async finish(
    call: AgentRunToolCall,
    result: ToolResult,
    durationMs: number,
  ): Promise<void> {
    const stored = storedResult(result);
    const next = this.withCall(call.toolCall.id, {
      status: 'finished',
      result: stored,
      durationMs,
    });
    const turn = next.toolCalls.filter((c) => c.iteration === call.iteration);
    const complete = turn.every((c) => c.status === 'finished');
    await this.save({
      toolCalls: next.toolCalls,
      ...(complete
        ? { messages: [...next.messages, ...turn.map((c) => toolMessage(c.result as ToolResult))] }
        : {}),
    });
    await this.emit({
      type: 'tool-call-finish',
      iteration: call.iteration,
      toolCall: call.toolCall,
      result,
      durationMs,
    });
  }

  /** Saves `changes` on top of the current state against its version. */
  private async save(changes: Partial<AgentRunState>): Promise<void> {
    try {
      this.state = await this.deps.store.save({ ...this.state, ...changes }, this.state.version);
    } catch (error: unknown) {
      if (error instanceof RunConflictError) {
        const stored = await this.deps.store.get(this.state.runId);
        if (stored?.status === 'cancelled') throw new RunCancelled(stored);
      }
      throw error;
    }
  }

  private call(toolCallId: string): AgentRunToolCall {
    const call = this.state.toolCalls.find(
      (c) => c.toolCall.id === toolCallId && c.iteration === this.state.iterations,
    );
    if (call === undefined) throw new Error(`tool call ${toolCallId} is not in the open turn`);
    return call;
  }

  /** The state with one call of the open turn changed (not saved). */
  private withCall(toolCallId: string, changes: Partial<AgentRunToolCall>): AgentRunState {
    return {
      ...this.state,
      toolCalls: this.state.toolCalls.map((c) =>
        c.toolCall.id === toolCallId && c.iteration === this.state.iterations
          ? { ...c, ...changes }
          : c,
      ),
    };
  }

  private turnResults(iteration: number): ToolResult[] {
    return this.state.toolCalls
      .filter((c) => c.iteration === iteration && c.result !== undefined)
      .map((c) => c.result as ToolResult);
  }

  private chatOptions(iteration: number): ChatOptions {
    const { spec } = this.state;
    const options: Record<string, unknown> = {};
    for (const key of TOOL_CHOICE_SETTINGS) {
      if (spec[key] !== undefined) options[key] = spec[key];
    }
    if (spec.tools.length > 0) options['tools'] = this.deps.registry.definitions([...spec.tools]);
    if (iteration === 1 && spec.toolChoice !== undefined && spec.tools.length > 0) {
      options['toolChoice'] = spec.toolChoice;
    }
    if (this.controls.interceptors !== undefined) {
      options['interceptors'] = this.controls.interceptors;
    }
    if (this.controls.headers !== undefined) options['headers'] = this.controls.headers;
    return { ...(options as ChatOptions), signal: this.signal };
  }

  private emit(event: AgentEvent): Promise<void> {
    return this.runner.emit(this.state.runId, this.controls, event);
  }
}

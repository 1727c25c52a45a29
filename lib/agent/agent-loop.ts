import type { ChatOptions } from '../chat/chat-options.types';
import type { ChatResponse, Message, ToolCall, ToolResult } from '../core';
import { addUsage, ZERO_USAGE } from '../core/sum-usage';
import type { RegisteredTool } from '../tools/registered-tool.types';
import type { ToolExecutionOptions } from '../tools/tool-execution-options.types';
import type { AgentEvent } from './agent-event.types';
import type { AgentPlan } from './agent-plan';
import type { AgentResult, AgentToolCallRecord } from './agent-result.types';
import { MaxIterationsExceededError } from './max-iterations-exceeded.error';

/** What the loop needs from outside: the model call, the tool runner, a clock and an outlet. */
export interface AgentLoopDeps {
  /**
   * One model call (`ChatService.chat`, or a stream collected into a response); it adds the run's
   * signal to the options.
   */
  readonly callModel: (
    messages: readonly Message[],
    options: ChatOptions,
    iteration: number,
  ) => Promise<ChatResponse>;
  /** `ToolExecutor.executeAll`: results in the order of the calls, errors as error results. */
  readonly executeAll: (
    toolCalls: readonly ToolCall[],
    options: ToolExecutionOptions,
  ) => Promise<ToolResult[]>;
  /** Milliseconds on a monotonic clock, for tool durations. */
  readonly now: () => number;
  readonly emit: (event: AgentEvent) => void;
  /** Decides on a `requiresApproval` tool; absent: such tools are refused. */
  readonly approve?: (
    toolCall: ToolCall,
    tool: RegisteredTool,
    iteration: number,
  ) => Promise<boolean>;
}

/** The run's tool options, minus the per-turn hooks the loop adds. */
export type AgentToolOptions = Omit<ToolExecutionOptions, 'onStart' | 'onResult' | 'approve'>;

function toolMessage(result: ToolResult): Message {
  return {
    role: 'tool',
    toolCallId: result.toolCallId,
    toolName: result.toolName,
    content: result.content,
    ...(result.isError ? { isError: true } : {}),
  };
}

/** Runs the tool calls of one turn, reporting each start and result with its duration. */
async function runTools(
  response: ChatResponse,
  iteration: number,
  toolOptions: AgentToolOptions,
  deps: AgentLoopDeps,
): Promise<{ results: ToolResult[]; records: AgentToolCallRecord[] }> {
  const started = new Map<string, number>();
  const durations = new Map<string, number>();
  const byId = new Map(response.toolCalls.map((call) => [call.id, call]));
  const { approve } = deps;
  const results = await deps.executeAll(response.toolCalls, {
    ...toolOptions,
    ...(approve === undefined ? {} : { approve: (call, tool) => approve(call, tool, iteration) }),
    onStart: (toolCall) => {
      started.set(toolCall.id, deps.now());
      deps.emit({ type: 'tool-call-start', iteration, toolCall });
    },
    onResult: (result) => {
      const durationMs = Math.max(0, deps.now() - (started.get(result.toolCallId) ?? deps.now()));
      durations.set(result.toolCallId, durationMs);
      const toolCall = byId.get(result.toolCallId);
      if (toolCall !== undefined) {
        deps.emit({ type: 'tool-call-finish', iteration, toolCall, result, durationMs });
      }
    },
  });
  const records = results.map((result, index) => ({
    iteration,
    toolCall: response.toolCalls[index] ?? (byId.get(result.toolCallId) as ToolCall),
    result,
    durationMs: durations.get(result.toolCallId) ?? 0,
  }));
  return { results, records };
}

/**
 * The tool loop: call the model; if it asked for tools, run them (through `ToolExecutor`, so
 * unknown tools, invalid arguments and failures go back to the model as error results), append the
 * assistant turn and the results, and call the model again; stop at the first answer without tool
 * calls (an empty list counts as none). After `maxIterations` model calls that all asked for
 * tools, throws `MaxIterationsExceededError` with the conversation so far. Model errors and aborts
 * reject unchanged.
 */
export async function runAgentLoop(
  plan: AgentPlan,
  toolOptions: AgentToolOptions,
  deps: AgentLoopDeps,
): Promise<AgentResult> {
  const messages: Message[] = [...plan.messages];
  const responses: ChatResponse[] = [];
  const toolCalls: AgentToolCallRecord[] = [];
  let usage = ZERO_USAGE;
  for (let iteration = 1; ; iteration += 1) {
    deps.emit({ type: 'iteration-start', iteration });
    const choice =
      iteration === 1 && plan.toolChoice !== undefined && plan.definitions.length > 0
        ? { toolChoice: plan.toolChoice }
        : {};
    // A snapshot: the request must not change when the loop appends to its own history later
    // (a recorded request, a cache key or an interceptor may keep a reference to it).
    const response = await deps.callModel(
      [...messages],
      { ...plan.chatOptions, ...choice },
      iteration,
    );
    responses.push(response);
    usage = addUsage(usage, response.usage);
    messages.push(response.message);
    deps.emit({ type: 'response', iteration, response });
    if (response.toolCalls.length === 0) {
      deps.emit({ type: 'iteration-finish', iteration, response, toolResults: [] });
      const result: AgentResult = {
        text: response.text,
        response,
        messages,
        iterations: iteration,
        toolCalls,
        responses,
        usage,
      };
      deps.emit({ type: 'finish', result });
      return result;
    }
    const turn = await runTools(response, iteration, toolOptions, deps);
    toolCalls.push(...turn.records);
    messages.push(...turn.results.map(toolMessage));
    deps.emit({ type: 'iteration-finish', iteration, response, toolResults: turn.results });
    if (iteration >= plan.maxIterations) {
      throw new MaxIterationsExceededError({
        maxIterations: plan.maxIterations,
        messages,
        toolCalls,
        responses,
        usage,
      });
    }
  }
}

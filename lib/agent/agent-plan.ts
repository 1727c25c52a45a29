import type { ChatOptions } from '../chat/chat-options.types';
import {
  ConduitValidationError,
  type Message,
  type ToolChoice,
  type ToolDefinition,
} from '../core';
import type { ToolRegistry } from '../tools/tool.registry';
import { DEFAULT_MAX_ITERATIONS, type AgentRunOptions } from './agent-options.types';
import { agentRunIssues } from './validate-agent-options';

/** Everything a run needs, checked and resolved before the first model call. */
export interface AgentPlan {
  /** The conversation to start from (system prompt first). */
  readonly messages: readonly Message[];
  /** The options of every model call (tools included; `toolChoice` and `signal` are added per call). */
  readonly chatOptions: ChatOptions;
  readonly definitions: readonly ToolDefinition[];
  readonly maxIterations: number;
  /** The tool choice of the first model call (later calls use the provider default, `auto`). */
  readonly toolChoice?: ToolChoice;
}

/** The generation settings and call controls passed on to `ChatService` as they are. */
const PASSED_ON = [
  'model',
  'temperature',
  'topP',
  'maxTokens',
  'stop',
  'seed',
  'responseFormat',
  'providerOptions',
  'timeoutMs',
  'interceptors',
  'headers',
] as const;

/**
 * Validates a run's options and resolves them: the starting conversation, the tool definitions of
 * the selection (an unknown tool name is a `ConduitValidationError` listing the known ones) and the
 * chat options. Nothing is sent yet.
 */
export function planAgentRun(options: AgentRunOptions, registry: ToolRegistry): AgentPlan {
  const issues = agentRunIssues(options);
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid agent run');
  const definitions = registry.definitions(options.tools ?? 'all');
  const messages: Message[] = [
    ...(options.system === undefined ? [] : [{ role: 'system' as const, content: options.system }]),
    ...(options.messages ?? []),
    ...(options.prompt === undefined ? [] : [{ role: 'user' as const, content: options.prompt }]),
  ];
  const chatOptions: Record<string, unknown> = {};
  for (const key of PASSED_ON) {
    if (options[key] !== undefined) chatOptions[key] = options[key];
  }
  if (definitions.length > 0) chatOptions['tools'] = definitions;
  return {
    messages,
    chatOptions: chatOptions,
    definitions,
    maxIterations: options.maxIterations ?? DEFAULT_MAX_ITERATIONS,
    ...(options.toolChoice === undefined ? {} : { toolChoice: options.toolChoice }),
  };
}

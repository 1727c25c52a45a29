import { randomUUID } from 'node:crypto';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { ZERO_USAGE } from '../../core/sum-usage';
import type { ToolRegistry } from '../../tools/tool.registry';
import { planAgentRun } from '../agent-plan';
import type { AgentStartOptions } from './agent-run-options.types';
import type { AgentRunSpec, AgentRunState } from './agent-run-state.types';

/** Run ids: safe in Redis keys, SQL values, URLs and log lines. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** The generation settings a run stores (plain JSON; headers are not stored: they may hold keys). */
const STORED_SETTINGS = [
  'model',
  'temperature',
  'topP',
  'maxTokens',
  'stop',
  'seed',
  'timeoutMs',
] as const;

/**
 * The first state of a durable run (`queued`, version 0 until the store creates it): the options
 * checked as `run()` checks them, tools resolved to names, the starting conversation built.
 */
export function initialRunState(options: AgentStartOptions, registry: ToolRegistry): AgentRunState {
  const runId = options.runId ?? randomUUID();
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) {
    throw new ConduitValidationError(
      [
        {
          path: 'runId',
          message:
            'must be 1-128 characters: letters, digits, _ . : - (not starting with a symbol)',
        },
      ],
      'Invalid agent run',
    );
  }
  const plan = planAgentRun(options, registry);
  const settings: Record<string, unknown> = {};
  for (const key of STORED_SETTINGS) {
    if (options[key] !== undefined) settings[key] = options[key];
  }
  const spec: AgentRunSpec = {
    ...(settings as Partial<AgentRunSpec>),
    ...(options.agent === undefined ? {} : { agent: options.agent }),
    ...(options.system === undefined ? {} : { system: options.system }),
    tools: registry.select(options.tools ?? 'all').map((tool) => tool.name),
    maxIterations: plan.maxIterations,
    ...(plan.toolChoice === undefined ? {} : { toolChoice: plan.toolChoice }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  };
  const stamp = new Date().toISOString();
  return {
    runId,
    status: 'queued',
    pendingApprovals: [],
    usage: ZERO_USAGE,
    iterations: 0,
    spec,
    messages: plan.messages,
    toolCalls: [],
    version: 0,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

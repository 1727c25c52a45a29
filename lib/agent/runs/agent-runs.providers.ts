import type { InjectionToken, Provider } from '@nestjs/common';
import { CONDUIT_AGENT_RUN_EVENTS } from '../agent.constants';
import type { RunsModuleOptions } from './agent-run-options.types';
import { AgentRunStore } from './agent-run.store';
import { InMemoryAgentRunStore } from './in-memory-agent-run.store';

/**
 * The configured `AgentRunStore` (an injection token by its class, so users inject it by type or
 * swap it with `overrideProvider`) and the optional event sink, read from the module options.
 */
export function agentRunsProviders(moduleOptionsToken: InjectionToken): Provider[] {
  return [
    {
      provide: AgentRunStore,
      useFactory: (options: RunsModuleOptions | undefined) =>
        options?.runs?.store ?? new InMemoryAgentRunStore(),
      inject: [moduleOptionsToken],
    },
    {
      provide: CONDUIT_AGENT_RUN_EVENTS,
      useFactory: (options: RunsModuleOptions | undefined) => options?.runs?.events ?? null,
      inject: [moduleOptionsToken],
    },
  ];
}

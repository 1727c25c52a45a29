/**
 * nestjs-conduit agents: tool loops, streamed agent events, declared agents (@Agent() classes,
 * AgentService.define()), durable runs and their events. Re-exported by the package root
 * (`lib/index.ts`).
 */
export { AgentService } from './agent.service';
export { Agent, type AgentDeclaration } from './agent.decorator';
export { ConduitAgent } from './conduit-agent';
export { DeclaredAgent, type AgentInput } from './declared-agent';
export {
  DEFAULT_MAX_ITERATIONS,
  type AgentOptions,
  type AgentRunOptions,
  type ToolApprover,
} from './agent-options.types';
export type { AgentResult, AgentToolCallRecord } from './agent-result.types';
export type {
  AgentEvent,
  AgentEventType,
  AgentFinishEvent,
  AgentIterationFinishEvent,
  AgentIterationStartEvent,
  AgentReasoningDeltaEvent,
  AgentResponseEvent,
  AgentTextDeltaEvent,
  AgentToolApprovalEvent,
  AgentToolCallFinishEvent,
  AgentToolCallStartEvent,
} from './agent-event.types';
export { MaxIterationsExceededError, type AgentProgress } from './max-iterations-exceeded.error';

// Durable agent runs: saved after every model call and tool result, suspended on approvals,
// continued on any replica (docs/durable-runs.md).
export { AgentRunStore, type PruneRunsOptions } from './runs/agent-run.store';
export {
  InMemoryAgentRunStore,
  type InMemoryAgentRunStoreOptions,
} from './runs/in-memory-agent-run.store';
export { RedisAgentRunStore, type RedisAgentRunStoreOptions } from './runs/redis-agent-run.store';
export type { RedisAgentRunClient } from './runs/redis-agent-run-client.types';
export {
  PostgresAgentRunStore,
  type PostgresAgentRunStoreOptions,
} from './runs/postgres-agent-run.store';
export type { AgentRunPgPool } from './runs/postgres-agent-run-pool.types';
export {
  agentRunsMigrationSql,
  DEFAULT_AGENT_RUNS_TABLE,
} from './runs/postgres-agent-run.migration';
export {
  DEFAULT_MAX_RUN_STATE_BYTES,
  DEFAULT_MAX_RUNS,
  DEFAULT_RUN_TTL_MS,
  type AgentRunStoreLimits,
} from './runs/agent-run-store-limits';
export { RunFailedError } from './runs/errors/run-failed.error';
export {
  FINAL_RUN_STATUSES,
  type AgentRunError,
  type AgentRunResult,
  type AgentRunSpec,
  type AgentRunState,
  type AgentRunStatus,
  type AgentRunToolCall,
  type AgentRunToolCallStatus,
  type PendingApproval,
} from './runs/agent-run-state.types';
export type { AgentRunEventSink } from './runs/agent-run-event-sink';
export type { AgentRunEnqueuer, EnqueuedAgentRun } from './runs/agent-run-enqueuer';
export type {
  AgentStartOptions,
  ConduitRunsOptions,
  ContinueRunOptions,
  DurableAgentRuns,
  ResumeRunOptions,
  RunControls,
  RunsModuleOptions,
} from './runs/agent-run-options.types';
export { CorruptRunStateError } from './runs/errors/corrupt-run-state.error';
export { RunAlreadyExistsError } from './runs/errors/run-already-exists.error';
export { RunAwaitingApprovalError } from './runs/errors/run-awaiting-approval.error';
export { RunConflictError } from './runs/errors/run-conflict.error';
export { RunNotFoundError } from './runs/errors/run-not-found.error';
export { RunNotResumableError } from './runs/errors/run-not-resumable.error';
export { RunStateTooLargeError } from './runs/errors/run-state-too-large.error';
export { ToolInterruptedError } from './runs/errors/tool-interrupted.error';
export { UnknownApprovalError } from './runs/errors/unknown-approval.error';
// Their events, replayed and followed live from any replica (Redis Streams); `toSse()` sends the ids.
export { AgentRunEvents } from './run-events/agent-run-events.service';
export { RunEventLog } from './run-events/run-event-log';
export {
  InMemoryRunEventLog,
  type InMemoryRunEventLogOptions,
} from './run-events/in-memory-run-event-log';
export { RedisRunEventLog, type RedisRunEventLogOptions } from './run-events/redis-run-event-log';
export type { RedisRunEventClient } from './run-events/redis-run-event-client.types';
export type {
  AgentRunLogEvent,
  AgentRunStatusEvent,
  ReadRunEventsOptions,
  RunEventRecord,
  RunLogEvent,
} from './run-events/run-event.types';

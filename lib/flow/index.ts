/**
 * nestjs-conduit workflows: pipelines of steps, step builders, state graphs (routing, cycles,
 * parallel branches, joins, hooks, checkpoints, subgraphs, Mermaid). Re-exported by the package root.
 */
// joins, hooks, checkpoints, subgraphs, Mermaid).
export type { AsyncStep, StepContext, StepFn, StepOutput } from './step.types';
export { Pipeline, type PipelineRunOptions } from './pipeline/pipeline';
export { PipelineStepError } from './pipeline/pipeline-step.error';
export {
  branchStep,
  conditionalStep,
  loopStep,
  parallelStep,
  type BranchStepOptions,
  type LoopStepOptions,
} from './steps/control-steps';
export { modelStep, type ChatCaller, type ModelStepOptions } from './steps/model-step';
export { agentStep, type AgentRunner, type AgentStepOptions } from './steps/agent-step';
export { renderTemplate } from './steps/prompt-template';
export { FlowStepError } from './steps/flow-step.error';
export { DEFAULT_MAX_STEPS, END, START } from './graph/graph.constants';
export { StateGraph } from './graph/state-graph';
export { CompiledGraph, type CompileGraphOptions, type NodeResolver } from './graph/compiled-graph';
export { subgraphNode, type SubgraphNodeOptions } from './graph/subgraph-node';
export type {
  GraphEvent,
  GraphHooks,
  GraphNode,
  GraphNodeFn,
  GraphResumeOptions,
  GraphRouter,
  GraphRunOptions,
  GraphRunResult,
  NodeContext,
  NodeSpec,
  NodeUpdate,
  StateReducer,
  StateReducers,
} from './graph/graph.types';
export type { ConditionalEdge, GraphDefinition, JoinEdge } from './graph/graph-definition';
export {
  GraphMaxStepsError,
  GraphNodeError,
  GraphRoutingError,
  GraphValidationError,
} from './graph/graph-errors';
export {
  CheckpointStore,
  type ClaimCheckpointOptions,
  type GraphCheckpoint,
  type LoadCheckpointOptions,
  type SaveCheckpointOptions,
  type StoredCheckpoint,
} from './graph/checkpoint.store';
export {
  DEFAULT_MAX_CHECKPOINT_THREADS,
  InMemoryCheckpointStore,
  type InMemoryCheckpointStoreOptions,
} from './graph/in-memory-checkpoint.store';
export {
  DEFAULT_CHECKPOINT_KEEP_LAST,
  DEFAULT_CHECKPOINT_LEASE_MS,
  DEFAULT_CHECKPOINT_TTL_MS,
  type CheckpointStoreOptions,
} from './checkpoints/checkpoint-store-options.types';
export { CheckpointConflictError } from './checkpoints/checkpoint-conflict.error';
export { CheckpointCorruptError } from './checkpoints/checkpoint-corrupt.error';
export { CheckpointNotFoundError } from './checkpoints/checkpoint-not-found.error';
export {
  RedisCheckpointStore,
  type RedisCheckpointStoreOptions,
} from './checkpoints/redis-checkpoint.store';
export type { RedisCheckpointClient } from './checkpoints/redis-checkpoint-client.types';
export {
  PostgresCheckpointStore,
  type PostgresCheckpointStoreOptions,
} from './checkpoints/postgres-checkpoint.store';
export type {
  PostgresCheckpointPool,
  PostgresCheckpointQueryResult,
} from './checkpoints/postgres-checkpoint-pool.types';
export {
  DEFAULT_CHECKPOINT_TABLE,
  POSTGRES_CHECKPOINT_MIGRATION,
  postgresCheckpointMigration,
} from './checkpoints/postgres-checkpoint.migration';
export { toMermaid } from './graph/graph-mermaid';
export { validateGraph } from './graph/validate-graph';

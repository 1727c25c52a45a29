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
export { CheckpointStore, type GraphCheckpoint } from './graph/checkpoint.store';
export { InMemoryCheckpointStore } from './graph/in-memory-checkpoint.store';
export { toMermaid } from './graph/graph-mermaid';
export { validateGraph } from './graph/validate-graph';

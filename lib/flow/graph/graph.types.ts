import type { Type } from '@nestjs/common';
import type { StepContext, StepOutput } from '../step.types';

/** What a node receives besides the state. */
export interface NodeContext extends StepContext {
  /** The node's name. */
  readonly node: string;
  /** How many node runs came before this one in the run (0-based). */
  readonly step: number;
}

/** A node's answer: the keys of the state it changes (merged into the state), or nothing. */
export type NodeUpdate<S> = Partial<S> | void;

/** A node as a function of the state. */
export type GraphNodeFn<S> = (state: S, context: NodeContext) => StepOutput<NodeUpdate<S>>;

/**
 * A node as an injectable provider: `addNode('answer', AnswerNode)` with `AnswerNode` a Nest
 * provider implementing this; it is resolved from the app when the graph is compiled with
 * `{ moduleRef }`.
 */
export interface GraphNode<S> {
  /** Runs the node on the current state and returns the update to merge into it. */
  run(state: S, context: NodeContext): StepOutput<NodeUpdate<S>>;
}

/** Routes from a node, looking at the state after it: a node name, several (fan out), or `END`. */
export type GraphRouter<S> = (
  state: S,
) => string | readonly string[] | PromiseLike<string | readonly string[]>;

/** Combines a key's current value with a node's update (default: the update replaces it). */
export type StateReducer<V> = (current: V, update: V) => V;

/** Per-key reducers of the state, e.g. `{ notes: (a, b) => [...a, ...b] }` for parallel writers. */
export type StateReducers<S> = { readonly [K in keyof S]?: StateReducer<S[K]> };

/** Hooks around every node (logging, tracing, metrics). A hook that throws fails the run. */
export interface GraphHooks<S> {
  /** Called before each node runs, with the state it will see. */
  beforeNode?(node: string, state: S): void | PromiseLike<void>;
  /** Called after each node ran, with its update and the merged state. */
  afterNode?(node: string, update: NodeUpdate<S>, state: S): void | PromiseLike<void>;
}

/** An event of `CompiledGraph.stream`: node started, node finished (with the state), run finished. */
export type GraphEvent<S> =
  | { readonly type: 'node-start'; readonly node: string; readonly step: number; readonly state: S }
  | {
      readonly type: 'node-finish';
      readonly node: string;
      readonly step: number;
      readonly update: NodeUpdate<S>;
      /** The state once every node of the same superstep has been merged. */
      readonly state: S;
    }
  | { readonly type: 'graph-finish'; readonly state: S; readonly path: readonly string[] };

/** What a finished run resolves with. */
export interface GraphRunResult<S> {
  readonly state: S;
  /** The nodes run, in order (nodes of one parallel superstep in the order they were routed to). */
  readonly path: readonly string[];
}

/** Options of one run. */
export interface GraphRunOptions<S> {
  /** Aborts the run: no node starts after it fires and running nodes see `context.signal` fire. */
  readonly signal?: AbortSignal;
  /**
   * With a checkpoint store: the id the checkpoints of this run are saved under (and resumed
   * from). The run claims the thread first: a thread another run holds throws
   * `CheckpointConflictError` before any node runs.
   */
  readonly threadId?: string;
  /** Every event as it happens (the ones `stream()` emits). */
  readonly onEvent?: (event: GraphEvent<S>) => void;
}

/** Options of `CompiledGraph.resume`. */
export interface GraphResumeOptions<S> extends Omit<GraphRunOptions<S>, 'threadId'> {
  /**
   * Continue from this step's checkpoint instead of the latest (time travel): the new checkpoints
   * are appended after the latest one, the first naming this step as its `parentStep`. Nothing is
   * overwritten or deleted.
   */
  readonly fromStep?: number;
}

/** A node given to `addNode`: a function, an injectable class, or a compiled graph (a subgraph). */
export type NodeSpec<S> =
  | GraphNodeFn<S>
  | Type<GraphNode<S>>
  | {
      /** The node function (a compiled subgraph gives itself as one). */
      toNode(): GraphNodeFn<S>;
    };

import type { CompiledGraph } from './compiled-graph';
import type { GraphNodeFn, NodeUpdate } from './graph.types';

/** Options of `subgraphNode`: how the parent state maps to the subgraph's and back. */
export interface SubgraphNodeOptions<S, T> {
  /** The subgraph's input, from the parent state. */
  readonly input: (state: S) => T;
  /** The parent's update, from the subgraph's final state. */
  readonly output: (result: T, state: S) => NodeUpdate<S>;
}

/**
 * A subgraph with its own state type as a node of a parent graph. (A subgraph with the same
 * state type can be given to `addNode` as it is.)
 */
export function subgraphNode<S, T extends object>(
  graph: CompiledGraph<T>,
  options: SubgraphNodeOptions<S, T>,
): GraphNodeFn<S> {
  return async (state, context) => {
    const result = await graph.run(options.input(state), { signal: context.signal });
    return options.output(result.state, state);
  };
}

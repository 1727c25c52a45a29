import type { GraphNodeFn, GraphRouter, NodeSpec } from './graph.types';

/** A conditional edge: its router and every node it may route to (for validation and Mermaid). */
export interface ConditionalEdge<S> {
  readonly router: GraphRouter<S>;
  readonly targets: readonly string[];
}

/** A join: `target` runs once every source has run since the join last fired. */
export interface JoinEdge {
  readonly sources: readonly string[];
  readonly target: string;
}

/** The plain data a `StateGraph` builds: what validation, Mermaid and the runner read. */
export interface GraphDefinition<S> {
  readonly nodes: ReadonlyMap<string, NodeSpec<S>>;
  readonly edges: ReadonlyMap<string, readonly string[]>;
  readonly conditionalEdges: ReadonlyMap<string, ConditionalEdge<S>>;
  readonly joins: readonly JoinEdge[];
}

/** A definition whose nodes are all functions (classes resolved, subgraphs wrapped). */
export interface ResolvedGraph<S> extends Omit<GraphDefinition<S>, 'nodes'> {
  readonly nodes: ReadonlyMap<string, GraphNodeFn<S>>;
}

import type { ConditionalEdge, GraphDefinition, JoinEdge } from './graph-definition';
import { END, START } from './graph.constants';
import { GraphValidationError } from './graph-errors';
import type { GraphRouter, NodeSpec, StateReducers } from './graph.types';
import { CompiledGraph, type CompileGraphOptions } from './compiled-graph';
import { toMermaid } from './graph-mermaid';
import { validateGraph } from './validate-graph';

function asList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

/**
 * Builds a state-machine workflow: nodes (functions, injectable providers or compiled subgraphs)
 * that read a typed shared state and return the keys they change, connected by edges (fixed,
 * conditional, fan-out to parallel branches, joins). `compile()` validates it and returns the
 * runnable `CompiledGraph`.
 *
 * @example
 * const graph = new StateGraph<{ question: string; docs?: string[]; answer?: string }>()
 *   .addNode('retrieve', async (s) => ({ docs: await retriever.search(s.question) }))
 *   .addNode('answer', AnswerNode)
 *   .addEdge(START, 'retrieve')
 *   .addEdge('retrieve', 'answer')
 *   .addEdge('answer', END)
 *   .compile({ moduleRef });
 * const { state, path } = await graph.run({ question: 'What is NestJS?' });
 */
export class StateGraph<S extends object> {
  private readonly nodes = new Map<string, NodeSpec<S>>();
  private readonly edges = new Map<string, string[]>();
  private readonly conditionalEdges = new Map<string, ConditionalEdge<S>>();
  private readonly joins: JoinEdge[] = [];

  constructor(private readonly options: { readonly reducers?: StateReducers<S> } = {}) {}

  /** Adds a node. Names are unique; `START` and `END` are reserved. */
  addNode(name: string, node: NodeSpec<S>): this {
    const problem =
      name === START || name === END
        ? 'is reserved'
        : name.trim() === ''
          ? 'must not be empty'
          : this.nodes.has(name)
            ? 'is already a node'
            : undefined;
    if (problem !== undefined)
      throw new GraphValidationError([{ path: `nodes.${name}`, message: problem }]);
    this.nodes.set(name, node);
    return this;
  }

  /**
   * A fixed edge. Several targets (or several calls) fan out: they run in parallel, in the same
   * superstep. Several sources make a join: the target runs once ALL of them have run.
   */
  addEdge(from: string | readonly string[], to: string | readonly string[]): this {
    const sources = asList(from);
    const targets = asList(to);
    if (sources.length > 1) {
      if (targets.length !== 1) {
        throw new GraphValidationError([
          { path: `joins.${sources.join('+')}`, message: 'a join has exactly one target' },
        ]);
      }
      this.joins.push({ sources: [...sources], target: targets[0] });
      return this;
    }
    const source = sources[0];
    this.checkOneKind(source, 'fixed');
    this.edges.set(source, [...(this.edges.get(source) ?? []), ...targets]);
    return this;
  }

  /**
   * A conditional edge: after `from` runs, `router(state)` names the next node(s) or `END`.
   * `targets` lists every node it may name (validated, drawn in Mermaid; any other answer fails the run).
   */
  addConditionalEdges(from: string, router: GraphRouter<S>, targets: readonly string[]): this {
    this.checkOneKind(from, 'conditional');
    this.conditionalEdges.set(from, { router, targets: [...targets] });
    return this;
  }

  /** The definition as plain data. */
  definition(): GraphDefinition<S> {
    return {
      nodes: new Map(this.nodes),
      edges: new Map(this.edges),
      conditionalEdges: new Map(this.conditionalEdges),
      joins: [...this.joins],
    };
  }

  /** Mermaid flowchart of the graph (see `toMermaid`). */
  toMermaid(): string {
    return toMermaid(this.definition());
  }

  /** Validates the graph (throws `GraphValidationError` listing every problem) and makes it runnable. */
  compile(options: CompileGraphOptions<S> = {}): CompiledGraph<S> {
    const definition = this.definition();
    validateGraph(definition);
    return new CompiledGraph(definition, {
      ...options,
      ...(this.options.reducers !== undefined && { reducers: this.options.reducers }),
    });
  }

  private checkOneKind(from: string, kind: 'fixed' | 'conditional'): void {
    const clash =
      kind === 'fixed'
        ? this.conditionalEdges.has(from)
        : this.edges.has(from) || this.conditionalEdges.has(from);
    if (clash) {
      throw new GraphValidationError([
        {
          path: `edges.${from}`,
          message:
            'a node has either fixed edges or one conditional edge (route to several nodes from the router instead)',
        },
      ]);
    }
  }
}

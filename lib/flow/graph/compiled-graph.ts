import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import { Observable } from 'rxjs';
import { ConduitError } from '../../core/errors/conduit.error';
import { AbortedError } from '../../core/errors/aborted.error';
import { checkCheckpointInput } from '../checkpoints/check-checkpoint-input';
import { CheckpointNotFoundError } from '../checkpoints/checkpoint-not-found.error';
import type { CheckpointStore } from './checkpoint.store';
import type { GraphDefinition, ResolvedGraph } from './graph-definition';
import { DEFAULT_MAX_STEPS, START } from './graph.constants';
import { GraphValidationError } from './graph-errors';
import { toMermaid } from './graph-mermaid';
import { runGraph, type RunPosition } from './graph-runner';
import type {
  GraphEvent,
  GraphHooks,
  GraphNode,
  GraphNodeFn,
  GraphResumeOptions,
  GraphRunOptions,
  GraphRunResult,
  NodeSpec,
  StateReducers,
} from './graph.types';

/** Finds injectable node classes: Nest's `ModuleRef` fits. */
export interface NodeResolver {
  /** The instance of a node class (Nest's ModuleRef.get has this shape). */
  get<T>(type: Type<T>, options: { strict: boolean }): T;
}

/** Options of `StateGraph.compile`. */
export interface CompileGraphOptions<S> {
  /** Most node runs of one run (default 100): the guard against endless cycles. */
  readonly maxSteps?: number;
  /** Called before and after every node. */
  readonly hooks?: GraphHooks<S>;
  /**
   * Saves a checkpoint after every superstep of runs given a `threadId`; enables `resume`.
   * `RedisCheckpointStore` or `PostgresCheckpointStore` share the threads between replicas.
   */
  readonly checkpointStore?: CheckpointStore;
  /** Resolves injectable node classes (pass the `ModuleRef` of the module that uses the graph). */
  readonly moduleRef?: NodeResolver;
  /** Set by `StateGraph` from its constructor options. */
  readonly reducers?: StateReducers<S>;
}

function isNodeClass<S>(spec: NodeSpec<S>): spec is Type<GraphNode<S>> {
  return (
    typeof spec === 'function' &&
    typeof (spec.prototype as { run?: unknown } | undefined)?.run === 'function'
  );
}

function resolveNodes<S>(
  definition: GraphDefinition<S>,
  moduleRef: NodeResolver | undefined,
): Map<string, GraphNodeFn<S>> {
  const nodes = new Map<string, GraphNodeFn<S>>();
  const issues = [];
  for (const [name, spec] of definition.nodes) {
    if (typeof spec === 'object') {
      nodes.set(name, spec.toNode());
    } else if (isNodeClass(spec)) {
      let instance: GraphNode<S> | undefined;
      try {
        instance = moduleRef?.get(spec, { strict: false });
      } catch {
        instance = undefined;
      }
      if (instance === undefined) {
        issues.push({
          path: `nodes.${name}`,
          message:
            moduleRef === undefined
              ? `${spec.name} is a provider class: compile the graph with { moduleRef }`
              : `${spec.name} is not a provider of the app: add it to a module's providers`,
        });
        continue;
      }
      const node = instance;
      nodes.set(name, (state, context) => node.run(state, context));
    } else {
      nodes.set(name, spec);
    }
  }
  if (issues.length > 0) throw new GraphValidationError(issues);
  return nodes;
}

/**
 * A validated, runnable graph (made by `StateGraph.compile`). `run` resolves with the final state
 * and the path taken; `stream` emits node-start / node-finish events with state snapshots;
 * `resume` continues a checkpointed run. A compiled graph can be a node of another graph.
 */
export class CompiledGraph<S extends object> {
  private readonly graph: ResolvedGraph<S>;
  private readonly maxSteps: number;

  constructor(
    private readonly definition: GraphDefinition<S>,
    private readonly options: CompileGraphOptions<S> = {},
  ) {
    this.graph = { ...definition, nodes: resolveNodes(definition, options.moduleRef) };
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    if (!Number.isInteger(this.maxSteps) || this.maxSteps < 1) {
      throw new GraphValidationError([{ path: 'maxSteps', message: 'must be a positive integer' }]);
    }
  }

  /** The store this graph saves its checkpoints in (`undefined`: compiled without one). */
  get checkpointStore(): CheckpointStore | undefined {
    return this.options.checkpointStore;
  }

  /** Runs the graph from START to END on `input`. */
  run(input: S, options: GraphRunOptions<S> = {}): Promise<GraphRunResult<S>> {
    const position: RunPosition<S> = {
      state: input,
      next: this.graph.edges.get(START) ?? [],
      path: [],
      joins: {},
    };
    return this.execute(position, options);
  }

  /** The same run as a cold stream of events; unsubscribing aborts it (running nodes see their signal fire). */
  stream(input: S, options: Omit<GraphRunOptions<S>, 'onEvent'> = {}): Observable<GraphEvent<S>> {
    return new Observable<GraphEvent<S>>((subscriber) => {
      const controller = new AbortController();
      const parent = options.signal;
      const onAbort = (): void => controller.abort(parent?.reason);
      parent?.addEventListener('abort', onAbort, { once: true });
      if (parent?.aborted === true) controller.abort(parent.reason);
      this.run(input, {
        ...options,
        signal: controller.signal,
        onEvent: (event) => subscriber.next(event),
      }).then(
        () => subscriber.complete(),
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        parent?.removeEventListener('abort', onAbort);
        if (!controller.signal.aborted)
          controller.abort(new AbortedError('The graph stream was unsubscribed.'));
      };
    });
  }

  /**
   * Continues the run saved under `threadId` from its latest checkpoint, or from the checkpoint of
   * `fromStep` (time travel; the nodes that had not finished run again). A finished run resolves
   * with its final state without running anything. The run first claims the thread: when another
   * run holds it or moved it on, this one throws `CheckpointConflictError` before running any node.
   * An unknown thread or step throws `CheckpointNotFoundError`.
   */
  async resume(threadId: string, options: GraphResumeOptions<S> = {}): Promise<GraphRunResult<S>> {
    const store = this.options.checkpointStore;
    if (store === undefined)
      throw new ConduitError(
        'resume() needs a checkpointStore: compile the graph with { checkpointStore }.',
      );
    const { fromStep, ...runOptions } = options;
    checkCheckpointInput(threadId, { fromStep });
    const latest = await store.load(threadId);
    if (latest === undefined) throw new CheckpointNotFoundError(threadId, fromStep);
    const checkpoint =
      fromStep === undefined || fromStep === latest.step
        ? latest
        : await store.load(threadId, { step: fromStep });
    if (checkpoint === undefined) {
      const kept = (await store.list(threadId)).map((saved) => saved.step);
      throw new CheckpointNotFoundError(threadId, fromStep, kept);
    }
    const state = checkpoint.state as S;
    if (checkpoint.done) return { state, path: checkpoint.path };
    return this.execute(
      { state, next: checkpoint.next, path: checkpoint.path, joins: checkpoint.joins },
      { ...runOptions, threadId },
      {
        latestStep: latest.step,
        parentStep: checkpoint.step === latest.step ? undefined : checkpoint.step,
      },
    );
  }

  /** Mermaid flowchart of the graph. */
  toMermaid(): string {
    return toMermaid(this.definition);
  }

  /** This graph as a node of another graph with the same state type: its final state is the update. */
  toNode(): GraphNodeFn<S> {
    return async (state, context) => (await this.run(state, { signal: context.signal })).state;
  }

  /**
   * Runs from `position`. With a store and a thread, the run claims the thread first (from the
   * latest step it knows of: `base`, else the latest stored) and releases it when it ends.
   */
  private async execute(
    position: RunPosition<S>,
    options: GraphRunOptions<S>,
    base?: { readonly latestStep: number; readonly parentStep: number | undefined },
  ): Promise<GraphRunResult<S>> {
    const store = this.options.checkpointStore;
    const threadId = options.threadId;
    const settings = {
      maxSteps: this.maxSteps,
      reducers: this.options.reducers,
      hooks: this.options.hooks,
      signal: options.signal ?? new AbortController().signal,
      emit: options.onEvent ?? (() => undefined),
    };
    if (store === undefined || threadId === undefined)
      return runGraph(this.graph, position, { ...settings, checkpoints: undefined });
    const latestStep = base === undefined ? (await store.load(threadId))?.step : base.latestStep;
    const owner = randomUUID();
    await store.claim(threadId, { owner, latestStep });
    try {
      return await runGraph(this.graph, position, {
        ...settings,
        checkpoints: {
          store,
          threadId,
          owner,
          firstStep: latestStep === undefined ? 0 : latestStep + 1,
          parentStep: base?.parentStep,
        },
      });
    } finally {
      // A failed release only leaves the claim to expire after the store's leaseMs: the run's own
      // outcome (its result or its error) is what the caller needs.
      await store.release(threadId, owner).catch(() => undefined);
    }
  }
}

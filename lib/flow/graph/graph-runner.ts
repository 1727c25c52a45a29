import { AbortedError } from '../../core/errors/aborted.error';
import { resolveStepOutput } from '../resolve-step-output';
import type { CheckpointStore, GraphCheckpoint } from './checkpoint.store';
import type { ResolvedGraph } from './graph-definition';
import { END } from './graph.constants';
import { GraphMaxStepsError, GraphNodeError, GraphRoutingError } from './graph-errors';
import type {
  GraphEvent,
  GraphHooks,
  GraphRunResult,
  NodeUpdate,
  StateReducers,
} from './graph.types';

/** Where a run is: the state, the nodes to run next, the path so far, the pending joins. */
export interface RunPosition<S> {
  readonly state: S;
  readonly next: readonly string[];
  readonly path: readonly string[];
  readonly joins: Readonly<Record<string, readonly string[]>>;
}

/** Where and as whom a checkpointed run saves. */
export interface RunnerCheckpoints {
  readonly store: CheckpointStore;
  readonly threadId: string;
  /** The claim this run holds on the thread. */
  readonly owner: string;
  /** The step of the first checkpoint this run saves (the thread's latest + 1). */
  readonly firstStep: number;
  /** Set when the run continues an earlier step than the latest (time travel). */
  readonly parentStep: number | undefined;
}

/** Everything the runner needs besides the graph. */
export interface RunnerSettings<S> {
  readonly maxSteps: number;
  readonly reducers: StateReducers<S> | undefined;
  readonly hooks: GraphHooks<S> | undefined;
  readonly checkpoints: RunnerCheckpoints | undefined;
  readonly signal: AbortSignal;
  readonly emit: (event: GraphEvent<S>) => void;
}

function merge<S>(state: S, update: NodeUpdate<S>, reducers: StateReducers<S> | undefined): S {
  if (update === undefined || update === null) return state;
  const merged: Record<string, unknown> = { ...(state as Record<string, unknown>) };
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    const reducer = (
      reducers as Record<string, ((a: unknown, b: unknown) => unknown) | undefined>
    )?.[key];
    merged[key] = reducer !== undefined && key in merged ? reducer(merged[key], value) : value;
  }
  return merged as S;
}

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  throw signal.reason instanceof Error
    ? signal.reason
    : new AbortedError('The graph run was aborted.');
}

async function route<S>(
  graph: ResolvedGraph<S>,
  node: string,
  state: S,
): Promise<readonly string[]> {
  const fixed = graph.edges.get(node);
  if (fixed !== undefined) return fixed;
  const conditional = graph.conditionalEdges.get(node);
  if (conditional === undefined) return [];
  const chosen = await conditional.router(state);
  const targets = typeof chosen === 'string' ? [chosen] : chosen;
  for (const target of targets) {
    if (!conditional.targets.includes(target)) {
      throw new GraphRoutingError(
        `The router of "${node}" chose "${target}", which is not among its declared targets (${conditional.targets.join(', ')}).`,
      );
    }
  }
  if (targets.length === 0)
    throw new GraphRoutingError(`The router of "${node}" chose no node (return END to finish).`);
  return targets;
}

/**
 * Runs a graph in supersteps from `start`: the nodes of a step run in parallel on the same
 * state, their updates are merged in order (through the reducers), then every edge of those
 * nodes is followed on the merged state to find the next step. The run ends when no node is
 * left and END was reached. `maxSteps` bounds the node runs: a run that has made exactly
 * `maxSteps` node runs and then reaches END succeeds.
 */
export async function runGraph<S>(
  graph: ResolvedGraph<S>,
  start: RunPosition<S>,
  settings: RunnerSettings<S>,
): Promise<GraphRunResult<S>> {
  let { state, next } = start;
  const path = [...start.path];
  const joins: Record<string, string[]> = Object.fromEntries(
    Object.entries(start.joins).map(([target, sources]) => [target, [...sources]]),
  );
  let endReached = false;
  let saved = 0;
  while (next.length > 0) {
    throwIfAborted(settings.signal);
    if (path.length + next.length > settings.maxSteps) {
      throw new GraphMaxStepsError(settings.maxSteps, next, path, state);
    }
    const snapshot = state;
    const updates = await Promise.all(
      next.map(async (node, offset) => {
        const step = path.length + offset;
        settings.emit({ type: 'node-start', node, step, state: snapshot });
        try {
          await settings.hooks?.beforeNode?.(node, snapshot);
          const fn = graph.nodes.get(node);
          if (fn === undefined) throw new GraphRoutingError(`Unknown node "${node}".`);
          const update = await resolveStepOutput(
            fn(snapshot, { signal: settings.signal, node, step }),
          );
          await settings.hooks?.afterNode?.(node, update, snapshot);
          return update;
        } catch (error: unknown) {
          throwIfAborted(settings.signal);
          throw error instanceof GraphNodeError ? error : new GraphNodeError(node, snapshot, error);
        }
      }),
    );
    for (const update of updates) state = merge(state, update, settings.reducers);
    next.forEach((node, offset) =>
      settings.emit({
        type: 'node-finish',
        node,
        step: path.length + offset,
        update: updates[offset],
        state,
      }),
    );
    path.push(...next);
    const following: string[] = [];
    for (const node of next) {
      for (const target of await route(graph, node, state)) {
        if (target === END) endReached = true;
        else if (!following.includes(target)) following.push(target);
      }
      for (const join of graph.joins) {
        if (!join.sources.includes(node)) continue;
        const done = new Set([...(joins[join.target] ?? []), node]);
        if (join.sources.every((source) => done.has(source))) {
          delete joins[join.target];
          if (join.target === END) endReached = true;
          else if (!following.includes(join.target)) following.push(join.target);
        } else {
          joins[join.target] = [...done];
        }
      }
    }
    next = following;
    await save(settings, saved, { state, next, path: [...path], joins, done: next.length === 0 });
    saved += 1;
  }
  if (!endReached) {
    throw new GraphRoutingError(
      `The run stopped before END: ${Object.keys(joins)
        .map((t) => `"${t}" waits for a join`)
        .join(', ')}. Make sure every source of a join runs.`,
    );
  }
  settings.emit({ type: 'graph-finish', state, path });
  return { state, path };
}

/**
 * Saves the `index`-th checkpoint of this run as step `firstStep + index`: a conditional write, so
 * a run that lost its thread to another worker stops here with `CheckpointConflictError`.
 */
async function save<S>(
  settings: RunnerSettings<S>,
  index: number,
  checkpoint: Omit<GraphCheckpoint<S>, 'threadId'>,
): Promise<void> {
  const target = settings.checkpoints;
  if (target === undefined) return;
  await target.store.save(
    {
      ...checkpoint,
      threadId: target.threadId,
      step: target.firstStep + index,
      ...(index === 0 && target.parentStep !== undefined ? { parentStep: target.parentStep } : {}),
    },
    { owner: target.owner },
  );
}

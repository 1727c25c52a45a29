import { resolveStepOutput } from '../resolve-step-output';
import type { AsyncStep, StepFn } from '../step.types';
import { FlowStepError } from './flow-step.error';

/** Runs `step` only when `predicate(state)` holds; otherwise passes the state on unchanged. */
export function conditionalStep<S>(
  predicate: (state: S) => boolean | PromiseLike<boolean>,
  step: StepFn<S, S>,
): AsyncStep<S, S> {
  return async (state, context) =>
    (await predicate(state)) ? resolveStepOutput(step(state, context)) : state;
}

/**
 * Runs every branch on the same state at once and adds each result under its key (results are
 * nested under their keys, never merged into the state). The first failure rejects the step with
 * `FlowStepError` naming the branch.
 *
 * @example
 * parallelStep({ weather: (s) => weather(s.city), news: (s) => news(s.city) }) // -> { ...s, weather, news }
 */
export function parallelStep<S extends object, R extends Record<string, unknown>>(branches: {
  readonly [K in keyof R]: StepFn<S, R[K]>;
}): AsyncStep<S, S & R> {
  return async (state, context) => {
    const keys = Object.keys(branches) as (keyof R & string)[];
    const results = await Promise.all(
      keys.map(async (key) => {
        try {
          return await resolveStepOutput(branches[key](state, context));
        } catch (error: unknown) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new FlowStepError('parallel', `Parallel branch "${key}" failed: ${reason}`, error);
        }
      }),
    );
    const joined: Record<string, unknown> = {};
    keys.forEach((key, index) => (joined[key] = results[index]));
    return { ...state, ...(joined as R) };
  };
}

/** Options of `branchStep`. */
export interface BranchStepOptions<S> {
  /** The step of any route without its own (without it, such a route is an error). */
  readonly default?: StepFn<S, S>;
}

/**
 * Routes the state to one of several steps: `router(state)` names the route. A route without a
 * step runs `default`; with no default it fails with a `FlowStepError` listing the routes.
 */
export function branchStep<S>(
  router: (state: S) => string | PromiseLike<string>,
  routes: Readonly<Record<string, StepFn<S, S>>>,
  options: BranchStepOptions<S> = {},
): AsyncStep<S, S> {
  return async (state, context) => {
    const route = await router(state);
    const step = Object.hasOwn(routes, route) ? routes[route] : options.default;
    if (step === undefined) {
      throw new FlowStepError(
        'branch',
        `The router chose "${route}", which has no step and there is no default. Routes: ${Object.keys(routes).join(', ')}. Add the route or a default.`,
      );
    }
    return resolveStepOutput(step(state, context));
  };
}

/** Options of `loopStep`. */
export interface LoopStepOptions<S> {
  /** Checked before every iteration: the loop runs while it holds. */
  readonly while: (state: S) => boolean | PromiseLike<boolean>;
  /** Most iterations. A loop still wanting to go on after that many fails (or stops, see `onLimit`). */
  readonly maxIterations: number;
  /** At the bound: `'error'` (default) throws `FlowStepError`; `'stop'` returns the state as it is. */
  readonly onLimit?: 'error' | 'stop';
}

/** Runs `body` repeatedly while `options.while(state)` holds, at most `maxIterations` times. */
export function loopStep<S>(body: StepFn<S, S>, options: LoopStepOptions<S>): AsyncStep<S, S> {
  if (!Number.isInteger(options.maxIterations) || options.maxIterations < 1) {
    throw new FlowStepError('loop', 'loopStep: maxIterations must be a positive integer.');
  }
  return async (initial, context) => {
    let state = initial;
    for (let iteration = 0; await options.while(state); iteration++) {
      if (iteration === options.maxIterations) {
        if (options.onLimit === 'stop') return state;
        throw new FlowStepError(
          'loop',
          `The loop was still running after maxIterations (${options.maxIterations}) iterations.`,
        );
      }
      state = await resolveStepOutput(body(state, context));
    }
    return state;
  };
}

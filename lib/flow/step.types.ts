import type { Observable } from 'rxjs';

/** What a step or a graph node receives besides its input. */
export interface StepContext {
  /** Fires when the run is aborted (caller's signal, stream unsubscribed): pass it to model calls. */
  readonly signal: AbortSignal;
}

/** What a step may return: a value, a promise of it, or an Observable (its last value counts). */
export type StepOutput<O> = O | PromiseLike<O> | Observable<O>;

/** A step: a plain function from its input to its output. */
export type StepFn<I, O> = (input: I, context: StepContext) => StepOutput<O>;

/** What the step builders return: a step that always answers with a promise. */
export type AsyncStep<I, O> = (input: I, context: StepContext) => Promise<O>;

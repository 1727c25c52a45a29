import { AbortedError } from '../../core/errors/aborted.error';
import { resolveStepOutput } from '../resolve-step-output';
import type { StepContext, StepFn } from '../step.types';
import { PipelineStepError } from './pipeline-step.error';

interface NamedStep {
  readonly name: string;
  readonly run: StepFn<unknown, unknown>;
}

/** Options of `Pipeline.run`. */
export interface PipelineRunOptions {
  /** Aborts the run: no further step starts, and steps see their `context.signal` fire. */
  readonly signal?: AbortSignal;
  /** Called after each step with its output (observability, progress). */
  readonly onStep?: (step: {
    readonly name: string;
    readonly index: number;
    readonly output: unknown;
  }) => void;
}

/**
 * Async steps composed with plain functions: each step's output is the next one's input. A step
 * may return a value, a promise or an Observable (its last value). A failing step rejects the run
 * with `PipelineStepError` naming it. Pipelines are immutable: `pipe` returns a new one.
 *
 * @example
 * const summarize = Pipeline.start<string>()
 *   .pipe('clean', (text) => text.trim())
 *   .pipe('summarize', (text, { signal }) => chat.chat(`Summarize: ${text}`, { signal }))
 *   .pipe('text', (answer) => answer.text);
 * await summarize.run('  a long text  ');
 */
export class Pipeline<I, O> {
  private constructor(private readonly steps: readonly NamedStep[]) {}

  /** An empty pipeline whose input type is `I`. */
  static start<I>(): Pipeline<I, I> {
    return new Pipeline<I, I>([]);
  }

  /** The step names, in order. */
  get stepNames(): string[] {
    return this.steps.map((step) => step.name);
  }

  /** Adds a step; a function's own name (or `step N`) names it when no name is given. */
  pipe<N>(fn: StepFn<O, N>): Pipeline<I, N>;
  pipe<N>(name: string, fn: StepFn<O, N>): Pipeline<I, N>;
  pipe<N>(nameOrFn: string | StepFn<O, N>, maybeFn?: StepFn<O, N>): Pipeline<I, N> {
    const fn = typeof nameOrFn === 'string' ? maybeFn : nameOrFn;
    if (fn === undefined) throw new TypeError('Pipeline.pipe(name, fn): fn is missing');
    const name =
      typeof nameOrFn === 'string'
        ? nameOrFn
        : fn.name !== ''
          ? fn.name
          : `step ${this.steps.length + 1}`;
    return new Pipeline<I, N>([...this.steps, { name, run: fn as StepFn<unknown, unknown> }]);
  }

  /** This pipeline followed by another whose input is this one's output. */
  concat<N>(next: Pipeline<O, N>): Pipeline<I, N> {
    return new Pipeline<I, N>([...this.steps, ...next.steps]);
  }

  /** Runs the steps in order and resolves with the last output. */
  async run(input: I, options: PipelineRunOptions = {}): Promise<O> {
    const signal = options.signal ?? new AbortController().signal;
    const context: StepContext = { signal };
    let value: unknown = input;
    for (const [index, step] of this.steps.entries()) {
      if (signal.aborted) throw abortError(signal);
      try {
        value = await resolveStepOutput(step.run(value, context));
      } catch (error: unknown) {
        if (signal.aborted && !(error instanceof PipelineStepError)) throw abortError(signal);
        throw error instanceof PipelineStepError
          ? new PipelineStepError([step.name, ...error.stepPath], index, error.cause)
          : new PipelineStepError([step.name], index, error);
      }
      options.onStep?.({ name: step.name, index, output: value });
    }
    return value as O;
  }

  /** This pipeline as one step (of another pipeline) or as a graph node function. */
  asStep(): StepFn<I, O> {
    return (input, context) => this.run(input, { signal: context.signal });
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new AbortedError('The pipeline run was aborted.');
}

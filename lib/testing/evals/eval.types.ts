import type { INestApplication, Type } from '@nestjs/common';
import type { TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import type { CostTracker } from '../../interceptors/built-in/cost-tracker.service';

/** One example of an eval: the task's input and, when the scorers need it, the expected output. */
export interface EvalCase<I = unknown, E = unknown> {
  readonly input: I;
  readonly expected?: E;
  /** Shown in the report; defaults to `#<index>` and the start of the input. */
  readonly name?: string;
}

/**
 * What an eval runs its task on: anything with Nest's `get` (a compiled `TestingModule`, an
 * `INestApplication`, or your own object) and an optional `close`.
 */
export interface EvalTarget {
  /**
   * A provider or controller by class or token (`strict: false` looks in every module). Returns
   * `unknown` so that a plain `setup` object is easy to write; `context.get<T>()` types the result.
   */
  get(token: Type | string | symbol, options?: { strict?: boolean }): unknown;
  /** Called once after the eval (a module or app is closed: its shutdown hooks run). */
  close?(): Promise<void>;
}

/** A tool call as the scorers see it, whatever recorded it (an `AgentResult`, a `ChatResponse`, the task). */
export interface EvalToolCall {
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** The second argument of an eval's task. */
export interface EvalTaskContext<I = unknown, E = unknown> {
  readonly input: I;
  readonly expected: E | undefined;
  /** 0-based position of the case in the data. */
  readonly index: number;
  /** 1 for the first try, 2 for the first retry... */
  readonly attempt: number;
  /** Fires when the case's `timeoutMs` has passed: pass it on to `chat`, `run`, `ask`... */
  readonly signal: AbortSignal;
  /** The eval's module, app or setup object (`undefined` when the eval has none). */
  readonly target: EvalTarget | undefined;
  /** `target.get(token, { strict: false })`: a provider or controller of the module under test. */
  get<T = unknown>(token: Type<T> | string | symbol): T;
  /**
   * Records a tool call for `toolCalled` / `noToolCalled`, when the output does not carry its own
   * (an `AgentResult`, a `ChatResponse` or an object with a `toolCalls` list do).
   */
  recordToolCall(call: EvalToolCall): void;
}

/** What a scorer says about one case. */
export interface Score {
  /** From 0 (wrong) to 1 (right). */
  readonly score: number;
  /** Whether the case passes this scorer; defaults to `score >= threshold` of the scorer (else 0.5). */
  readonly pass?: boolean;
  /** Why: kept in the report (an LLM judge's reasoning, the missing substring...). */
  readonly reason?: string;
}

/** What a scorer receives for one case. */
export interface ScorerContext<I = unknown, O = unknown, E = unknown> {
  readonly input: I;
  readonly output: O;
  readonly expected: E | undefined;
  readonly index: number;
  /** Tool calls found in the output plus those the task recorded, in order. */
  readonly toolCalls: readonly EvalToolCall[];
  /** Wall time of the successful try of the task, in milliseconds. */
  readonly durationMs: number;
  /**
   * US dollars the case's model calls cost, from the `CostTracker` (records of this case only,
   * even with concurrency); `undefined` when the eval found no `CostTracker`.
   */
  readonly costUsd: number | undefined;
  /** Tokens of the case's model calls, from the same records. */
  readonly tokens: { readonly input: number; readonly output: number } | undefined;
  /** The eval's target, for scorers that call models (`llmJudge`, `embeddingSimilarity`). */
  readonly target: EvalTarget | undefined;
  /** Fires when the scorers of this case have used the eval's `timeoutMs`: pass it to model calls. */
  readonly signal: AbortSignal;
}

/**
 * A scorer: a plain function from a case to a `Score`. `scorerName` (else the function's name)
 * labels it in reports; `threshold` makes the eval fail when the scorer's mean is below it.
 */
export type Scorer<I = unknown, O = unknown, E = unknown> = ((
  context: ScorerContext<I, O, E>,
) => Score | Promise<Score>) & {
  readonly scorerName?: string;
  readonly threshold?: number;
};

/** A scorer with a name and/or its own threshold given at the eval. */
export interface NamedScorer<I = unknown, O = unknown, E = unknown> {
  readonly scorer: Scorer<I, O, E>;
  readonly name?: string;
  /** The eval fails when this scorer's mean over the cases is below it. */
  readonly threshold?: number;
}

/** One entry of `scorers`. */
export type EvalScorer<I = unknown, O = unknown, E = unknown> =
  Scorer<I, O, E> | NamedScorer<I, O, E>;

/** Where and how the eval writes its report and compares it with a baseline. */
export interface EvalReportOptions {
  /**
   * Folder of `<eval>.json` and `<eval>.md` (relative to the working directory). Default
   * `CONDUIT_EVAL_DIR` or `.artifacts/evals`.
   */
  readonly dir?: string;
  /**
   * A saved report JSON to compare with. Missing file: no comparison (a note in the summary).
   * `CONDUIT_EVAL_UPDATE_BASELINE=1` writes this run's report there instead.
   */
  readonly baseline?: string;
  /** The largest drop of the mean score (overall or a scorer's) below the baseline's. Default 0.05. */
  readonly margin?: number;
  /** No summary line on stdout. Default false. */
  readonly silent?: boolean;
}

/** A module to compile (or compiled), or a function that builds one. */
export type EvalModuleSource =
  | TestingModuleBuilder
  | TestingModule
  | (() => TestingModuleBuilder | TestingModule | Promise<TestingModuleBuilder | TestingModule>);

/** Options of `describeEval` and `runEval`. */
export interface EvalOptions<I = unknown, O = unknown, E = unknown> {
  /** A `TestingModule` (real or mock models): compiled and initialised once, closed after the eval. */
  readonly module?: EvalModuleSource;
  /** Builds a Nest application (initialised once, closed after the eval), for route-level evals. */
  readonly app?: () => INestApplication | Promise<INestApplication>;
  /** Anything else with `get` (and `close`), built once. Use exactly one of module, app, setup. */
  readonly setup?: () => EvalTarget | Promise<EvalTarget>;
  /** The cases, or a function that loads them. */
  readonly data:
    | readonly EvalCase<I, E>[]
    | (() => readonly EvalCase<I, E>[] | Promise<readonly EvalCase<I, E>[]>);
  /** Runs one case. Honour `context.signal`; throw to fail the case (retryable ConduitErrors are retried). */
  readonly task: (input: I, context: EvalTaskContext<I, E>) => O | Promise<O>;
  readonly scorers: readonly EvalScorer<I, O, E>[];
  /** The eval fails when the mean score of the cases is below this (0..1). */
  readonly threshold: number;
  /** Cases run at the same time. Default 4. */
  readonly concurrency?: number;
  /** Time limit of one try of one case, in milliseconds; the task's signal fires then. Default 60 000. */
  readonly timeoutMs?: number;
  /** Tries after the first when the task fails with a retryable `ConduitError`. Default 2. */
  readonly retries?: number;
  /** Wait before a retry, doubled each time (a rate limit's `retryAfterMs` wins). Default 500. */
  readonly retryDelayMs?: number;
  /**
   * The tracker to read each case's cost from. Default: every `CostTracker` instance of the
   * target (`ConduitModule` provides one; `CostTrackingInterceptor` writes to it or to its own).
   */
  readonly costTracker?: CostTracker | ((target: EvalTarget) => CostTracker | undefined);
  /** Report files and the baseline; `false` writes no file. */
  readonly report?: EvalReportOptions | false;
}

/** The outcome of one case. */
export interface EvalCaseResult {
  readonly index: number;
  readonly name: string;
  /** The input, as short JSON. */
  readonly input: string;
  /** The output, as short JSON (absent when the task failed). */
  readonly output?: string;
  /** Why the task failed after its tries (every scorer then counts 0). */
  readonly error?: string;
  readonly attempts: number;
  readonly durationMs: number;
  readonly costUsd?: number;
  /** Each scorer's verdict, by scorer name. */
  readonly scores: Readonly<Record<string, Score & { readonly pass: boolean }>>;
  /** The mean of the case's scores. */
  readonly score: number;
}

/** One scorer over all cases. */
export interface EvalScorerSummary {
  readonly name: string;
  readonly mean: number;
  /** Cases this scorer passed. */
  readonly passed: number;
  readonly threshold?: number;
}

/** How a run compares with its saved baseline. */
export interface EvalBaselineComparison {
  readonly file: string;
  readonly margin: number;
  /** The baseline's mean score. */
  readonly baselineScore: number;
  /** This run's mean minus the baseline's (negative: worse). */
  readonly delta: number;
  /** Drops beyond the margin, one line each (overall or a scorer). */
  readonly regressions: readonly string[];
}

/** The report of one eval run (also the JSON file's content, and a baseline's). */
export interface EvalReport {
  readonly name: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly threshold: number;
  /** Mean of the case scores. */
  readonly score: number;
  readonly passed: boolean;
  /** Why the eval failed, one line each (empty when it passed). */
  readonly failures: readonly string[];
  readonly scorers: readonly EvalScorerSummary[];
  readonly cases: readonly EvalCaseResult[];
  readonly baseline?: EvalBaselineComparison;
  /** Notes: no baseline yet, baseline updated... */
  readonly notes: readonly string[];
  /** Paths of the files written (`json`, `markdown`). */
  readonly files?: { readonly json: string; readonly markdown: string };
}

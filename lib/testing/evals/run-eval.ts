import { writeFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { TimeoutError } from '../../core';
import { CostTracker } from '../../interceptors/built-in/cost-tracker.service';
import type { CostRecord } from '../../interceptors/built-in/cost.types';
import { EvalCostCapture } from './eval-cost-capture';
import { compareWithBaseline, readEvalBaseline } from './eval-baseline';
import { DEFAULT_EVAL_REPORT_DIR, preview, writeEvalReport } from './eval-report-files';
import {
  applyScorer,
  mean,
  resolveScorers,
  summariseScorers,
  type CaseScore,
  type ResolvedScorer,
} from './eval-scoring';
import { toolCallsOf } from './eval-tool-calls';
import type {
  EvalCase,
  EvalCaseResult,
  EvalOptions,
  EvalReport,
  EvalTarget,
  ScorerContext,
} from './eval.types';
import { openEvalTarget } from './open-eval-target';
import { runEvalCase, type CaseRunSettings } from './run-eval-case';
import { validateEvalCases, validateEvalOptions } from './validate-eval-options';

/** Defaults of the options (also used by describeEval for the Jest timeout). */
export const EVAL_DEFAULTS = {
  concurrency: 4,
  timeoutMs: 60_000,
  retries: 2,
  retryDelayMs: 500,
  margin: 0.05,
} as const;

/** What Nest's `get` answers with `each: true`: every instance of the token in the app. */
type GetEach = (token: typeof CostTracker, options: { strict: false; each: true }) => unknown;

/**
 * The trackers to read each case's cost from: the one given, else every `CostTracker` of the
 * target (ConduitModule's, and any an app gives its own CostTrackingInterceptor).
 */
function findTrackers<I, O, E>(
  options: EvalOptions<I, O, E>,
  target: EvalTarget | undefined,
): CostTracker[] {
  if (options.costTracker instanceof CostTracker) return [options.costTracker];
  if (target === undefined) return [];
  if (typeof options.costTracker === 'function') {
    const given = options.costTracker(target);
    return given === undefined ? [] : [given];
  }
  try {
    const found = (target.get as unknown as GetEach).call(target, CostTracker, {
      strict: false,
      each: true,
    });
    const list: unknown[] = Array.isArray(found) ? found : [found];
    return [...new Set(list.filter((item): item is CostTracker => item instanceof CostTracker))];
  } catch {
    return []; // no ConduitModule in the target: the cost of the cases is unknown
  }
}

function caseName(item: EvalCase, index: number): string {
  return item.name ?? `#${index} ${preview(item.input, 60)}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs, then scores, one case. */
async function evaluateCase<I, O, E>(
  item: EvalCase<I, E>,
  index: number,
  settings: CaseRunSettings<I, O, E>,
  scorers: readonly ResolvedScorer<I, O, E>[],
  capture: EvalCostCapture,
): Promise<EvalCaseResult> {
  const records: CostRecord[] = [];
  const run = await capture.run(records, () => runEvalCase(item, index, settings));
  const costUsd = capture.active
    ? records.reduce((sum, r) => sum + (r.cost.totalUsd > 0 ? r.cost.totalUsd : 0), 0)
    : undefined;
  const base = {
    index,
    name: caseName(item, index),
    input: preview(item.input),
    attempts: run.attempts,
    durationMs: Math.round(run.durationMs * 10) / 10,
    ...(costUsd === undefined ? {} : { costUsd }),
  };
  if (!run.ok) {
    const error = errorText(run.error);
    const scores = Object.fromEntries(
      scorers.map((s) => [s.name, { score: 0, pass: false, reason: `the task failed: ${error}` }]),
    );
    return { ...base, error, scores, score: 0 };
  }
  const scoring = new AbortController();
  const context: ScorerContext<I, O, E> = {
    input: item.input,
    output: run.output,
    expected: item.expected,
    index,
    toolCalls: [...toolCallsOf(run.output), ...run.toolCalls],
    durationMs: run.durationMs,
    costUsd,
    tokens: capture.active
      ? {
          input: records.reduce((sum, r) => sum + (r.usage.inputTokens ?? 0), 0),
          output: records.reduce((sum, r) => sum + (r.usage.outputTokens ?? 0), 0),
        }
      : undefined,
    target: settings.target,
    signal: scoring.signal,
  };
  const verdicts: [string, CaseScore][] = [];
  // The scorers of a case share one deadline (the case's timeoutMs): judges call models too.
  const timer = setTimeout(
    () =>
      scoring.abort(
        new TimeoutError(
          settings.timeoutMs,
          `Scoring eval case #${index} took longer than ${settings.timeoutMs} ms (timeoutMs).`,
        ),
      ),
    settings.timeoutMs,
  );
  try {
    for (const scorer of scorers) verdicts.push([scorer.name, await applyScorer(scorer, context)]);
  } finally {
    clearTimeout(timer);
  }
  return {
    ...base,
    output: preview(run.output),
    scores: Object.fromEntries(verdicts),
    score: mean(verdicts.map(([, v]) => v.score)),
  };
}

/** Runs `work` on every item, at most `concurrency` at a time; results keep the items' order. */
async function inPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

function verdictLines<I, O, E>(
  threshold: number,
  score: number,
  scorers: ReturnType<typeof summariseScorers<I, O, E>>,
): string[] {
  const failures: string[] = [];
  if (score < threshold)
    failures.push(`mean score ${score.toFixed(3)} is below the threshold ${threshold}`);
  for (const s of scorers) {
    if (s.threshold !== undefined && s.mean < s.threshold) {
      failures.push(`${s.name}: mean ${s.mean.toFixed(3)} is below its threshold ${s.threshold}`);
    }
  }
  return failures;
}

/** The baseline step: compare with it, or (CONDUIT_EVAL_UPDATE_BASELINE=1) replace it. */
async function withBaseline(
  report: EvalReport,
  file: string | undefined,
  margin: number,
): Promise<EvalReport> {
  if (file === undefined) return report;
  if (process.env.CONDUIT_EVAL_UPDATE_BASELINE === '1') {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ ...report, cases: [] }, null, 2)}\n`);
    return { ...report, notes: [...report.notes, `baseline written to ${file}`] };
  }
  const baseline = await readEvalBaseline(file);
  if (baseline === undefined) {
    return {
      ...report,
      notes: [
        ...report.notes,
        `no baseline at ${file} yet (CONDUIT_EVAL_UPDATE_BASELINE=1 writes one)`,
      ],
    };
  }
  const comparison = compareWithBaseline(report, baseline, file, margin);
  return {
    ...report,
    baseline: comparison,
    passed: report.passed && comparison.regressions.length === 0,
    failures: [...report.failures, ...comparison.regressions],
  };
}

/**
 * Runs an eval outside Jest's hooks (what `describeEval` calls in its test): builds the target,
 * runs every case (concurrency, timeouts, retries), scores it, compares with the baseline, writes
 * the report files, closes the target, and returns the report. Does not throw for a low score:
 * `report.passed` and `report.failures` say it. Throws `ConduitValidationError` for bad options.
 *
 * @example
 * const report = await runEval('greetings', { data, task, scorers: [exactMatch()], threshold: 0.9 });
 * if (!report.passed) console.log(report.failures);
 */
export async function runEval<I, O, E>(
  name: string,
  options: EvalOptions<I, O, E>,
): Promise<EvalReport> {
  validateEvalOptions(name, options);
  const startedAt = new Date();
  const started = performance.now();
  const target = await openEvalTarget(options);
  const capture = new EvalCostCapture(findTrackers(options, target));
  try {
    const cases = typeof options.data === 'function' ? await options.data() : options.data;
    validateEvalCases(name, cases);
    const scorers = resolveScorers(options.scorers);
    const settings: CaseRunSettings<I, O, E> = {
      task: options.task,
      target,
      timeoutMs: options.timeoutMs ?? EVAL_DEFAULTS.timeoutMs,
      retries: options.retries ?? EVAL_DEFAULTS.retries,
      retryDelayMs: options.retryDelayMs ?? EVAL_DEFAULTS.retryDelayMs,
    };
    capture.start();
    const results = await inPool(
      cases,
      options.concurrency ?? EVAL_DEFAULTS.concurrency,
      (item, index) => evaluateCase(item, index, settings, scorers, capture),
    );
    capture.stop();
    const score = mean(results.map((r) => r.score));
    const summaries = summariseScorers(scorers, results);
    const failures = verdictLines(options.threshold, score, summaries);
    const report: EvalReport = {
      name,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      threshold: options.threshold,
      score,
      passed: failures.length === 0,
      failures,
      scorers: summaries,
      cases: results,
      notes: capture.active ? [] : ['no CostTracker found: cost budgets cannot be checked'],
    };
    const reportOptions = options.report === false ? undefined : (options.report ?? {});
    const compared = await withBaseline(
      report,
      reportOptions?.baseline,
      reportOptions?.margin ?? EVAL_DEFAULTS.margin,
    );
    if (reportOptions === undefined) return compared;
    const dir = reportOptions.dir ?? process.env.CONDUIT_EVAL_DIR ?? DEFAULT_EVAL_REPORT_DIR;
    return { ...compared, files: await writeEvalReport(compared, dir) };
  } finally {
    capture.stop();
    await target?.close?.();
  }
}

import { ConduitError } from '../../core';
import { EvalFailedError } from './eval-failed.error';
import { formatEvalSummary } from './eval-report-files';
import type { EvalOptions } from './eval.types';
import { EVAL_DEFAULTS, runEval } from './run-eval';
import { validateEvalOptions } from './validate-eval-options';

/** The part of Jest's global API describeEval uses. */
interface JestGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
}

/** Time for building and closing the module, on top of the cases' own limits. */
const SETUP_ALLOWANCE_MS = 60_000;
/** The Jest timeout when the data is loaded by a function (the count is unknown up front). */
const UNKNOWN_SIZE_TIMEOUT_MS = 60 * 60_000;

function jestGlobals(): JestGlobals {
  const scope = globalThis as Partial<JestGlobals>;
  if (typeof scope.describe !== 'function' || typeof scope.it !== 'function') {
    throw new ConduitError(
      "describeEval() registers Jest tests and needs Jest's globals (describe, it): call it at the top of a Jest test file. Outside Jest, use runEval(name, options), which returns the report.",
    );
  }
  return scope as JestGlobals;
}

/**
 * Enough time for every case to use all of its tries: the runner's own deadlines end the run
 * first, so a Jest timeout never hides which cases were slow.
 */
function jestTimeout(
  options: Pick<EvalOptions, 'concurrency' | 'retries' | 'timeoutMs'> & { readonly data: unknown },
): number {
  if (!Array.isArray(options.data)) return UNKNOWN_SIZE_TIMEOUT_MS;
  const rounds = Math.ceil(
    options.data.length / (options.concurrency ?? EVAL_DEFAULTS.concurrency),
  );
  const tries = (options.retries ?? EVAL_DEFAULTS.retries) + 1;
  const perTry = (options.timeoutMs ?? EVAL_DEFAULTS.timeoutMs) + 30_000; // + retry waits, scorers
  return SETUP_ALLOWANCE_MS + rounds * tries * perTry;
}

/**
 * Registers an eval as Jest tests: a `describe('eval: <name>')` with ONE test that runs every
 * case (`concurrency` at a time, each try limited to `timeoutMs`, retryable model failures tried
 * again up to `retries` times), scores them, writes the report files, prints one summary line,
 * and fails when the mean score is below `threshold`, a scorer is below its own threshold, or the
 * score dropped from the baseline by more than the margin. One aggregate test rather than one
 * per case: an eval is a statistical gate (one bad case out of fifty must not fail CI when the
 * mean holds), and the cases run concurrently inside it, which Jest's tests would not.
 *
 * Options are checked when the file is collected: a malformed eval fails with a
 * `ConduitValidationError` listing every problem.
 *
 * @example
 * describeEval('greeter', {
 *   module: () => createConduitTestingModule({ models: { default: mock }, providers: [GreeterService] }),
 *   data: [{ input: 'Ada', expected: 'Hello, Ada!' }],
 *   task: (name, { get }) => get(GreeterService).greet(name),
 *   scorers: [exactMatch()],
 *   threshold: 1,
 * });
 */
export function describeEval<I, O, E = unknown>(name: string, options: EvalOptions<I, O, E>): void {
  const jest = jestGlobals();
  validateEvalOptions(name, options);
  jest.describe(`eval: ${name}`, () => {
    jest.it(
      `scores at least ${options.threshold}`,
      async () => {
        const report = await runEval(name, options);
        if (options.report === false || options.report?.silent !== true) {
          process.stdout.write(`${formatEvalSummary(report)}\n`);
        }
        if (!report.passed) throw new EvalFailedError(report);
      },
      jestTimeout(options),
    );
  });
}

import { ConduitError, RateLimitError, TimeoutError } from '../../core';
import type { EvalCase, EvalTarget, EvalTaskContext, EvalToolCall } from './eval.types';

/** How one case's task is run: its limits and what it can reach. */
export interface CaseRunSettings<I, O, E> {
  readonly task: (input: I, context: EvalTaskContext<I, E>) => O | Promise<O>;
  readonly target: EvalTarget | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
}

/** The task's outcome after its tries. */
export type CaseRun<O> = {
  readonly attempts: number;
  readonly durationMs: number;
  readonly toolCalls: readonly EvalToolCall[];
} & ({ readonly ok: true; readonly output: O } | { readonly ok: false; readonly error: unknown });

const MAX_RETRY_DELAY_MS = 30_000;

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/** Only model failures that may pass when tried again: a bug in the task is not retried. */
function isRetryable(error: unknown): boolean {
  return error instanceof ConduitError && error.isRetryable;
}

function retryDelay(error: unknown, base: number, retry: number): number {
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, MAX_RETRY_DELAY_MS);
  }
  return Math.min(base * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);
}

function lookup(target: EvalTarget | undefined, token: Parameters<EvalTarget['get']>[0]): unknown {
  if (target === undefined) {
    throw new ConduitError(
      'This eval has no module, app or setup: context.get() has nothing to look in.',
    );
  }
  return target.get(token, { strict: false });
}

/**
 * One try: the task raced against the case's deadline. The signal fires with a `TimeoutError` at
 * the deadline, and the try ends then even if the task ignores the signal, so a stuck task
 * cannot hang the eval.
 */
async function attemptOnce<I, O, E>(
  item: EvalCase<I, E>,
  index: number,
  attempt: number,
  settings: CaseRunSettings<I, O, E>,
  toolCalls: EvalToolCall[],
  controller: AbortController,
): Promise<O> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new TimeoutError(
        settings.timeoutMs,
        `Eval case #${index} did not finish within ${settings.timeoutMs} ms (timeoutMs).`,
      );
      controller.abort(reason);
      reject(reason);
    }, settings.timeoutMs);
  });
  const context: EvalTaskContext<I, E> = {
    input: item.input,
    expected: item.expected,
    index,
    attempt,
    signal: controller.signal,
    target: settings.target,
    get: <T>(token: Parameters<EvalTarget['get']>[0]) => lookup(settings.target, token) as T,
    recordToolCall: (call) => {
      toolCalls.push(call);
    },
  };
  try {
    return await Promise.race([
      Promise.resolve().then(() => settings.task(item.input, context)),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a case's task: up to `1 + retries` tries while it fails with a retryable `ConduitError`
 * (429, 5xx, connection, a model call's own timeout), each try with its own deadline and signal.
 * The case's own deadline is not retried: it already used the case's whole time.
 */
export async function runEvalCase<I, O, E>(
  item: EvalCase<I, E>,
  index: number,
  settings: CaseRunSettings<I, O, E>,
): Promise<CaseRun<O>> {
  for (let attempt = 1; ; attempt++) {
    const controller = new AbortController();
    const toolCalls: EvalToolCall[] = [];
    const started = performance.now();
    try {
      const output = await attemptOnce(item, index, attempt, settings, toolCalls, controller);
      const durationMs = performance.now() - started;
      return { ok: true, output, attempts: attempt, durationMs, toolCalls };
    } catch (error: unknown) {
      const durationMs = performance.now() - started;
      // Only the deadline aborts this controller: an aborted signal means the case ran out of time.
      const caseTimedOut = controller.signal.aborted;
      if (caseTimedOut || attempt > settings.retries || !isRetryable(error)) {
        const failure: unknown = caseTimedOut ? controller.signal.reason : error;
        return { ok: false, error: failure, attempts: attempt, durationMs, toolCalls };
      }
      await sleep(retryDelay(error, settings.retryDelayMs, attempt));
    }
  }
}

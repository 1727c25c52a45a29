import type {
  EvalScorer,
  EvalScorerSummary,
  NamedScorer,
  Score,
  Scorer,
  ScorerContext,
} from './eval.types';

/** A scorer with its name and threshold settled. */
export interface ResolvedScorer<I, O, E> {
  readonly name: string;
  readonly scorer: Scorer<I, O, E>;
  readonly threshold: number | undefined;
}

/** The verdict kept in a case result: `pass` always set. */
export type CaseScore = Score & { readonly pass: boolean };

/** Names scorers (`scorerName`, the entry's `name`, the function's name, `scorer<n>`), unique. */
export function resolveScorers<I, O, E>(
  entries: readonly EvalScorer<I, O, E>[],
): ResolvedScorer<I, O, E>[] {
  const seen = new Map<string, number>();
  return entries.map((entry, index) => {
    const named: NamedScorer<I, O, E> = typeof entry === 'function' ? { scorer: entry } : entry;
    const base =
      named.name ?? named.scorer.scorerName ?? (named.scorer.name || `scorer${index + 1}`);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return {
      name: count === 1 ? base : `${base}#${count}`,
      scorer: named.scorer,
      threshold: named.threshold ?? named.scorer.threshold,
    };
  });
}

/** Rejects with the signal's reason when it fires, so a scorer that ignores it cannot hang the eval. */
function whenAborted(signal: AbortSignal): Promise<never> {
  const reasonOf = (): Error =>
    signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(reasonOf());
    signal.addEventListener('abort', () => reject(reasonOf()), { once: true });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * One scorer on one case. A scorer that throws, or answers something that is not a score from 0
 * to 1, gives 0 with the reason: a broken scorer must lower the eval, never pass it silently.
 */
export async function applyScorer<I, O, E>(
  resolved: ResolvedScorer<I, O, E>,
  context: ScorerContext<I, O, E>,
): Promise<CaseScore> {
  let verdict: Score;
  try {
    verdict = await Promise.race([
      Promise.resolve().then(() => resolved.scorer(context)),
      whenAborted(context.signal),
    ]);
  } catch (error: unknown) {
    return { score: 0, pass: false, reason: `the scorer failed: ${messageOf(error)}` };
  }
  const score = (verdict as Partial<Score> | undefined)?.score;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
    return {
      score: 0,
      pass: false,
      reason: `the scorer returned ${JSON.stringify(verdict)}: expected { score: 0..1 }`,
    };
  }
  const pass = verdict.pass ?? score >= (resolved.threshold ?? 0.5);
  return verdict.reason === undefined ? { score, pass } : { score, pass, reason: verdict.reason };
}

/** Mean of a list (0 for none). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Each scorer's mean and passes over the cases. */
export function summariseScorers<I, O, E>(
  scorers: readonly ResolvedScorer<I, O, E>[],
  cases: readonly { readonly scores: Readonly<Record<string, CaseScore>> }[],
): EvalScorerSummary[] {
  return scorers.map(({ name, threshold }) => {
    const verdicts = cases
      .map((c) => c.scores[name])
      .filter((s): s is CaseScore => s !== undefined);
    const summary = {
      name,
      mean: mean(verdicts.map((v) => v.score)),
      passed: verdicts.filter((v) => v.pass).length,
    };
    return threshold === undefined ? summary : { ...summary, threshold };
  });
}

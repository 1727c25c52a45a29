import { readFile } from 'node:fs/promises';
import { ConduitValidationError } from '../../core';
import { isRecord } from '../../core/is-record';
import type { EvalBaselineComparison, EvalReport, EvalScorerSummary } from './eval.types';

/** The figures of a saved report that a run is compared with. */
interface BaselineFigures {
  readonly score: number;
  readonly scorers: ReadonlyMap<string, number>;
}

function parseBaseline(file: string, text: string): BaselineFigures {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConduitValidationError(
      [{ path: file, message: `is not JSON (${detail})` }],
      'Invalid eval baseline',
    );
  }
  if (!isRecord(value) || typeof value.score !== 'number') {
    throw new ConduitValidationError(
      [
        {
          path: `${file}: score`,
          message: 'must be a number (save an eval report JSON as the baseline)',
        },
      ],
      'Invalid eval baseline',
    );
  }
  const scorers = new Map<string, number>();
  for (const entry of Array.isArray(value.scorers) ? (value.scorers as unknown[]) : []) {
    if (isRecord(entry) && typeof entry.name === 'string' && typeof entry.mean === 'number') {
      scorers.set(entry.name, entry.mean);
    }
  }
  return { score: value.score, scorers };
}

/**
 * Reads a baseline report, or `undefined` when the file does not exist yet. A file that exists
 * but is not a report throws `ConduitValidationError`: a broken baseline must not pass silently.
 */
export async function readEvalBaseline(file: string): Promise<BaselineFigures | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseBaseline(file, text);
}

/**
 * Compares a run with its baseline: a regression is a mean (overall, or of a scorer both runs
 * have) more than `margin` below the baseline's. Small floating-point noise is not a drop.
 */
export function compareWithBaseline(
  report: Pick<EvalReport, 'score' | 'scorers'>,
  baseline: BaselineFigures,
  file: string,
  margin: number,
): EvalBaselineComparison {
  const regressions: string[] = [];
  const dropped = (now: number, before: number): boolean => before - now > margin + 1e-9;
  if (dropped(report.score, baseline.score)) {
    regressions.push(
      `mean score ${report.score.toFixed(3)} dropped more than ${margin} below the baseline's ${baseline.score.toFixed(3)}`,
    );
  }
  report.scorers.forEach((scorer: EvalScorerSummary) => {
    const before = baseline.scorers.get(scorer.name);
    if (before !== undefined && dropped(scorer.mean, before)) {
      regressions.push(
        `${scorer.name} ${scorer.mean.toFixed(3)} dropped more than ${margin} below the baseline's ${before.toFixed(3)}`,
      );
    }
  });
  return {
    file,
    margin,
    baselineScore: baseline.score,
    delta: report.score - baseline.score,
    regressions,
  };
}

import { ConduitError } from '../../core';
import { preview } from './eval-report-files';
import type { EvalReport } from './eval.types';

/** Cases listed in the failure message, worst first. */
const WORST_SHOWN = 5;

function describeFailure(report: EvalReport): string {
  const worst = [...report.cases]
    .sort((a, b) => a.score - b.score)
    .slice(0, WORST_SHOWN)
    .filter((c) => c.score < 1)
    .map((c) => {
      const reasons = Object.entries(c.scores)
        .filter(([, verdict]) => !verdict.pass)
        .map(
          ([name, verdict]) =>
            `${name}: ${preview(verdict.reason ?? `score ${verdict.score}`, 200)}`,
        );
      return `  - ${c.name} (score ${c.score.toFixed(2)})${reasons.length > 0 ? `\n      ${reasons.join('\n      ')}` : ''}`;
    });
  return [
    `Eval ${JSON.stringify(report.name)} failed: mean score ${report.score.toFixed(3)} (threshold ${report.threshold}).`,
    ...report.failures.map((failure) => `- ${failure}`),
    ...(worst.length > 0 ? ['Lowest cases:', ...worst] : []),
    ...(report.files === undefined ? [] : [`Report: ${report.files.markdown}`]),
  ].join('\n');
}

/**
 * Thrown by `describeEval`'s test when the eval fails (mean below the threshold, a scorer below
 * its own threshold, or a drop from the baseline beyond the margin); `report` holds everything.
 */
export class EvalFailedError extends ConduitError {
  readonly report: EvalReport;

  constructor(report: EvalReport) {
    super(describeFailure(report));
    this.report = report;
  }
}

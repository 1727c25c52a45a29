import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { EvalReport } from './eval.types';

/** The default report folder (gitignored with `.artifacts/`). */
export const DEFAULT_EVAL_REPORT_DIR = '.artifacts/evals';

/** A file name from an eval's name: `Agent: tools` -> `agent-tools`. */
export function evalSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug === '' ? 'eval' : slug;
}

/** A value as one line of JSON, cut to `max` characters (reports stay readable). */
export function preview(value: unknown, max = 300): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value); // a cycle: the type name is still better than nothing
  }
  const line = text.replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** One table cell: pipes escaped, line breaks folded (a multi-line error would end the row). */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** The report as Markdown: a heading, the verdict, a table of the scorers and one of the cases. */
export function formatEvalMarkdown(report: EvalReport): string {
  const lines = [
    `# Eval: ${report.name}`,
    '',
    `${report.passed ? 'PASSED' : 'FAILED'}: mean score ${report.score.toFixed(3)} (threshold ${report.threshold}), ${cases(report.cases.length)}, ${Math.round(report.durationMs)} ms, ${report.startedAt}.`,
    ...report.failures.map((failure) => `- ${failure}`),
    ...report.notes.map((note) => `- note: ${note}`),
    '',
    '| scorer | mean | passed | threshold |',
    '| --- | ---: | ---: | ---: |',
    ...report.scorers.map(
      (s) =>
        `| ${cell(s.name)} | ${s.mean.toFixed(3)} | ${s.passed}/${report.cases.length} | ${s.threshold ?? ''} |`,
    ),
    '',
    `| case | score | ${report.scorers.map((s) => cell(s.name)).join(' | ')} | notes |`,
    `| --- | ---: | ${report.scorers.map(() => '---:').join(' | ')} | --- |`,
    ...report.cases.map((c) => {
      const scores = report.scorers.map((s) => {
        const verdict = c.scores[s.name];
        return verdict === undefined
          ? ''
          : `${verdict.score.toFixed(2)}${verdict.pass ? '' : ' ✗'}`;
      });
      // A failed task's error once, not again under every scorer; else each imperfect verdict's reason.
      const notes =
        c.error !== undefined
          ? [`error: ${preview(c.error, 240)}`]
          : report.scorers
              .map((s) => c.scores[s.name])
              .filter((v) => v !== undefined && v.score < 1 && v.reason !== undefined)
              .map((v) => preview(v?.reason, 160));
      return `| ${cell(c.name)} | ${c.score.toFixed(2)} | ${scores.join(' | ')} | ${cell(notes.join('; '))} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes `<dir>/<slug>.json` and `<dir>/<slug>.md`; returns their paths. */
export async function writeEvalReport(
  report: EvalReport,
  dir: string,
): Promise<{ readonly json: string; readonly markdown: string }> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, evalSlug(report.name));
  const files = { json: `${base}.json`, markdown: `${base}.md` };
  await writeFile(files.json, `${JSON.stringify({ ...report, files }, null, 2)}\n`);
  await writeFile(files.markdown, formatEvalMarkdown(report));
  return files;
}

function cases(count: number): string {
  return `${count} case${count === 1 ? '' : 's'}`;
}

/** The one line printed per eval: verdict, mean, scorers, failed cases, the report file. */
export function formatEvalSummary(report: EvalReport): string {
  const failedCases = report.cases.filter((c) => c.error !== undefined).length;
  const scorers = report.scorers.map((s) => `${s.name} ${s.mean.toFixed(2)}`).join(', ');
  const baseline =
    report.baseline === undefined
      ? ''
      : `, baseline ${report.baseline.baselineScore.toFixed(3)} (${report.baseline.delta >= 0 ? '+' : ''}${report.baseline.delta.toFixed(3)})`;
  const file = report.files === undefined ? '' : ` -> ${report.files.markdown}`;
  return (
    `eval ${JSON.stringify(report.name)}: ${report.passed ? 'PASS' : 'FAIL'} ${report.score.toFixed(3)} ` +
    `(threshold ${report.threshold}${baseline}; ${cases(report.cases.length)}` +
    `${failedCases > 0 ? `, ${failedCases} errored` : ''}; ${scorers}; ${Math.round(report.durationMs)} ms)${file}`
  );
}

import type { RetrievalEvaluation } from 'nestjs-conduit';

/** One retriever's results on one half of the set, with the paraphrase / keyword split. */
export interface EvalTableRow {
  readonly name: string;
  readonly all: RetrievalEvaluation;
  /** Recall@k over the paraphrased questions only, and over the keyword ones. */
  readonly paraphraseRecall: number;
  readonly keywordRecall: number;
}

const cell = (value: number): string => value.toFixed(3);

/** A Markdown table (it reads as plain text on a terminal too, and pastes into docs/rag.md). */
export function formatEvalTable(title: string, rows: readonly EvalTableRow[]): string {
  const k = rows[0]?.all.k ?? 0;
  const count = rows[0]?.all.questions.length ?? 0;
  const lines = [
    `${title} (${count} questions, k = ${k})`,
    '',
    `| retriever | recall@${k} | MRR@${k} | nDCG@${k} | recall@${k} paraphrases | recall@${k} keyword questions |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${cell(row.all.recall)} | ${cell(row.all.mrr)} | ${cell(row.all.ndcg)} | ` +
        `${cell(row.paraphraseRecall)} | ${cell(row.keywordRecall)} |`,
    ),
  ];
  return lines.join('\n');
}

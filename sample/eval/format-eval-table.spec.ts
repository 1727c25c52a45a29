import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RetrievalEvaluation } from 'nestjs-conduit';
import { formatEvalTable } from './format-eval-table';
import { loadRagEvalSet } from './rag-eval-dataset';

const evaluation = (recall: number): RetrievalEvaluation => ({
  k: 5,
  recall,
  mrr: 0.5,
  ndcg: 0.25,
  questions: [],
});

describe('formatEvalTable', () => {
  it('prints one Markdown row per retriever with three decimals', () => {
    const table = formatEvalTable('Held-out half', [
      { name: 'BM25', all: evaluation(2 / 3), paraphraseRecall: 0.5, keywordRecall: 1 },
    ]);
    expect(table.split('\n')).toEqual([
      'Held-out half (0 questions, k = 5)',
      '',
      '| retriever | recall@5 | MRR@5 | nDCG@5 | recall@5 paraphrases | recall@5 keyword questions |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| BM25 | 0.667 | 0.500 | 0.250 | 0.500 | 1.000 |',
    ]);
  });
});

describe('loadRagEvalSet', () => {
  it('names the question whose evidence is in no chunk of its file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'conduit-eval-'));
    try {
      mkdirSync(path.join(folder, 'docs'));
      writeFileSync(path.join(folder, 'docs', 'a.md'), '# A\n\nRetries back off.\n');
      writeFileSync(
        path.join(folder, 'questions.jsonl'),
        `${JSON.stringify({ id: 'q1', question: 'How?', source: 'a.md', evidence: 'back off', kind: 'keyword', split: 'tuning' })}\n` +
          `${JSON.stringify({ id: 'q2', question: 'Why?', source: 'a.md', evidence: 'circuit', kind: 'keyword', split: 'held-out' })}\n`,
      );
      await expect(loadRagEvalSet(folder)).rejects.toThrow(
        'q2: no chunk of a.md contains "circuit"',
      );
      writeFileSync(
        path.join(folder, 'questions.jsonl'),
        `${JSON.stringify({ id: 'q1', question: 'How?', source: 'a.md', evidence: 'back   off', kind: 'keyword', split: 'tuning' })}\n`,
      );
      const set = await loadRagEvalSet(folder);
      expect(set.tuning).toEqual([
        { id: 'q1', question: 'How?', relevantIds: [path.join(folder, 'docs', 'a.md#0')] },
      ]);
      expect(set.heldOut).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

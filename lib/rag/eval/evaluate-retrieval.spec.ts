import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { DocumentRetriever } from '../retriever/document-retriever';
import type { RetrievedDocument } from '../retriever/retrieved-document.types';
import type { DocumentRetrieveOptions } from '../retriever/retriever-options.types';
import { evaluateRetrieval } from './evaluate-retrieval';
import { scoreRanking } from './retrieval-metrics';

/** Answers each question with a fixed list of ids and records the options it was given. */
class ListRetriever implements DocumentRetriever {
  readonly calls: [string, DocumentRetrieveOptions][] = [];
  constructor(private readonly answers: Record<string, string[]>) {}
  retrieve(query: string, options: DocumentRetrieveOptions = {}): Promise<RetrievedDocument[]> {
    this.calls.push([query, options]);
    return Promise.resolve(
      (this.answers[query] ?? []).map((id, index) => ({
        document: { id, content: id, metadata: {} },
        score: 1 / (index + 1),
        rank: index + 1,
      })),
    );
  }
}

describe('scoreRanking', () => {
  it('computes recall, reciprocal rank and nDCG by hand', () => {
    // Relevant a and c; retrieved x, a, y, c: DCG = 1/log2(3) + 1/log2(5), IDCG = 1 + 1/log2(3).
    const score = scoreRanking(['x', 'a', 'y', 'c'], new Set(['a', 'c']), 4);
    expect(score.recall).toBe(1);
    expect(score.reciprocalRank).toBe(0.5);
    expect(score.firstRelevantRank).toBe(2);
    expect(score.ndcg).toBeCloseTo(
      (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3)),
      12,
    );
  });

  it('counts only the top k, and a repeated id once', () => {
    expect(scoreRanking(['x', 'a', 'a'], new Set(['a', 'b']), 1)).toEqual({
      recall: 0,
      reciprocalRank: 0,
      ndcg: 0,
    });
    expect(scoreRanking(['a', 'a'], new Set(['a', 'b']), 2).recall).toBe(0.5);
  });
});

describe('evaluateRetrieval', () => {
  it('asks every question with k and its filter, and averages the scores', async () => {
    const retriever = new ListRetriever({ one: ['a', 'b'], two: ['x', 'y', 'c'] });
    const result = await evaluateRetrieval(
      retriever,
      [
        { id: 'q1', question: 'one', relevantIds: ['a'] },
        { question: 'two', relevantIds: ['c'], filter: { lang: 'en' } },
      ],
      { k: 3, concurrency: 1 },
    );
    expect(retriever.calls).toEqual([
      ['one', { k: 3 }],
      ['two', { k: 3, filter: { lang: 'en' } }],
    ]);
    expect(result.questions.map((q) => [q.id, q.firstRelevantRank])).toEqual([
      ['q1', 1],
      ['#2', 3],
    ]);
    expect(result.recall).toBe(1);
    expect(result.mrr).toBeCloseTo((1 + 1 / 3) / 2, 12);
    expect(result.ndcg).toBeCloseTo((1 + 0.5) / 2, 12);
  });

  it('rejects a bad k and questions without relevant ids before retrieving anything', async () => {
    const retriever = new ListRetriever({});
    const error = await evaluateRetrieval(retriever, [{ question: 'q', relevantIds: [] }], {
      k: 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'k',
      'dataset[0].relevantIds',
    ]);
    expect(retriever.calls).toEqual([]);
  });
});

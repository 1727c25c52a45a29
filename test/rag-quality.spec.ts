import { join } from 'node:path';
import { evaluateRetrieval } from '../lib/rag/eval/evaluate-retrieval';
import type { RetrievalEvaluation } from '../lib/rag/eval/retrieval-evaluation.types';
import { MarkdownFileLoader } from '../lib/rag/loaders/markdown-file-loader';
import { MarkdownTextSplitter } from '../lib/rag/splitters/markdown-text-splitter';
import { loadRagEvalSet, type RagEvalSet } from '../sample/eval/rag-eval-dataset';
import {
  bm25Retriever,
  hashedVectorRetriever,
  hybridRetriever,
  SAMPLE_HYBRID,
} from '../sample/eval/rag-eval-retrievers';

/**
 * Retrieval quality floors on the sample's test set (sample/eval/dataset: 124 questions over a
 * snapshot of docs/, most of them paraphrases). The floors hold on the HELD-OUT half, which no
 * setting was tuned on; they sit a few questions under the figures in docs/rag.md so that a
 * real regression (a tokenizer, BM25 or fusion bug) fails, and noise does not.
 */
describe('retrieval quality on the sample test set (held-out half, k = 5)', () => {
  let set: RagEvalSet;
  const kindOf = new Map<string, string>();

  beforeAll(async () => {
    set = await loadRagEvalSet();
    for (const question of set.questions) kindOf.set(question.id, question.kind);
  });

  const paraphraseRecall = (result: RetrievalEvaluation): number => {
    const scores = result.questions.filter((score) => kindOf.get(score.id) === 'paraphrase');
    return scores.reduce((sum, score) => sum + score.recall, 0) / scores.length;
  };
  const report = (name: string, result: RetrievalEvaluation): void => {
    process.stdout.write(
      `${name}: recall@5 ${result.recall.toFixed(3)}, MRR@5 ${result.mrr.toFixed(3)}, ` +
        `nDCG@5 ${result.ndcg.toFixed(3)}, paraphrase recall@5 ${paraphraseRecall(result).toFixed(3)}\n`,
    );
  };

  it('is a hard set: at least 100 questions, at least half paraphrases, two halves of about equal size', () => {
    expect(set.questions.length).toBeGreaterThanOrEqual(100);
    const paraphrases = set.questions.filter((question) => question.kind === 'paraphrase');
    expect(paraphrases.length * 2).toBeGreaterThanOrEqual(set.questions.length);
    expect(set.tuning.length + set.heldOut.length).toBe(set.questions.length);
    expect(Math.abs(set.tuning.length - set.heldOut.length)).toBeLessThanOrEqual(10);
    const heldOutIds = new Set(set.heldOut.map((example) => example.id));
    expect(set.tuning.some((example) => heldOutIds.has(example.id))).toBe(false);
  });

  it("the sample's default retriever (tuned hybrid) finds the passage in the top 5 for 62% and ranks it well", async () => {
    const result = await evaluateRetrieval(
      await hybridRetriever(set.chunks, SAMPLE_HYBRID),
      set.heldOut,
      {
        k: 5,
      },
    );
    report('hybrid (sample default)', result);
    expect(result.recall).toBeGreaterThanOrEqual(0.62);
    expect(result.mrr).toBeGreaterThanOrEqual(0.48);
    expect(result.ndcg).toBeGreaterThanOrEqual(0.52);
    expect(paraphraseRecall(result)).toBeGreaterThanOrEqual(0.5);
  });

  it('BM25 with the library defaults finds at least 60%, and nearly every keyword question', async () => {
    const result = await evaluateRetrieval(
      await bm25Retriever(set.chunks, { k1: 1.2, b: 0.75 }),
      set.heldOut,
      { k: 5 },
    );
    report('BM25 (defaults)', result);
    expect(result.recall).toBeGreaterThanOrEqual(0.6);
    const keyword = result.questions.filter((score) => kindOf.get(score.id) === 'keyword');
    expect(
      keyword.filter((score) => score.recall > 0).length / keyword.length,
    ).toBeGreaterThanOrEqual(0.9);
  });

  it('the offline hashed vectors keep their floor, and hybrid beats them by a wide margin', async () => {
    const vectors = await evaluateRetrieval(await hashedVectorRetriever(set.chunks), set.heldOut, {
      k: 5,
    });
    const hybrid = await evaluateRetrieval(
      await hybridRetriever(set.chunks, SAMPLE_HYBRID),
      set.heldOut,
      {
        k: 5,
      },
    );
    report('hashed vectors', vectors);
    expect(vectors.recall).toBeGreaterThanOrEqual(0.3);
    expect(hybrid.recall - vectors.recall).toBeGreaterThanOrEqual(0.2);
  });

  it('filters before ranking: a filter on another file still returns k passages, all from it', async () => {
    const retriever = await hybridRetriever(set.chunks, SAMPLE_HYBRID);
    const found = await retriever.retrieve('retry backoff with jitter after a rate limit', {
      k: 3,
      filter: { source: 'memory.md' },
    });
    expect(found).toHaveLength(3);
    expect(found.every((hit) => hit.document.metadata['source'] === 'memory.md')).toBe(true);
    expect(found.map((hit) => hit.rank)).toEqual([1, 2, 3]);
  });
});

describe('markdown loading for RAG', () => {
  it('keeps markdown front matter as metadata and headings on every chunk', async () => {
    const [document] = await new MarkdownFileLoader([
      join(__dirname, 'fixtures', 'rag-corpus', 'solar-system.md'),
    ]).load();
    const chunks = new MarkdownTextSplitter({ chunkSize: 400, chunkOverlap: 0 }).splitDocuments([
      document,
    ]);
    const mars = chunks.find((chunk) => chunk.metadata['h2'] === 'Mars');
    expect(mars?.metadata).toMatchObject({
      title: 'The Solar System',
      topic: 'astronomy',
      h1: 'The Solar System',
      headings: 'The Solar System > Mars',
    });
    expect(mars?.content.startsWith('## Mars\n')).toBe(true);
  });
});

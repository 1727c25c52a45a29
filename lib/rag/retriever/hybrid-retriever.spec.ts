import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { Document } from '../document.types';
import { InMemoryKeywordIndex } from '../keyword/in-memory-keyword-index';
import type { RerankedDocument } from '../rerank/rerank.types';
import { Reranker } from '../rerank/reranker';
import type { DocumentRetriever } from './document-retriever';
import { fuseRankings } from './fuse-rankings';
import { HybridRetriever } from './hybrid-retriever';
import { KeywordRetriever } from './keyword-retriever';
import type { RetrievedDocument } from './retrieved-document.types';
import type { DocumentRetrieveOptions } from './retriever-options.types';

const doc = (id: string, metadata: Document['metadata'] = {}): Document => ({
  id,
  content: id,
  metadata,
});
const ranked = (...entries: [string, number][]): RetrievedDocument[] =>
  entries.map(([id, score], index) => ({ document: doc(id), score, rank: index + 1 }));

/** A retriever that answers from a fixed ranking and records what it was asked. */
class ScriptedRetriever implements DocumentRetriever {
  readonly calls: DocumentRetrieveOptions[] = [];
  constructor(private readonly hits: RetrievedDocument[]) {}
  retrieve(_query: string, options: DocumentRetrieveOptions = {}): Promise<RetrievedDocument[]> {
    this.calls.push(options);
    return Promise.resolve(this.hits.slice(0, options.k ?? 4));
  }
}

/** Reverses the candidates (so its effect is visible) and scores them 10, 9, ... */
class ReversingReranker extends Reranker {
  calls = 0;
  rerank(_query: string, documents: readonly Document[]): Promise<RerankedDocument[]> {
    this.calls++;
    return Promise.resolve(
      [...documents].reverse().map((document, index) => ({ document, score: 10 - index, index })),
    );
  }
}

describe('fuseRankings', () => {
  it('rrf sums weight / (rrfK + rank) over the rankings that hold a document', () => {
    const fused = fuseRankings([ranked(['a', 9], ['b', 5]), ranked(['b', 0.9], ['c', 0.1])], {
      fusion: 'rrf',
      weights: [1, 2],
      rrfK: 60,
    });
    expect(fused.map((hit) => hit.document.id)).toEqual(['b', 'c', 'a']);
    expect(fused[0].score).toBeCloseTo(1 / 62 + 2 / 61, 12);
    expect(fused[1].score).toBeCloseTo(2 / 62, 12);
    expect(fused[2].score).toBeCloseTo(1 / 61, 12);
  });

  it('weighted min-max normalizes each ranking, then sums weight * score', () => {
    const fused = fuseRankings(
      [ranked(['a', 10], ['b', 6], ['c', 2]), ranked(['c', 0.8], ['a', 0.2])],
      { fusion: 'weighted', weights: [1, 0.5], rrfK: 60 },
    );
    expect(fused.map((hit) => [hit.document.id, hit.score])).toEqual([
      ['a', 1],
      ['b', 0.5],
      ['c', 0.5],
    ]);
  });

  it('gives a ranking whose scores are all equal a normalized 1, and keeps first-seen order on ties', () => {
    const fused = fuseRankings([ranked(['a', 3], ['b', 3])], {
      fusion: 'weighted',
      weights: [1],
      rrfK: 60,
    });
    expect(fused.map((hit) => [hit.document.id, hit.score])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });
});

describe('HybridRetriever', () => {
  it('asks every member for fetchK candidates with the same filter and ranks the fused list from 1', async () => {
    const vectors = new ScriptedRetriever(ranked(['a', 0.9], ['b', 0.8], ['c', 0.7]));
    const keywords = new ScriptedRetriever(ranked(['c', 12], ['d', 3]));
    const hybrid = new HybridRetriever({ retrievers: [vectors, keywords], k: 2, fetchK: 10 });
    const found = await hybrid.retrieve('q', { filter: { lang: 'en' } });
    expect(found.map((hit) => [hit.document.id, hit.rank])).toEqual([
      ['c', 1],
      ['a', 2],
    ]);
    for (const member of [vectors, keywords]) {
      expect(member.calls).toEqual([{ k: 10, filter: { lang: 'en' } }]);
    }
  });

  it('reranks once, on the fused list, and never asks the members to rerank', async () => {
    const member = new ScriptedRetriever(ranked(['a', 3], ['b', 2], ['c', 1]));
    const reranker = new ReversingReranker();
    const hybrid = new HybridRetriever({ retrievers: [member], k: 3, rerank: { reranker } });
    const found = await hybrid.retrieve('q');
    expect(found.map((hit) => [hit.document.id, hit.score, hit.rank])).toEqual([
      ['c', 10, 1],
      ['b', 9, 2],
      ['a', 8, 3],
    ]);
    expect(reranker.calls).toBe(1);
    expect(member.calls[0].rerank).toBeUndefined();
  });

  it('filters before ranking in a real keyword member: a better excluded document never takes a slot', async () => {
    const index = new InMemoryKeywordIndex();
    await index.add([
      { id: 'best', content: 'circuit breaker opens', metadata: { lang: 'de' } },
      { id: 'ok', content: 'the circuit', metadata: { lang: 'en' } },
      { id: 'other', content: 'breaker', metadata: { lang: 'en' } },
    ]);
    const hybrid = new HybridRetriever({ retrievers: [new KeywordRetriever({ index })], k: 2 });
    const found = await hybrid.retrieve('circuit breaker opens', { filter: { lang: 'en' } });
    expect(found.map((hit) => hit.document.id).sort()).toEqual(['ok', 'other']);
  });

  it('rejects bad options with every problem listed', () => {
    const member = new ScriptedRetriever([]);
    let error: unknown;
    try {
      new HybridRetriever({
        retrievers: [member],
        weights: [1, -2],
        fusion: 'max' as 'rrf',
        k: 0,
      });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'fusion',
      'weights',
      'weights[1]',
      'k',
    ]);
    expect(() => new HybridRetriever({ retrievers: [] })).toThrow(/at least one retriever/);
  });
});

describe('KeywordRetriever', () => {
  it('returns the index top k ranked from 1, drops hits under the threshold, reranks last', async () => {
    const index = new InMemoryKeywordIndex();
    await index.add([
      { id: 'a', content: 'retry retry backoff', metadata: {} },
      { id: 'b', content: 'retry once', metadata: {} },
      { id: 'c', content: 'nothing related', metadata: {} },
    ]);
    const retriever = new KeywordRetriever({ index, k: 5 });
    const found = await retriever.retrieve('retry backoff');
    expect(found.map((hit) => [hit.document.id, hit.rank])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const cut = await retriever.retrieve('retry backoff', { scoreThreshold: found[0].score });
    expect(cut.map((hit) => hit.document.id)).toEqual(['a']);
    const reranked = await retriever.retrieve('retry backoff', {
      rerank: { reranker: new ReversingReranker() },
    });
    expect(reranked.map((hit) => hit.document.id)).toEqual(['b', 'a']);
  });

  it('stops before searching when the signal is already aborted', async () => {
    const retriever = new KeywordRetriever({ index: new InMemoryKeywordIndex() });
    await expect(retriever.retrieve('q', { signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

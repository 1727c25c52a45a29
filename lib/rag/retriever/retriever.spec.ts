import { InMemoryVectorStore } from '../stores/in-memory-vector-store';
import { cosine, maximalMarginalRelevance } from './mmr';
import { Retriever } from './retriever';

async function storeWith(vectors: Record<string, number[]>): Promise<InMemoryVectorStore> {
  const store = new InMemoryVectorStore({ dimensions: 2 });
  await store.add(
    Object.entries(vectors).map(([id, vector], i) => ({
      id,
      content: id,
      metadata: { even: i % 2 === 0 },
      vector,
    })),
  );
  return store;
}

describe('Retriever', () => {
  const vectors = {
    a: [1, 0],
    a2: [0.99, 0.05],
    b: [0.8, 0.6],
    c: [0, 1],
  };

  it('embeds the query and returns the top k ranked from 1', async () => {
    const queries: string[] = [];
    const retriever = new Retriever({
      store: await storeWith(vectors),
      embed: (text) => {
        queries.push(text);
        return Promise.resolve([1, 0]);
      },
      k: 2,
    });
    const found = await retriever.retrieve('question');
    expect(queries).toEqual(['question']);
    expect(found.map((hit) => [hit.document.id, hit.rank])).toEqual([
      ['a', 1],
      ['a2', 2],
    ]);
  });

  it('drops results under the score threshold', async () => {
    const retriever = new Retriever({
      store: await storeWith(vectors),
      embed: () => Promise.resolve([1, 0]),
    });
    const found = await retriever.retrieve('q', { k: 4, scoreThreshold: 0.7 });
    expect(found.map((hit) => hit.document.id)).toEqual(['a', 'a2', 'b']);
  });

  it('filters before ranking, so k matches come back even when closer documents are excluded', async () => {
    const retriever = new Retriever({
      store: await storeWith(vectors),
      embed: () => Promise.resolve([1, 0]),
    });
    const found = await retriever.retrieve('q', { k: 2, filter: { even: false } });
    expect(found.map((hit) => hit.document.id)).toEqual(['a2', 'c']);
  });

  it('with MMR, prefers a diverse document over a near-duplicate of the first pick', async () => {
    const store = new InMemoryVectorStore({ dimensions: 3 });
    await store.add(
      Object.entries({ a: [1, 0.6, 0.3], a2: [1, 0.62, 0.3], b: [0.6, 1, -0.3], c: [0, 0, 1] }).map(
        ([id, vector]) => ({ id, content: id, metadata: {}, vector }),
      ),
    );
    const retriever = new Retriever({ store, embed: () => Promise.resolve([1, 1, 0]) });
    const plain = await retriever.retrieve('q', { k: 2 });
    const diverse = await retriever.retrieve('q', { k: 2, mmr: { lambda: 0.5 } });
    expect(plain.map((hit) => hit.document.id)).toEqual(['a2', 'a']);
    expect(diverse.map((hit) => hit.document.id)).toEqual(['a2', 'b']);
    expect(diverse.map((hit) => hit.rank)).toEqual([1, 2]);
  });
});

describe('maximalMarginalRelevance', () => {
  it('is plain relevance order with lambda 1', () => {
    expect(
      maximalMarginalRelevance(
        [1, 0],
        [
          [0, 1],
          [1, 0],
          [0.7, 0.7],
        ],
        3,
        1,
      ),
    ).toEqual([1, 2, 0]);
  });

  it('never picks more than there are candidates', () => {
    expect(maximalMarginalRelevance([1, 0], [[1, 0]], 5, 0.5)).toEqual([0]);
  });

  it('matches the textbook definition on every pick, not only the first two', () => {
    // A direct reading of MMR: each step scores every remaining candidate against ALL picks so far.
    const reference = (q: number[], cs: number[][], k: number, lambda: number): number[] => {
      const picked: number[] = [];
      while (picked.length < Math.min(k, cs.length)) {
        let best = -1;
        let bestScore = Number.NEGATIVE_INFINITY;
        cs.forEach((c, i) => {
          if (picked.includes(i)) return;
          const penalty =
            picked.length === 0 ? 0 : Math.max(...picked.map((p) => cosine(c, cs[p])));
          const score = lambda * cosine(q, c) - (1 - lambda) * penalty;
          if (score > bestScore) [best, bestScore] = [i, score];
        });
        picked.push(best);
      }
      return picked;
    };
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    for (let round = 0; round < 50; round++) {
      const query = [random(), random(), random(), random()];
      const candidates = Array.from({ length: 12 }, () => [random(), random(), random(), random()]);
      const lambda = [0.3, 0.5, 0.7][round % 3];
      const picks = maximalMarginalRelevance(query, candidates, 8, lambda);
      expect(picks).toHaveLength(8);
      expect(picks).toEqual(reference(query, candidates, 8, lambda));
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VectorRecord } from '../document.types';
import { InMemoryVectorStore } from './in-memory-vector-store';

/** Deterministic pseudo-random vectors (mulberry32), so the tests need no fixtures. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function records(count: number, dimensions: number, seed: number): VectorRecord[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    content: `record ${i}`,
    metadata: { group: i % 3, even: i % 2 === 0 },
    vector: Array.from({ length: dimensions }, () => next() * 2 - 1),
  }));
}

let directory: string;
beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'conduit-memory-store-'))));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('InMemoryVectorStore', () => {
  it('returns exactly the brute-force top k for each metric, after growth and deletes', async () => {
    const data = records(300, 8, 1);
    const query = records(1, 8, 99)[0].vector;
    for (const metric of ['cosine', 'dot', 'euclidean'] as const) {
      const store = new InMemoryVectorStore({ dimensions: 8, metric });
      await store.add(data);
      await store.delete(['r0', 'r17', 'r299']);
      const kept = data.filter((record) => !['r0', 'r17', 'r299'].includes(record.id));
      const score = (vector: readonly number[]): number => {
        const dot = vector.reduce((sum, value, d) => sum + value * query[d], 0);
        if (metric === 'dot') return dot;
        if (metric === 'euclidean')
          return -Math.hypot(...vector.map((value, d) => value - query[d]));
        return dot / (Math.hypot(...vector) * Math.hypot(...query));
      };
      const expected = kept
        .map((record) => ({ id: record.id, score: score(record.vector) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      const hits = await store.search(query, 10);
      expect(hits.map((hit) => hit.document.id)).toEqual(expected.map((entry) => entry.id));
      hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i].score, 4));
    }
  });

  it('keeps a moved row intact when deleting from the middle', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2 });
    await store.add([
      { id: 'a', content: 'A', metadata: {}, vector: [1, 0] },
      { id: 'b', content: 'B', metadata: {}, vector: [0, 1] },
      { id: 'c', content: 'C', metadata: { last: true }, vector: [-1, 0] },
    ]);
    await store.delete(['a']);
    const [hit] = await store.search([-1, 0], 1);
    expect(hit).toEqual({
      document: { id: 'c', content: 'C', metadata: { last: true } },
      score: 1,
      vector: [-1, 0],
    });
    await store.upsert([{ id: 'c', content: 'C2', metadata: {}, vector: [0, -1] }]);
    expect((await store.search([0, -1], 1))[0].document.content).toBe('C2');
  });

  it('saves to one file and loads the same documents, vectors and results', async () => {
    const store = new InMemoryVectorStore({ dimensions: 5, metric: 'euclidean' });
    await store.add(records(50, 5, 7));
    const path = join(directory, 'store.cvs');
    await store.save(path);
    const loaded = await InMemoryVectorStore.load(path);
    expect(loaded.metric).toBe('euclidean');
    expect(await loaded.count()).toBe(50);
    const query = [0.1, 0.2, 0.3, 0.4, 0.5];
    expect(await loaded.search(query, 7, { group: 1 })).toEqual(
      await store.search(query, 7, { group: 1 }),
    );
    await loaded.add([{ id: 'new', content: 'n', metadata: {}, vector: query }]);
    expect((await loaded.search(query, 1))[0].document.id).toBe('new');
  });

  it('refuses a file that is not a store, and a truncated one', async () => {
    const bogus = join(directory, 'bogus.cvs');
    writeFileSync(bogus, 'hello world');
    await expect(InMemoryVectorStore.load(bogus)).rejects.toThrow(/not a vector store file/);
    const store = new InMemoryVectorStore({ dimensions: 3 });
    await store.add(records(4, 3, 3));
    const path = join(directory, 'cut.cvs');
    await store.save(path);
    const { readFileSync } = await import('node:fs');
    writeFileSync(path, readFileSync(path).subarray(0, -4));
    await expect(InMemoryVectorStore.load(path)).rejects.toThrow(/truncated/);
  });

  it('returns nothing for k = 0 and rejects a negative k', async () => {
    const store = new InMemoryVectorStore({ dimensions: 2 });
    await store.add([{ id: 'a', content: '', metadata: {}, vector: [1, 0] }]);
    expect(await store.search([1, 0], 0)).toEqual([]);
    await expect(store.search([1, 0], -1)).rejects.toThrow(/k: must be a non-negative integer/);
  });
});

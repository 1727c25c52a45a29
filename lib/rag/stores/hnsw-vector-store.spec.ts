import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VectorRecord } from '../document.types';
import { HnswVectorStore } from './hnsw-vector-store';
import { InMemoryVectorStore } from './in-memory-vector-store';

function randomRecords(count: number, dimensions: number, seed: number): VectorRecord[] {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    content: `record ${i}`,
    metadata: { bucket: i % 100 },
    vector: Array.from({ length: dimensions }, next),
  }));
}

let directory: string;
beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'conduit-hnsw-'))));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('HnswVectorStore', () => {
  const data = randomRecords(2000, 16, 3);
  const queries = randomRecords(20, 16, 11).map((record) => record.vector);

  it('finds at least 95% of the exact top 10 (recall against the in-memory store)', async () => {
    const ann = HnswVectorStore.create({ dimensions: 16, maxElements: 100 });
    const exact = new InMemoryVectorStore({ dimensions: 16 });
    await ann.add(data);
    await exact.add(data);
    let found = 0;
    for (const query of queries) {
      const truth = new Set((await exact.search(query, 10)).map((hit) => hit.document.id));
      found += (await ann.search(query, 10)).filter((hit) => truth.has(hit.document.id)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('returns every match of a selective filter, exactly ranked', async () => {
    const ann = HnswVectorStore.create({ dimensions: 16, exactFilterThreshold: 0 });
    await ann.add(data);
    const exact = new InMemoryVectorStore({ dimensions: 16 });
    await exact.add(data);
    // 20 records have bucket 7; ask for 50: all 20 must come back, whatever the graph walk finds.
    const hits = await ann.search(queries[0], 50, { bucket: 7 });
    expect(hits).toHaveLength(20);
    expect(hits.map((hit) => hit.document.id)).toEqual(
      (await exact.search(queries[0], 50, { bucket: 7 })).map((hit) => hit.document.id),
    );
  });

  it('persists the graph and documents to a directory and reopens them', async () => {
    const store = HnswVectorStore.create({ dimensions: 16 });
    await store.add(data.slice(0, 300));
    await store.delete(['r1']);
    await store.save(join(directory, 'index'));
    const reopened = await HnswVectorStore.open(join(directory, 'index'));
    expect(await reopened.count()).toBe(299);
    expect(await reopened.search(queries[1], 5)).toEqual(await store.search(queries[1], 5));
    expect((await reopened.search(data[1].vector, 1))[0].document.id).not.toBe('r1');
    await reopened.add([{ ...data[1], content: 'back' }]);
    expect((await reopened.search(data[1].vector, 1))[0].document.content).toBe('back');
  });
});

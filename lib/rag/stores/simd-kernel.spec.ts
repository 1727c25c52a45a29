import { InMemoryVectorStore } from './in-memory-vector-store';
import { dotAt, squaredDistanceAt } from './similarity';
import { SimdKernel } from './simd-kernel';
import type { DistanceMetric } from './vector-store';

/** mulberry32: seeded, so a failure is reproducible. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each([12, 32])('SimdKernel, %i dimensions', (dimensions) => {
  const rows = 37;
  const next = generator(dimensions);
  const kernel = SimdKernel.create(rows * dimensions * 4 + dimensions * 8 + rows * 8);

  it('is available on this Node (WebAssembly SIMD)', () => {
    expect(kernel).toBeDefined();
  });

  it('computes the same dot products and squared distances, bit for bit, as the scalar loops', () => {
    const k = kernel as SimdKernel;
    const data = new Float32Array(k.memory.buffer, 0, rows * dimensions);
    for (let i = 0; i < data.length; i++) data[i] = next() * 2 - 1;
    const query = Float32Array.from({ length: dimensions }, () => next() * 2 - 1);
    const queryAt = rows * dimensions * 4;
    const outAt = queryAt + dimensions * 8;
    new Float64Array(k.memory.buffer, queryAt, dimensions).set(query);
    const out = new Float64Array(k.memory.buffer, outAt, rows);
    k.dot(0, queryAt, rows, dimensions, outAt);
    for (let row = 0; row < rows; row++) {
      expect(out[row]).toBe(dotAt(data, row * dimensions, query, dimensions));
    }
    k.squaredDistance(0, queryAt, rows, dimensions, outAt);
    for (let row = 0; row < rows; row++) {
      expect(out[row]).toBe(squaredDistanceAt(data, row * dimensions, query, dimensions));
    }
  });

  it('sums float32 values (the bandwidth probe of the bench)', () => {
    const k = kernel as SimdKernel;
    const values = new Float32Array(k.memory.buffer, 0, 64);
    values.fill(0.5);
    expect(k.sum(0, 64 * 4)).toBe(32);
    expect(k.sum(0, 0)).toBe(0);
  });
});

describe('InMemoryVectorStore: SIMD and scalar search agree', () => {
  /** The same records in a store whose kernel is switched off (the scalar loops). */
  async function pair(
    metric: DistanceMetric,
    dimensions: number,
    count: number,
  ): Promise<[InMemoryVectorStore, InMemoryVectorStore, number[]]> {
    const next = generator(dimensions * 1000 + count);
    const records = Array.from({ length: count }, (_, i) => ({
      id: `r${i}`,
      content: `row ${i}`,
      metadata: { even: i % 2 === 0 },
      // Some repeated and zero vectors, so ties and zero norms are compared too.
      vector:
        i % 50 === 49
          ? new Array<number>(dimensions).fill(0)
          : Array.from({ length: dimensions }, () => Math.round((next() * 2 - 1) * 8) / 8),
    }));
    const simd = new InMemoryVectorStore({ dimensions, metric });
    const scalar = new InMemoryVectorStore({ dimensions, metric });
    (scalar as unknown as { kernel: undefined }).kernel = undefined;
    // In pieces, so the SIMD store grows its memory several times.
    for (let start = 0; start < count; start += 100) {
      await simd.add(records.slice(start, start + 100));
      await scalar.add(records.slice(start, start + 100));
    }
    await simd.delete(['r3', 'r77']);
    await scalar.delete(['r3', 'r77']);
    const query = Array.from({ length: dimensions }, () => Math.round((next() * 2 - 1) * 8) / 8);
    return [simd, scalar, query];
  }

  it.each<DistanceMetric>(['cosine', 'dot', 'euclidean'])(
    '%s: the same hits, scores and order over 700 rows that grew from 16',
    async (metric) => {
      const [simd, scalar, query] = await pair(metric, 16, 700);
      expect(await simd.search(query, 25)).toEqual(await scalar.search(query, 25));
      expect(await simd.search(query, 5, { even: true })).toEqual(
        await scalar.search(query, 5, { even: true }),
      );
    },
  );

  it('dimensions that are not a multiple of 4 use the scalar loops', async () => {
    const store = new InMemoryVectorStore({ dimensions: 3 });
    await store.add([
      { id: 'a', content: '', metadata: {}, vector: [1, 0, 0] },
      { id: 'b', content: '', metadata: {}, vector: [0, 1, 0] },
    ]);
    const hits = await store.search([1, 0.1, 0], 1);
    expect(hits[0].document.id).toBe('a');
  });
});

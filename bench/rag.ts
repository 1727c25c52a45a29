/**
 * RAG benchmark: exact search over 100k x 384 vectors (InMemoryVectorStore), HNSW on the same
 * vectors (HnswVectorStore: build time, query time, recall@10 against exact), and splitter
 * throughput (MB/s) next to @langchain/textsplitters on the same text, and BM25 keyword search
 * over 100k passages next to MiniSearch (bench/keyword-search.ts).
 *
 *   npm run bench:rag            (ROWS=20000 QUERIES=20 npm run bench:rag for a quick run)
 *
 * Figures are printed, never asserted. Vectors are seeded pseudo-random, clustered around 1000
 * topic centres (see `clustered`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecursiveCharacterTextSplitter as LangChainSplitter } from '@langchain/textsplitters';
import type { VectorRecord } from '../lib/rag/document.types';
import { MarkdownTextSplitter } from '../lib/rag/splitters/markdown-text-splitter';
import { RecursiveCharacterTextSplitter } from '../lib/rag/splitters/recursive-character-text-splitter';
import { SentenceTextSplitter } from '../lib/rag/splitters/sentence-text-splitter';
import { TokenTextSplitter } from '../lib/rag/splitters/token-text-splitter';
import { HnswVectorStore } from '../lib/rag/stores/hnsw-vector-store';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';
import { keywordSearch } from './keyword-search';
import type { SimdKernel } from '../lib/rag/stores/simd-kernel';

const ROWS = Number(process.env['ROWS'] ?? 100_000);
const DIMENSIONS = 384;
const QUERIES = Number(process.env['QUERIES'] ?? 50);
const K = 10;

/** mulberry32: a seeded generator, so every run measures the same data. */
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

function unitVector(next: () => number): number[] {
  const vector = Array.from({ length: DIMENSIONS }, () => next() * 2 - 1);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/**
 * Real embeddings cluster by topic; uniform random vectors in 384 dimensions have no neighbours
 * to speak of (every distance is about the same), which no ANN index can exploit. So the data is
 * 1000 topic centres, each vector a centre plus noise of the same magnitude.
 */
const CENTRES = 1000;
let centres: number[][] = [];

function clustered(next: () => number): number[] {
  const centre = centres[Math.floor(next() * CENTRES)];
  const noise = unitVector(next);
  const vector = centre.map((value, d) => value + noise[d]);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function batchOf(next: () => number, start: number, count: number): VectorRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `v${start + i}`,
    content: '',
    metadata: { shard: (start + i) % 10 },
    vector: clustered(next),
  }));
}

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const fixed = (value: number, digits = 2): string => value.toFixed(digits);

async function vectors(): Promise<void> {
  console.log(`\n== Vector search: ${ROWS} x ${DIMENSIONS} float32, top-${K}, ${QUERIES} queries`);
  const exact = new InMemoryVectorStore({ dimensions: DIMENSIONS });
  const ann = HnswVectorStore.create({
    dimensions: DIMENSIONS,
    maxElements: ROWS,
    m: 16,
    efConstruction: 100,
    ef: 64,
  });
  const next = generator(1);
  centres = Array.from({ length: CENTRES }, () => unitVector(next));
  let exactLoad = 0;
  let annBuild = 0;
  for (let start = 0; start < ROWS; start += 10_000) {
    const batch = batchOf(next, start, Math.min(10_000, ROWS - start));
    let t = process.hrtime.bigint();
    await exact.add(batch);
    exactLoad += ms(t);
    t = process.hrtime.bigint();
    await ann.add(batch);
    annBuild += ms(t);
  }
  const queryGenerator = generator(2);
  const queries = Array.from({ length: QUERIES }, () => clustered(queryGenerator));

  const truth: Set<string>[] = [];
  let t = process.hrtime.bigint();
  for (const query of queries)
    truth.push(new Set((await exact.search(query, K)).map((hit) => hit.document.id)));
  const exactMs = ms(t) / QUERIES;

  t = process.hrtime.bigint();
  for (const query of queries) await exact.search(query, K, { shard: 3 });
  const exactFilteredMs = ms(t) / QUERIES;

  console.log(
    `in-memory exact: load ${fixed(exactLoad / 1000)} s, ${fixed(exactMs)} ms/query (${fixed(1000 / exactMs, 1)} QPS); with a 10% filter ${fixed(exactFilteredMs)} ms/query`,
  );
  console.log(`hnswlib (M=16, efConstruction=100): build ${fixed(annBuild / 1000)} s`);
  for (const ef of [64, 256]) {
    ann.setEf(ef);
    let found = 0;
    t = process.hrtime.bigint();
    const annResults = [];
    for (const query of queries) annResults.push(await ann.search(query, K));
    const annMs = ms(t) / QUERIES;
    annResults.forEach(
      (hits, i) => (found += hits.filter((hit) => truth[i].has(hit.document.id)).length),
    );
    console.log(
      `  ef=${ef}: ${fixed(annMs, 3)} ms/query (${fixed(1000 / annMs, 0)} QPS), recall@${K} vs exact ${fixed(found / (QUERIES * K), 3)}`,
    );
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Sums a Float32Array in plain JavaScript, four accumulators (what V8 does best without SIMD). */
function scalarSum(values: Float32Array): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i + 3 < values.length; i += 4) {
    a += values[i];
    b += values[i + 1];
    c += values[i + 2];
    d += values[i + 3];
  }
  return a + b + c + d;
}

/**
 * In-memory exact search (cosine, top-10, no filter) next to the memory-bandwidth bound measured
 * in the same run on the same rows: one pass summing the store's Float32Array, with WebAssembly
 * SIMD (the bound) and in scalar JavaScript. The scalar search (the SIMD kernel switched off: the
 * code before issue 18) runs on a second store with the same rows. Each query times all four in
 * turn, so load on the machine hits them alike; medians over the queries.
 */
async function exactSearch(): Promise<void> {
  console.log(`\n== Exact search vs memory bandwidth: ${ROWS} x ${DIMENSIONS} float32, top-${K}`);
  const simd = new InMemoryVectorStore({ dimensions: DIMENSIONS });
  const scalar = new InMemoryVectorStore({ dimensions: DIMENSIONS });
  const internals = (store: InMemoryVectorStore): { kernel: SimdKernel | undefined } =>
    store as unknown as { kernel: SimdKernel | undefined };
  internals(scalar).kernel = undefined;
  const next = generator(3);
  centres = Array.from({ length: CENTRES }, () => unitVector(next));
  for (let start = 0; start < ROWS; start += 10_000) {
    const batch = batchOf(next, start, Math.min(10_000, ROWS - start));
    await simd.add(batch);
    await scalar.add(batch);
  }
  const kernel = internals(simd).kernel;
  if (kernel === undefined) throw new Error('no WebAssembly SIMD on this Node');
  const rows = new Float32Array(kernel.memory.buffer, 0, ROWS * DIMENSIONS);
  const queries = Array.from({ length: QUERIES }, () => clustered(next));
  const times = {
    simdSum: [] as number[],
    jsSum: [] as number[],
    simd: [] as number[],
    scalar: [] as number[],
  };
  let sink = 0;
  for (const query of [...queries.slice(0, 3), ...queries]) {
    let t = process.hrtime.bigint();
    sink += kernel.sum(0, ROWS * DIMENSIONS * 4);
    times.simdSum.push(ms(t));
    t = process.hrtime.bigint();
    sink += scalarSum(rows);
    times.jsSum.push(ms(t));
    t = process.hrtime.bigint();
    const hits = await simd.search(query, K);
    times.simd.push(ms(t));
    t = process.hrtime.bigint();
    const same = await scalar.search(query, K);
    times.scalar.push(ms(t));
    if (JSON.stringify(hits) !== JSON.stringify(same)) throw new Error('SIMD and scalar differ');
  }
  // The first three rounds warm the JIT up.
  const [bound, jsBound, search, before] = [
    times.simdSum,
    times.jsSum,
    times.simd,
    times.scalar,
  ].map((list) => median(list.slice(3)));
  const gb = (msPerPass: number): string => fixed((ROWS * DIMENSIONS * 4) / msPerPass / 1e6, 1);
  console.log(
    `bandwidth bound, one SIMD pass summing the rows: ${fixed(bound)} ms (${gb(bound)} GB/s)`,
  );
  console.log(
    `one scalar JavaScript pass summing the rows:     ${fixed(jsBound)} ms (${gb(jsBound)} GB/s)`,
  );
  console.log(
    `exact search, SIMD kernel:                        ${fixed(search)} ms/query = ${fixed(search / bound)}x the bound`,
  );
  console.log(
    `exact search, scalar loop (before):               ${fixed(before)} ms/query = ${fixed(before / bound)}x the bound${sink === 0 ? '' : ''}`,
  );
}

function corpus(megabytes: number): string {
  // npm scripts run from the package root.
  const root = join(process.cwd(), 'test', 'fixtures', 'rag-corpus');
  const base = ['solar-system.md', 'water-cycle.md', 'bread.md', 'nestjs-conduit.md']
    .map((file) => readFileSync(join(root, file), 'utf8'))
    .join('\n\n');
  return base.repeat(Math.ceil((megabytes * 1024 * 1024) / base.length));
}

async function splitters(): Promise<void> {
  const text = corpus(4);
  const megabytes = text.length / (1024 * 1024);
  console.log(
    `\n== Splitters on ${fixed(megabytes)} MB of markdown prose, chunkSize 1000, overlap 200`,
  );
  const measure = async (
    name: string,
    split: () => unknown[] | Promise<unknown[]>,
    size = megabytes,
  ): Promise<void> => {
    await split(); // warm-up
    const t = process.hrtime.bigint();
    const chunks = await split();
    const seconds = ms(t) / 1000;
    console.log(
      `${name.padEnd(46)} ${fixed(size / seconds, 1).padStart(7)} MB/s  ${chunks.length} chunks`,
    );
  };
  const ours = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const theirs = new LangChainSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  await measure('nestjs-conduit RecursiveCharacterTextSplitter', () => ours.splitText(text));
  await measure('@langchain/textsplitters RecursiveCharacter...', () => theirs.splitText(text));
  await measure('nestjs-conduit SentenceTextSplitter', () =>
    new SentenceTextSplitter({ chunkSize: 1000, chunkOverlap: 200 }).splitText(text),
  );
  await measure('nestjs-conduit MarkdownTextSplitter', () =>
    new MarkdownTextSplitter({ chunkSize: 1000, chunkOverlap: 200 }).splitText(text),
  );
  const small = text.slice(0, 512 * 1024);
  await measure(
    'nestjs-conduit TokenTextSplitter (256/32 tokens)',
    () =>
      new TokenTextSplitter({ chunkSize: 256, chunkOverlap: 32, model: 'gpt-4o' }).splitText(small),
    small.length / (1024 * 1024),
  );
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.arch}`);
  await splitters();
  await vectors();
  await exactSearch();
  await keywordSearch();
}

void main();

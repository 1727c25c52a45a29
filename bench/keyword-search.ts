/**
 * BM25 keyword search over 100k passages: InMemoryKeywordIndex (English: stop words and Porter
 * stemming; and `language: 'none'`, lowercase and split only) next to MiniSearch 7 (default
 * options: BM25+, no stemming) on the same passages and queries, in the same process. Prints
 * indexing throughput and query latency (mean, p50, p99 for the top 10). Run by `npm run
 * bench:rag`; `PASSAGES=20000 npm run bench:rag` for a quick run.
 *
 * Passages are seeded pseudo-random text: 80 words drawn from a 30,000-word vocabulary with
 * Zipf frequencies (s = 1.07, like English), so a few words are in most passages and most words
 * in few. Queries are 4 words taken from a random passage, as a user's words come from the text
 * they are looking for.
 */
import MiniSearch from 'minisearch';
import type { Document } from '../lib/rag/document.types';
import { InMemoryKeywordIndex } from '../lib/rag/keyword/in-memory-keyword-index';

const PASSAGES = Number(process.env['PASSAGES'] ?? 100_000);
const QUERIES = Number(process.env['KEYWORD_QUERIES'] ?? 100);
const VOCABULARY = 30_000;
const WORDS_PER_PASSAGE = 80;

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

function words(next: () => number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const seen = new Set<string>();
  while (seen.size < VOCABULARY) {
    const length = 3 + Math.floor(next() * 8);
    let word = '';
    for (let i = 0; i < length; i++) word += letters[Math.floor(next() * 26)];
    seen.add(word);
  }
  return [...seen];
}

function zipf(next: () => number): () => number {
  const cumulative = new Float64Array(VOCABULARY);
  let total = 0;
  for (let rank = 0; rank < VOCABULARY; rank++) {
    total += 1 / Math.pow(rank + 1, 1.07);
    cumulative[rank] = total;
  }
  return () => {
    const target = next() * total;
    let low = 0;
    let high = VOCABULARY - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

function passages(): { documents: Document[]; queries: string[]; megabytes: number } {
  const next = generator(42);
  const vocabulary = words(next);
  const pick = zipf(next);
  const documents: Document[] = [];
  let bytes = 0;
  for (let i = 0; i < PASSAGES; i++) {
    const text: string[] = [];
    for (let w = 0; w < WORDS_PER_PASSAGE; w++) text.push(vocabulary[pick()]);
    const content = `${text.join(' ')}.`;
    bytes += content.length;
    documents.push({ id: `p${i}`, content, metadata: { shard: i % 10 } });
  }
  const queries: string[] = [];
  for (let q = 0; q < QUERIES; q++) {
    const source = documents[Math.floor(next() * documents.length)].content.split(' ');
    const start = Math.floor(next() * (source.length - 4));
    queries.push(source.slice(start, start + 4).join(' '));
  }
  return { documents, queries, megabytes: bytes / (1024 * 1024) };
}

interface Engine {
  readonly name: string;
  index(documents: readonly Document[]): Promise<void>;
  top10(query: string): Promise<number>;
}

function ourIndex(name: string, index: InMemoryKeywordIndex): Engine {
  return {
    name,
    async index(documents) {
      for (let start = 0; start < documents.length; start += 1000) {
        await index.add(documents.slice(start, start + 1000));
      }
    },
    async top10(query) {
      return (await index.search(query, 10)).length;
    },
  };
}

function miniSearch(): Engine {
  const mini = new MiniSearch<Document>({ fields: ['content'], idField: 'id' });
  return {
    name: 'MiniSearch 7.2 (defaults: BM25+, no stemming)',
    index(documents) {
      for (let start = 0; start < documents.length; start += 1000) {
        mini.addAll(documents.slice(start, start + 1000));
      }
      return Promise.resolve();
    },
    top10(query) {
      // MiniSearch ranks every match and returns them all; the top 10 are the first ten.
      return Promise.resolve(mini.search(query).slice(0, 10).length);
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(engine: Engine, documents: Document[], queries: string[], megabytes: number) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  await engine.index(documents);
  const indexMs = performance.now() - started;
  global.gc?.();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
  for (const query of queries.slice(0, 20)) await engine.top10(query);
  const times: number[] = [];
  let found = 0;
  for (const query of queries) {
    const start = performance.now();
    found += await engine.top10(query);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
  console.log(
    `  ${engine.name.padEnd(52)} index ${(indexMs / 1000).toFixed(2).padStart(6)} s ` +
      `(${Math.round(documents.length / (indexMs / 1000))
        .toString()
        .padStart(6)} passages/s, ${(megabytes / (indexMs / 1000)).toFixed(1)} MB/s)  ` +
      `query mean ${mean.toFixed(2)} ms, p50 ${percentile(times, 50).toFixed(2)} ms, ` +
      `p99 ${percentile(times, 99).toFixed(2)} ms  (heap +${heapMb.toFixed(0)} MB, ${(found / queries.length).toFixed(1)} hits/query)`,
  );
}

/** The keyword section of bench/rag.ts. */
export async function keywordSearch(): Promise<void> {
  const { documents, queries, megabytes } = passages();
  console.log(
    `\nBM25 keyword search: ${documents.length} passages (${megabytes.toFixed(1)} MB, ` +
      `${WORDS_PER_PASSAGE} words each), ${queries.length} queries of 4 words, top 10`,
  );
  const engines = [
    () => miniSearch(),
    () => ourIndex('InMemoryKeywordIndex (en: stop words, Porter)', new InMemoryKeywordIndex()),
    () =>
      ourIndex(
        "InMemoryKeywordIndex (language 'none')",
        new InMemoryKeywordIndex({ tokenizer: { language: 'none' } }),
      ),
  ];
  // Each engine is built, measured and dropped before the next, so heaps do not add up.
  for (const make of engines) await run(make(), documents, queries, megabytes);
}

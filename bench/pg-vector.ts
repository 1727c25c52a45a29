/**
 * PgVectorStore benchmark on a throwaway PostgreSQL 15 + pgvector cluster (the tests' support
 * code; PG_URL to use a running server instead): batched insert throughput of a bulk load (rows
 * first, then CREATE INDEX, as pgvector recommends), of inserts into the HNSW-indexed table, and
 * query latency (p50, p95) with recall@10 against exact search, unfiltered and with a 10% metadata
 * filter, plus keyword (full-text) query latency on the same table.
 *
 *   npm run bench:pg            (ROWS=20000 QUERIES=50 INCREMENTAL=1000 npm run bench:pg for a quick run)
 *
 * Figures are printed, never asserted. Vectors are seeded pseudo-random, clustered around 1000
 * topic centres like bench/rag.ts (uniform random vectors have no neighbours to find).
 */
import { Pool } from 'pg';
import type { VectorRecord } from '../lib/rag/document.types';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';
import { pgVectorMigration } from '../lib/rag/stores/pg-vector-migration';
import { PgVectorStore } from '../lib/rag/stores/pg-vector-store';
import { startPostgresServer } from '../test/support/postgres-server';

const ROWS = Number(process.env['ROWS'] ?? 100_000);
const QUERIES = Number(process.env['QUERIES'] ?? 200);
const DIMENSIONS = 384;
const K = 10;
const CALL_SIZE = 1000;
/** Rows inserted one call at a time into the indexed table, after the bulk load. */
const INCREMENTAL = Math.min(Number(process.env['INCREMENTAL'] ?? 5000), ROWS);
const CENTRES = 1000;
const WORDS = ['vector', 'index', 'postgres', 'retrieval', 'passage', 'answer', 'model', 'chunk'];

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

function clustered(next: () => number, centres: readonly number[][]): number[] {
  const centre = centres[Math.floor(next() * CENTRES)];
  const noise = unitVector(next);
  const vector = centre.map((value, d) => value + noise[d]);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};
const fixed = (value: number, digits = 2): string => value.toFixed(digits);

/** Inserts every record in calls of CALL_SIZE; resolves with the seconds taken. */
async function load(store: PgVectorStore, records: readonly VectorRecord[]): Promise<number> {
  const started = process.hrtime.bigint();
  for (let start = 0; start < records.length; start += CALL_SIZE) {
    await store.add(records.slice(start, start + CALL_SIZE));
  }
  return ms(started) / 1000;
}

/** Latencies and recall@K of QUERIES searches. */
async function measure(
  store: PgVectorStore,
  queries: readonly number[][],
  truth: readonly Set<string>[],
  filter?: { shard: number },
): Promise<string> {
  const latencies: number[] = [];
  let found = 0;
  for (const [index, query] of queries.entries()) {
    const started = process.hrtime.bigint();
    const hits = await store.search(query, K, filter);
    latencies.push(ms(started));
    found += hits.filter((hit) => truth[index].has(hit.document.id)).length;
  }
  return `p50 ${fixed(percentile(latencies, 0.5))} ms, p95 ${fixed(percentile(latencies, 0.95))} ms, recall@${K} ${fixed(found / (queries.length * K), 3)}`;
}

async function main(): Promise<void> {
  const settings = {
    shared_buffers: '1GB',
    maintenance_work_mem: '1GB',
    max_wal_size: '4GB',
  };
  const server = await startPostgresServer({ durable: true, settings });
  const pool = new Pool({ connectionString: server.url, max: 4 });
  try {
    const { rows } = await pool.query<{ server: string; vector: string }>(
      "SELECT current_setting('server_version') AS server, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector",
    );
    console.log(
      `== PgVectorStore: ${ROWS} x ${DIMENSIONS}, top-${K}, ${QUERIES} queries; PostgreSQL ${rows[0].server}, pgvector ${rows[0].vector}`,
    );
    console.log(
      `   server: fsync on, ${Object.entries(settings)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ')}; store calls of ${CALL_SIZE} records, INSERT batches of 500`,
    );

    const next = generator(1);
    const centres = Array.from({ length: CENTRES }, () => unitVector(next));
    const records: VectorRecord[] = Array.from({ length: ROWS }, (_, i) => ({
      id: `v${i}`,
      content: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} passage ${i}`,
      metadata: { shard: i % 10 },
      vector: clustered(next, centres),
    }));
    const queryNext = generator(2);
    const queries = Array.from({ length: QUERIES }, () => clustered(queryNext, centres));
    const exact = new InMemoryVectorStore({ dimensions: DIMENSIONS });
    await exact.add(records);
    const truth: Set<string>[] = [];
    const filteredTruth: Set<string>[] = [];
    for (const query of queries) {
      truth.push(new Set((await exact.search(query, K)).map((hit) => hit.document.id)));
      filteredTruth.push(
        new Set((await exact.search(query, K, { shard: 3 })).map((hit) => hit.document.id)),
      );
    }

    // Bulk path, as pgvector recommends for a first load: rows first, then the index.
    const bulkRows = ROWS - INCREMENTAL;
    const bulk = await PgVectorStore.connect({
      pool,
      table: 'bench_vectors',
      dimensions: DIMENSIONS,
      hnsw: false,
    });
    const bulkSeconds = await load(bulk, records.slice(0, bulkRows));
    console.log(
      `insert ${bulkRows} rows, no HNSW index yet: ${fixed(bulkSeconds, 1)} s, ${fixed(bulkRows / bulkSeconds, 0)} rows/s`,
    );
    let started = process.hrtime.bigint();
    await pool.query(pgVectorMigration({ table: 'bench_vectors', dimensions: DIMENSIONS }));
    console.log(
      `CREATE INDEX ... USING hnsw (m=16, ef_construction=64) over ${bulkRows} rows: ${fixed(ms(started) / 1000, 1)} s`,
    );
    // Then the steady state of a running service: each new row goes into the index as it lands.
    const indexed = await PgVectorStore.connect({
      pool,
      table: 'bench_vectors',
      dimensions: DIMENSIONS,
    });
    const incrementalSeconds = await load(indexed, records.slice(bulkRows));
    console.log(
      `insert ${INCREMENTAL} more rows into the HNSW-indexed table: ${fixed(incrementalSeconds, 1)} s, ${fixed(INCREMENTAL / incrementalSeconds, 0)} rows/s`,
    );
    await pool.query('VACUUM ANALYZE bench_vectors');

    // One untimed pass warms the buffer cache, as a running service would have it.
    for (const query of queries) await indexed.search(query, K);
    console.log(`HNSW query, ef_search=40: ${await measure(indexed, queries, truth)}`);
    for (const efSearch of [100, 200]) {
      const wide = await PgVectorStore.connect({
        pool,
        table: 'bench_vectors',
        dimensions: DIMENSIONS,
        hnsw: { efSearch },
      });
      console.log(`HNSW query, ef_search=${efSearch}: ${await measure(wide, queries, truth)}`);
      console.log(
        `  with a 10% filter (iterative scan): ${await measure(wide, queries, filteredTruth, { shard: 3 })}`,
      );
    }
    console.log(
      `HNSW query, ef_search=40, 10% filter: ${await measure(indexed, queries, filteredTruth, { shard: 3 })}`,
    );

    const keywords = indexed.keywordIndex();
    const latencies: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      started = process.hrtime.bigint();
      await keywords.search(`${WORDS[i % WORDS.length]} ${i}`, K);
      latencies.push(ms(started));
    }
    console.log(
      `keyword (full-text) query: p50 ${fixed(percentile(latencies, 0.5))} ms, p95 ${fixed(percentile(latencies, 0.95))} ms`,
    );
  } finally {
    await pool.end();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

import { Global, Module } from '@nestjs/common';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import fc from 'fast-check';
import { Client, Pool } from 'pg';
import { ConduitValidationError } from '../lib/core/errors/conduit-validation.error';
import { HashedEmbeddingModel } from '../lib/rag/embeddings/hashed-embedding-model';
import { RagModule } from '../lib/rag/rag.module';
import { getRetrieverToken, getVectorStoreToken } from '../lib/rag/rag.tokens';
import { HybridRetriever } from '../lib/rag/retriever/hybrid-retriever';
import type { MetadataValue, VectorRecord } from '../lib/rag/document.types';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';
import { matchesFilter } from '../lib/rag/stores/match-filter';
import type { FieldCondition, MetadataFilter } from '../lib/rag/stores/metadata-filter.types';
import { PgVectorExtensionError } from '../lib/rag/stores/pg-vector-extension.error';
import { pgVectorMigration } from '../lib/rag/stores/pg-vector-migration';
import { PgVectorSchemaError } from '../lib/rag/stores/pg-vector-schema.error';
import { PgVectorStore } from '../lib/rag/stores/pg-vector-store';
import type { DistanceMetric } from '../lib/rag/stores/vector-store';
import { createConduitTestingModule } from '../lib/testing/create-conduit-testing-module';
import { describeKeywordIndexContract } from './support/keyword-index-contract';
import { startPostgresServer, type PostgresServer } from './support/postgres-server';

/** PgVectorStore and PgKeywordIndex against a real PostgreSQL with pgvector (one cluster here). */
let postgres: PostgresServer;
let pool: Pool;
/** An embedded PGlite with its vector extension, for the contract run on it. */
let pglite: PGlite;
let counter = 0;
const unique = (name: string): string => `${name}_${process.pid}_${++counter}`;

beforeAll(async () => {
  [postgres, pglite] = await Promise.all([
    startPostgresServer(),
    PGlite.create({ extensions: { vector } }),
  ]);
  pool = new Pool({ connectionString: postgres.url, max: 4 });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await postgres?.stop();
  await pglite?.close();
});

/** Whether a table still exists (hostile input must never drop or create one). */
async function tableExists(name: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: string | null }>(
    'SELECT to_regclass($1)::text AS found',
    [`"${name}"`],
  );
  return rows[0].found !== null;
}

/** A seeded generator, so the randomised data is the same on every run. */
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

describe('PgVectorStore.connect', () => {
  it.each([
    ['docs; DROP TABLE victims; --'],
    ['"docs"'],
    ["docs' OR '1'='1"],
    ['a.b.c'],
    ['1docs'],
    ['docs-v2'],
    ['x'.repeat(49)],
    [''],
  ])('refuses the table name %j before any SQL runs', async (table) => {
    const query = jest.fn();
    const connect = jest.fn();
    await expect(
      PgVectorStore.connect({ pool: { query, connect }, table, dimensions: 4 }),
    ).rejects.toThrow(ConduitValidationError);
    expect(query).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
  });

  it('lists every bad option at once', async () => {
    const error = await PgVectorStore.connect({
      pool,
      table: 'ok',
      dimensions: 3000,
      distance: 'manhattan' as DistanceMetric,
      textSearchConfig: "english'); DROP TABLE x; --",
      batchSize: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConduitValidationError);
    expect((error as ConduitValidationError).issues.map((issue) => issue.path)).toEqual([
      'dimensions',
      'distance',
      'textSearchConfig',
      'batchSize',
    ]);
  });

  it('creates the table with an HNSW index of the metric, a GIN full-text index and a schema', async () => {
    const table = unique('made');
    await PgVectorStore.connect({
      pool,
      table: `rag.${table}`,
      dimensions: 3,
      distance: 'dot',
      hnsw: { m: 8, efConstruction: 32 },
    });
    const { rows } = await pool.query<{ indexdef: string }>(
      'SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname',
      ['rag', table],
    );
    const definitions = rows.map((row) => row.indexdef).join('\n');
    expect(definitions).toMatch(
      /USING hnsw \(embedding vector_ip_ops\) WITH \(m='8', ef_construction='32'\)/,
    );
    expect(definitions).toMatch(/USING gin \(content_tsv\)/);
    expect(definitions).toMatch(/USING gin \(metadata jsonb_path_ops\)/);
  });

  it('refuses an existing table whose vectors have another size', async () => {
    const table = unique('sized');
    await PgVectorStore.connect({ pool, table, dimensions: 4 });
    const error = await PgVectorStore.connect({ pool, table, dimensions: 8 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PgVectorSchemaError);
    expect((error as Error).message).toContain('vector(4), not vector(8)');
  });

  it('refuses a distance that the existing HNSW index does not serve', async () => {
    const table = unique('metric');
    await PgVectorStore.connect({ pool, table, dimensions: 4, distance: 'euclidean' });
    await expect(
      PgVectorStore.connect({ pool, table, dimensions: 4, distance: 'dot' }),
    ).rejects.toThrow(
      "HNSW index for euclidean distance, not dot: connect with distance: 'euclidean'",
    );
  });

  it("searches words with the table's own text search configuration, and refuses another one", async () => {
    const table = unique('config');
    const simple = await PgVectorStore.connect({
      pool,
      table,
      dimensions: 2,
      textSearchConfig: 'simple',
    });
    await simple.add([{ id: 'a', content: 'the running', metadata: {}, vector: [1, 0] }]);
    // 'simple' keeps stop words and does not stem: "the" is a word, "run" is not "running".
    const reopened = await PgVectorStore.connect({ pool, table, dimensions: 2 });
    expect(await reopened.keywordIndex().search('the', 5)).toHaveLength(1);
    expect(await reopened.keywordIndex().search('run', 5)).toEqual([]);
    await expect(
      PgVectorStore.connect({ pool, table, dimensions: 2, textSearchConfig: 'english' }),
    ).rejects.toThrow(PgVectorSchemaError);
  });

  it('refuses a table that PgVectorStore did not make', async () => {
    const table = unique('foreign');
    await pool.query(`CREATE TABLE "${table}" (id text PRIMARY KEY, body text)`);
    await expect(PgVectorStore.connect({ pool, table, dimensions: 4 })).rejects.toThrow(
      /has no column content, metadata, embedding, content_tsv/,
    );
  });

  it('with createTable: false, only checks: a missing table is a schema error, a migrated one works', async () => {
    const table = unique('migrated');
    await expect(
      PgVectorStore.connect({ pool, table, dimensions: 4, createTable: false }),
    ).rejects.toThrow(PgVectorSchemaError);
    const sql = pgVectorMigration({ table, dimensions: 4, distance: 'euclidean' });
    expect(sql).toContain('CREATE EXTENSION IF NOT EXISTS vector;');
    await pool.query(sql);
    const store = await PgVectorStore.connect({
      pool,
      table,
      dimensions: 4,
      distance: 'euclidean',
      createTable: false,
    });
    await store.add([{ id: 'a', content: 'a', metadata: {}, vector: [3, 4, 0, 0] }]);
    expect((await store.search([0, 0, 0, 0], 1))[0].score).toBeCloseTo(-5, 5);
  });

  describe('in a database without the vector extension', () => {
    const database = unique('noext');
    const role = unique('app');
    let url: string;

    beforeAll(async () => {
      await pool.query(`CREATE ROLE "${role}" LOGIN`);
      await pool.query(`CREATE DATABASE "${database}" OWNER "${role}"`);
      const parsed = new URL(postgres.url);
      parsed.pathname = `/${database}`;
      parsed.username = role;
      url = parsed.toString();
    });

    it('says the extension is missing when the store may not create it', async () => {
      const noextPool = new Pool({ connectionString: url, max: 1 });
      try {
        await expect(
          PgVectorStore.connect({
            pool: noextPool,
            table: 'docs',
            dimensions: 4,
            createTable: false,
          }),
        ).rejects.toThrow(PgVectorExtensionError);
        const error = await PgVectorStore.connect({
          pool: noextPool,
          table: 'docs',
          dimensions: 4,
        }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(PgVectorExtensionError);
        expect((error as Error).message).toContain(
          'Ask a superuser to run CREATE EXTENSION vector',
        );
        // The failed setup was rolled back as a whole: no table was left behind.
        const check = new Client({ connectionString: url });
        await check.connect();
        const { rows } = await check.query<{ found: string | null }>(
          "SELECT to_regclass('docs')::text AS found",
        );
        await check.end();
        expect(rows[0].found).toBeNull();
      } finally {
        await noextPool.end();
      }
    });
  });
});

describe('PgVectorStore metadata filters', () => {
  const hostileKeys = [
    "x' OR '1'='1",
    '"; DROP TABLE victims; --',
    '$1',
    'a->>b',
    "it's",
    '\\',
    'metadata',
  ];

  it('pushes hostile keys and values down as parameters: exact matches only, no table touched', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS victims (id int)');
    const store = await PgVectorStore.connect({ pool, table: unique('hostile'), dimensions: 2 });
    await store.add(
      hostileKeys.map((key, index) => ({
        id: `r${index}`,
        content: `record ${index}`,
        metadata: { [key]: `${key}'; DELETE FROM victims; --`, n: index },
        vector: [1, index],
      })),
    );
    for (const [index, key] of hostileKeys.entries()) {
      const value = `${key}'; DELETE FROM victims; --`;
      const hits = await store.search([1, 0], 10, { [key]: value });
      expect(hits.map((hit) => hit.document.id)).toEqual([`r${index}`]);
      expect(await store.count({ [key]: { $in: [value, 'other'] } })).toBe(1);
      expect(await store.count({ [key]: { $gte: key } })).toBe(1);
      expect(await store.count({ [key]: { $ne: value } })).toBe(hostileKeys.length - 1);
    }
    expect(await store.count({ "n' OR 1=1 --": { $gt: -1 } })).toBe(0);
    expect(await tableExists('victims')).toBe(true);
    expect(await store.count()).toBe(hostileKeys.length);
  });

  it('means exactly what the in-memory matcher means, for random filters over mixed types', async () => {
    const values: MetadataValue[] = [
      'a',
      'b',
      'B',
      'é',
      '10',
      '9',
      1,
      2,
      2.5,
      10,
      -1,
      0,
      true,
      false,
    ];
    const fields = ['x', 'y', 'z'];
    const next = generator(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const records: VectorRecord[] = Array.from({ length: 60 }, (_, index) => {
      const metadata: Record<string, MetadataValue> = {};
      for (const field of fields) if (next() < 0.75) metadata[field] = pick(values);
      return { id: `r${index}`, content: `r${index}`, metadata, vector: [next() + 0.1, next()] };
    });
    const store = await PgVectorStore.connect({ pool, table: unique('filters'), dimensions: 2 });
    await store.add(records);

    const value = fc.constantFrom(...values);
    const condition: fc.Arbitrary<MetadataValue | FieldCondition> = fc.oneof(
      value,
      fc.record({ $eq: value }),
      fc.record({ $ne: value }),
      fc.record({ $in: fc.array(value, { maxLength: 3 }) }),
      fc.record({ $gt: value }, { requiredKeys: [] }),
      fc.record({ $gte: value, $lt: value }, { requiredKeys: [] }),
      fc.record({ $lte: value }),
    ) as fc.Arbitrary<MetadataValue | FieldCondition>;
    const filter = fc.dictionary(fc.constantFrom(...fields), condition, { maxKeys: 2 });

    await fc.assert(
      fc.asyncProperty(filter, async (generated) => {
        const expected = records
          .filter((record) => matchesFilter(record.metadata, generated as MetadataFilter))
          .map((record) => record.id)
          .sort();
        const hits = await store.search([1, 0], records.length, generated);
        expect(hits.map((hit) => hit.document.id).sort()).toEqual(expected);
        expect(await store.count(generated as MetadataFilter)).toBe(expected.length);
      }),
      { numRuns: 150, seed: 42 },
    );
  }, 60_000);
});

describe('PgVectorStore search', () => {
  const next = generator(11);
  const records: VectorRecord[] = Array.from({ length: 400 }, (_, index) => ({
    id: `v${index}`,
    content: `vector ${index}`,
    metadata: { bucket: index % 20, even: index % 2 === 0 },
    vector: Array.from({ length: 8 }, () => next() * 2 - 1),
  }));
  const query = Array.from({ length: 8 }, () => next() * 2 - 1);

  it.each(['cosine', 'euclidean', 'dot'] as const)(
    'ranks and scores like the exact in-memory store (%s), a selective filter and k over ef_search included',
    async (distance) => {
      const table = unique(distance);
      const store = await PgVectorStore.connect({
        pool,
        table,
        dimensions: 8,
        distance,
        batchSize: 64,
        hnsw: { efSearch: 10, efConstruction: 200 },
      });
      const exact = new InMemoryVectorStore({ dimensions: 8, metric: distance });
      await store.add(records);
      await exact.add(records);
      // Planner statistics, so that PostgreSQL considers the HNSW index as it would in production.
      await pool.query(`ANALYZE "${table}"`);

      const hits = await store.search(query, 5);
      const expected = await exact.search(query, 5);
      expect(hits.map((hit) => hit.document.id)).toEqual(expected.map((hit) => hit.document.id));
      hits.forEach((hit, index) => expect(hit.score).toBeCloseTo(expected[index].score, 4));

      // 20 of 400 match; k = 20 is over ef_search (10): iterative scans must still fill it.
      const filtered = await store.search(query, 20, { bucket: 3 });
      const exactFiltered = await exact.search(query, 20, { bucket: 3 });
      expect(filtered.map((hit) => hit.document.id)).toEqual(
        exactFiltered.map((hit) => hit.document.id),
      );
      expect(await store.search(query, 150, { even: true })).toHaveLength(150);
    },
    60_000,
  );

  it('writes in batches inside one transaction: a stored id in the last batch writes nothing', async () => {
    const store = await PgVectorStore.connect({
      pool,
      table: unique('batches'),
      dimensions: 8,
      batchSize: 7,
    });
    await store.add(records.slice(0, 50));
    expect(await store.count()).toBe(50);
    await expect(store.add([...records.slice(50, 70), records[3]])).rejects.toThrow(
      /"v3" is already stored/,
    );
    expect(await store.count()).toBe(50);
    await store.upsert(records.slice(40, 100));
    expect(await store.count()).toBe(100);
  });

  it('keeps content, metadata and vectors exactly, unicode and quotes included', async () => {
    const store = await PgVectorStore.connect({ pool, table: unique('exact'), dimensions: 3 });
    const record: VectorRecord = {
      id: `it's "quoted" \\ é 🚀`,
      content: `line 1\nline 2 'quoted' "double" \\ \u0001 日本語`,
      metadata: { title: `it's "x"`, count: 3.25, flag: false, empty: '' },
      vector: [0.1, -2.5e-7, 12345.678],
    };
    await store.add([record]);
    const [hit] = await store.search([0.1, 0, 12345], 1);
    expect(hit.document).toEqual({
      id: record.id,
      content: record.content,
      metadata: record.metadata,
    });
    hit.vector.forEach((value, index) => expect(value).toBeCloseTo(record.vector[index], 3));
  });
});

describe('PgKeywordIndex', () => {
  it('searches the rows the vector store wrote, by words, with filters', async () => {
    const store = await PgVectorStore.connect({ pool, table: unique('hybrid'), dimensions: 2 });
    await store.upsertDocuments([
      {
        id: 'pg#0',
        content: 'PostgreSQL stores vectors with the pgvector extension.',
        metadata: { parentId: 'pg', lang: 'en' },
        vector: [1, 0],
      },
      {
        id: 'redis#0',
        content: 'Redis keeps the rate limiter counters.',
        metadata: { parentId: 'redis', lang: 'en' },
        vector: [0, 1],
      },
      {
        id: 'fr#0',
        content: 'PostgreSQL garde les vecteurs.',
        metadata: { parentId: 'fr', lang: 'fr' },
        vector: [1, 1],
      },
    ]);
    const keywords = store.keywordIndex();
    const hits = await keywords.search('which database stores the vectors?', 5);
    expect(hits.map((hit) => hit.document.id)).toEqual(['pg#0']);
    expect(hits[0].document.metadata).toEqual({ parentId: 'pg', lang: 'en' });
    expect(
      (await keywords.search('postgresql', 5, { lang: 'fr' })).map((h) => h.document.id),
    ).toEqual(['fr#0']);
    expect(await keywords.count({ lang: 'en' })).toBe(2);
  });

  it.each([["'&|!:*()<->"], ["o'reilly & (sql | !injection)"], ['\\'], ['a:*'], ['']])(
    'takes any query text as words, never as tsquery syntax: %j',
    async (query) => {
      const store = await PgVectorStore.connect({ pool, table: unique('tsq'), dimensions: 2 });
      await store
        .keywordIndex()
        .add([{ id: 'a', content: "O'Reilly writes about SQL injection", metadata: {} }]);
      const hits = await store.keywordIndex().search(query, 5);
      expect(hits.every((hit) => hit.document.id === 'a')).toBe(true);
    },
  );

  it('documents written through the index have no vector until upserted with one; new content clears a vector', async () => {
    const store = await PgVectorStore.connect({ pool, table: unique('views'), dimensions: 2 });
    const keywords = store.keywordIndex();
    await keywords.add([{ id: 'text-only', content: 'words without a vector', metadata: {} }]);
    expect(await store.count()).toBe(0);
    expect(await keywords.count()).toBe(1);
    await expect(
      store.add([{ id: 'text-only', content: 'x', metadata: {}, vector: [1, 0] }]),
    ).rejects.toThrow(ConduitValidationError);

    await store.upsert([{ id: 'both', content: 'same words', metadata: {}, vector: [1, 0] }]);
    await keywords.upsert([{ id: 'both', content: 'same words', metadata: { tag: 'kept' } }]);
    expect((await store.search([1, 0], 5)).map((hit) => hit.document.metadata)).toEqual([
      { tag: 'kept' },
    ]);
    await keywords.upsert([{ id: 'both', content: 'other words now', metadata: {} }]);
    expect(await store.search([1, 0], 5)).toEqual([]);
    expect(await store.delete(['both', 'text-only'])).toBe(2);
    expect(await keywords.count()).toBe(0);
  });
});

describeKeywordIndexContract('PgKeywordIndex (PostgreSQL full-text search)', async () =>
  (await PgVectorStore.connect({ pool, table: unique('keywords'), dimensions: 2 })).keywordIndex(),
);

describeKeywordIndexContract('PgKeywordIndex on PGlite', async () =>
  (
    await PgVectorStore.connect({
      pool: pglite,
      table: unique('keywords'),
      dimensions: 2,
    })
  ).keywordIndex(),
);

describe('PgVectorStore in RagModule (as docs/rag.md wires it)', () => {
  it('registers the store by factory, its keyword index from the store, and a hybrid retriever over both', async () => {
    const PG_POOL = Symbol('PG_POOL');
    @Global()
    @Module({ providers: [{ provide: PG_POOL, useValue: pool }], exports: [PG_POOL] })
    class DatabaseModule {}
    const table = unique('module');
    const moduleRef = await createConduitTestingModule({
      embeddingModels: { default: new HashedEmbeddingModel({ dimensions: 64 }) },
      imports: [
        DatabaseModule,
        RagModule.forRoot({
          stores: {
            docs: {
              useFactory: (database: Pool) =>
                PgVectorStore.connect({ pool: database, table, dimensions: 64 }),
              inject: [PG_POOL],
            },
          },
          keywordIndexes: {
            docs: {
              useFactory: (store: PgVectorStore) => store.keywordIndex(),
              inject: [getVectorStoreToken('docs')],
            },
          },
          retrievers: {
            vectors: { store: 'docs', k: 2 },
            keywords: { keywordIndex: 'docs', k: 2 },
            docs: { hybrid: ['vectors', 'keywords'], k: 2 },
          },
        }),
      ],
    }).compile();
    try {
      const store = moduleRef.get<PgVectorStore>(getVectorStoreToken('docs'));
      const model = new HashedEmbeddingModel({ dimensions: 64 });
      const texts = [
        'Mars is red because of iron oxide dust.',
        'Venus has a thick atmosphere of carbon dioxide.',
        'Jupiter is the largest planet.',
      ];
      const { embeddings } = await model.embed({ texts });
      await store.add(
        texts.map((content, index) => ({
          id: `p${index}`,
          content,
          metadata: {},
          vector: embeddings[index] ?? [],
        })),
      );
      const hybrid = moduleRef.get<HybridRetriever>(getRetrieverToken('docs'));
      expect(hybrid).toBeInstanceOf(HybridRetriever);
      const found = await hybrid.retrieve('why is mars red? iron oxide');
      expect(found[0]?.document.id).toBe('p0');
    } finally {
      await moduleRef.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConduitValidationError } from '../lib/core/errors/conduit-validation.error';
import type { VectorRecord } from '../lib/rag/document.types';
import { ChromaVectorStore } from '../lib/rag/stores/chroma-vector-store';
import { HnswVectorStore } from '../lib/rag/stores/hnsw-vector-store';
import { InMemoryVectorStore } from '../lib/rag/stores/in-memory-vector-store';
import { LanceDbVectorStore } from '../lib/rag/stores/lancedb-vector-store';
import { PgVectorStore } from '../lib/rag/stores/pg-vector-store';
import type { VectorStore } from '../lib/rag/stores/vector-store';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { Pool } from 'pg';
import { startChromaServer, type ChromaServer } from './rag-chroma-server';
import { startPostgresServer, type PostgresServer } from './support/postgres-server';

/** The same contract runs against every store; Chroma and PostgreSQL run as real servers. */
let chroma: ChromaServer;
let postgres: PostgresServer;
let pool: Pool;
let pglite: PGlite;
let directory: string;
let counter = 0;

beforeAll(async () => {
  [chroma, postgres, pglite] = await Promise.all([
    startChromaServer(),
    startPostgresServer(),
    PGlite.create({ extensions: { vector } }),
  ]);
  pool = new Pool({ connectionString: postgres.url, max: 4 });
  directory = mkdtempSync(join(tmpdir(), 'conduit-stores-'));
}, 90_000);

afterAll(async () => {
  await chroma?.stop();
  await pool?.end();
  await postgres?.stop();
  await pglite?.close();
  rmSync(directory, { recursive: true, force: true });
});

const unique = (name: string): string => `${name}_${process.pid}_${++counter}`;

const factories: [string, () => Promise<VectorStore>][] = [
  ['InMemoryVectorStore', () => Promise.resolve(new InMemoryVectorStore({ dimensions: 4 }))],
  [
    'HnswVectorStore',
    () => Promise.resolve(HnswVectorStore.create({ dimensions: 4, maxElements: 2 })),
  ],
  [
    'LanceDbVectorStore',
    () =>
      LanceDbVectorStore.connect({
        uri: join(directory, unique('lance')),
        dimensions: 4,
        metadataColumns: { lang: 'string', year: 'number', draft: 'boolean' },
      }),
  ],
  [
    'ChromaVectorStore',
    () => ChromaVectorStore.connect({ url: chroma.url, collection: unique('docs'), dimensions: 4 }),
  ],
  ['PgVectorStore', () => PgVectorStore.connect({ pool, table: unique('docs'), dimensions: 4 })],
  [
    'PgVectorStore on PGlite',
    () => PgVectorStore.connect({ pool: pglite, table: unique('docs'), dimensions: 4 }),
  ],
];

const records: VectorRecord[] = [
  {
    id: 'a',
    content: 'alpha',
    metadata: { lang: 'en', year: 2019, draft: false },
    vector: [1, 0, 0, 0],
  },
  {
    id: 'b',
    content: 'beta',
    metadata: { lang: 'fr', year: 2021, draft: true },
    vector: [0.9, 0.1, 0, 0],
  },
  {
    id: 'c',
    content: 'gamma',
    metadata: { lang: 'en', year: 2023, draft: false },
    vector: [0.1, 1, 0, 0],
  },
  {
    id: 'd',
    content: 'delta',
    metadata: { lang: 'de', year: 2024, draft: false },
    vector: [0, 0, 1, 0],
  },
  {
    id: 'e',
    content: 'epsilon',
    metadata: { lang: 'en', year: 2025, draft: true },
    vector: [0, 0, 0.1, 1],
  },
];

const ids = (hits: readonly { document: { id: string } }[]): string[] =>
  hits.map((hit) => hit.document.id);

/** Chunk `index` of document `parent`, as `TextSplitter.splitDocuments` names it. */
const chunk = (
  parent: string,
  index: number,
  vector: number[],
  content = `${parent} part ${index}`,
): VectorRecord => ({
  id: `${parent}#${index}`,
  content,
  metadata: { lang: 'en', parentId: parent, chunkIndex: index },
  vector,
});

describe.each(factories)('%s (shared vector store contract)', (_name, make) => {
  let store: VectorStore;

  beforeEach(async () => {
    store = await make();
    await store.add(records);
  }, 30_000);

  it('ranks by cosine similarity, best first, and returns documents, scores and vectors', async () => {
    const hits = await store.search([1, 0, 0, 0], 3);
    expect(ids(hits)).toEqual(['a', 'b', 'c']);
    expect(hits[0].score).toBeCloseTo(1, 5);
    expect(hits[1].score).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), 5);
    expect(hits[2].score).toBeCloseTo(0.1 / Math.hypot(0.1, 1), 5);
    expect(hits[0].document).toEqual({
      id: 'a',
      content: 'alpha',
      metadata: records[0].metadata,
    });
    expect(hits[0].vector).toHaveLength(4);
    expect(await store.count()).toBe(5);
  });

  it('rejects an id that is already stored and writes nothing of the call', async () => {
    const fresh: VectorRecord = {
      id: 'f',
      content: 'new',
      metadata: { lang: 'en' },
      vector: [0, 0, 1, 1],
    };
    await expect(store.add([fresh, { ...records[0], content: 'changed' }])).rejects.toThrow(
      ConduitValidationError,
    );
    await expect(store.add([fresh, fresh])).rejects.toThrow(/appears twice/);
    expect(await store.count()).toBe(5);
    expect((await store.search([1, 0, 0, 0], 1))[0].document.content).toBe('alpha');
  });

  it('upserts: replaces content, metadata and vector of an existing id and adds new ones', async () => {
    await store.upsert([
      {
        id: 'a',
        content: 'alpha v2',
        metadata: { lang: 'it', year: 2000, draft: false },
        vector: [0, 0, 0, 1],
      },
      {
        id: 'f',
        content: 'phi',
        metadata: { lang: 'en', year: 2020, draft: false },
        vector: [1, 0, 0, 0],
      },
    ]);
    expect(await store.count()).toBe(6);
    const [best] = await store.search([0, 0, 0, 1], 1);
    expect(best.document).toEqual({
      id: 'a',
      content: 'alpha v2',
      metadata: { lang: 'it', year: 2000, draft: false },
    });
    expect(ids(await store.search([1, 0, 0, 0], 1))).toEqual(['f']);
  });

  it('deletes by id and reports how many existed', async () => {
    expect(await store.delete(['a', 'missing', 'c'])).toBe(2);
    expect(await store.count()).toBe(3);
    expect(ids(await store.search([1, 0, 0, 0], 5)).sort()).toEqual(['b', 'd', 'e']);
  });

  it('filters before ranking: returns every match up to k even when other records are closer', async () => {
    const english = await store.search([1, 0, 0, 0], 3, { lang: 'en' });
    expect(ids(english)).toEqual(['a', 'c', 'e']);
    const far = await store.search([1, 0, 0, 0], 2, { lang: { $in: ['de', 'fr'] } });
    expect(ids(far)).toEqual(['b', 'd']);
    const recent = await store.search([1, 0, 0, 0], 5, { year: { $gte: 2021, $lt: 2025 } });
    expect(ids(recent)).toEqual(['b', 'c', 'd']);
    const combined = await store.search([1, 0, 0, 0], 5, {
      lang: 'en',
      draft: false,
      year: { $gt: 2020 },
    });
    expect(ids(combined)).toEqual(['c']);
    expect(await store.search([1, 0, 0, 0], 5, { lang: 'xx' })).toEqual([]);
  });

  it('counts the records matching a filter', async () => {
    expect(await store.count({ lang: 'en' })).toBe(3);
    expect(await store.count({ year: { $lte: 2021 } })).toBe(2);
    expect(await store.count({ draft: true, lang: { $in: ['fr', 'en'] } })).toBe(2);
  });

  it('upsertDocuments: a re-ingested document that shrank keeps only its new chunks', async () => {
    await store.upsertDocuments([
      chunk('guide', 0, [0, 1, 0, 0]),
      chunk('guide', 1, [0, 1, 1, 0]),
      chunk('guide', 2, [0, 1, 0, 1]),
      chunk('faq', 0, [0, 0, 1, 1]),
    ]);
    expect((await store.chunkIdsOf(['guide'])).sort()).toEqual(['guide#0', 'guide#1', 'guide#2']);

    const removed = await store.upsertDocuments([chunk('guide', 0, [0, 1, 0, 0], 'guide v2')]);

    expect(removed).toBe(2);
    expect(await store.chunkIdsOf(['guide'])).toEqual(['guide#0']);
    expect(await store.chunkIdsOf(['faq'])).toEqual(['faq#0']);
    expect(await store.count()).toBe(records.length + 2);
    const hits = await store.search([0, 1, 0, 1], 10);
    expect(ids(hits)).not.toContain('guide#2');
    expect(hits.find((hit) => hit.document.id === 'guide#0')?.document.content).toBe('guide v2');
  });

  it('upsertDocuments: a document given by id that now has no chunk loses all of its chunks', async () => {
    await store.upsertDocuments([chunk('empty', 0, [1, 1, 0, 0]), chunk('kept', 0, [1, 0, 1, 0])]);

    expect(await store.upsertDocuments([], ['empty'])).toBe(1);

    expect(await store.chunkIdsOf(['empty', 'kept'])).toEqual(['kept#0']);
    expect(await store.count()).toBe(records.length + 1);
  });

  it('upsertDocuments: invalid chunks are rejected and the stored chunks stay', async () => {
    await store.upsertDocuments([chunk('guide', 0, [0, 1, 0, 0]), chunk('guide', 1, [0, 1, 1, 0])]);

    await expect(
      store.upsertDocuments([chunk('guide', 0, [0, 1, 0, 0]), chunk('guide', 0, [1])]),
    ).rejects.toThrow(ConduitValidationError);

    expect((await store.chunkIdsOf(['guide'])).sort()).toEqual(['guide#0', 'guide#1']);
  });

  it("chunkIdsOf matches parent ids exactly, quotes, '%' and '_' included", async () => {
    const odd = `docs/it's 100%_"new".md`;
    await store.upsertDocuments([
      chunk(odd, 0, [1, 0, 0, 1]),
      chunk('docs/its 100x_new.md', 0, [1, 0, 0, 1]),
      chunk(`${odd}.bak`, 0, [1, 0, 0, 1]),
    ]);

    expect(await store.chunkIdsOf([odd])).toEqual([`${odd}#0`]);
    expect(await store.chunkIdsOf([])).toEqual([]);
    expect(await store.chunkIdsOf(['a'])).toEqual([]);
  });

  it('rejects a vector of the wrong size', async () => {
    await expect(store.search([1, 0], 1)).rejects.toThrow(/has 2 dimensions, the store has 4/);
    await expect(store.add([{ id: 'z', content: '', metadata: {}, vector: [1] }])).rejects.toThrow(
      ConduitValidationError,
    );
  });
});

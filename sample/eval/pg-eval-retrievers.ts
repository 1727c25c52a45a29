import {
  HashedEmbeddingModel,
  HybridRetriever,
  KeywordRetriever,
  PgVectorStore,
  Retriever,
  type Document,
  type HybridRetrieverOptions,
  type PgliteDatabase,
  type PgPool,
} from 'nestjs-conduit';
import type { RagEvalRetrieverFactory } from './rag-eval-retrievers';

/** The chunks loaded once into one PgVectorStore table, searched by vectors and by words. */
interface LoadedTable {
  readonly store: PgVectorStore;
  readonly embed: (text: string) => Promise<readonly number[]>;
}

let loading: Promise<LoadedTable> | undefined;

/**
 * The database of the PostgreSQL rows: the server at `PG_URL` when set, else an embedded PGlite
 * with its vector extension (the same SQL, no server), so the offline CLI still prints the rows.
 */
function database(): PgPool | PgliteDatabase {
  const url = process.env['PG_URL'];
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when a PostgreSQL row is
     built: the sample app imports this file's neighbour and must not need pg or PGlite to start. */
  if (url !== undefined && url !== '') {
    const { Pool } = require('pg') as typeof import('pg');
    // allowExitOnIdle: the CLI ends when its work is done, without closing the pool itself.
    return new Pool({ connectionString: url, allowExitOnIdle: true });
  }
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const { vector } =
    require('@electric-sql/pglite/vector') as typeof import('@electric-sql/pglite/vector');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new PGlite({ extensions: { vector } });
}

/** Embeds the chunks with the sample's offline embedder and writes them into `conduit_eval`. */
function loadTable(chunks: readonly Document[]): Promise<LoadedTable> {
  loading ??= (async (): Promise<LoadedTable> => {
    const model = new HashedEmbeddingModel({ dimensions: 384 });
    const pool = database();
    const store = await PgVectorStore.connect({
      pool,
      table: 'conduit_eval',
      dimensions: model.dimensions,
    });
    const { embeddings } = await model.embed({ texts: chunks.map((chunk) => chunk.content) });
    // upsertDocuments: a run on a PG_URL database replaces the chunks an earlier run left there.
    await store.upsertDocuments(
      chunks.map((chunk, index) => ({ ...chunk, vector: embeddings[index] ?? [] })),
    );
    return {
      store,
      embed: async (text) => (await model.embed({ texts: [text] })).embeddings[0] ?? [],
    };
  })();
  return loading;
}

/**
 * The PgVectorStore rows of the evaluation table: hashed vectors through HNSW, PostgreSQL
 * full-text search (`PgKeywordIndex`, english configuration), and their hybrid with the sample's
 * fusion settings, all on one table. Nothing here was tuned: the settings are the in-memory
 * rows' (chosen on the tuning half), so PostgreSQL's ranking is compared as it comes.
 */
export function pgEvalRetrievers(
  hybrid: Pick<HybridRetrieverOptions, 'fusion' | 'weights'>,
): RagEvalRetrieverFactory[] {
  const where = process.env['PG_URL'] ? 'PostgreSQL at PG_URL' : 'embedded PGlite';
  return [
    {
      name: `PgVectorStore, hashed vectors, HNSW (${where})`,
      needs: 'PG_URL, or nothing (PGlite)',
      build: async (chunks) => {
        const { store, embed } = await loadTable(chunks);
        return new Retriever({ store, embed });
      },
    },
    {
      name: `PgKeywordIndex, PostgreSQL full-text search (${where})`,
      needs: 'PG_URL, or nothing (PGlite)',
      build: async (chunks) =>
        new KeywordRetriever({ index: (await loadTable(chunks)).store.keywordIndex() }),
    },
    {
      name: `hybrid PgVectorStore + PgKeywordIndex, one table, ${hybrid.fusion} (${where})`,
      needs: 'PG_URL, or nothing (PGlite)',
      build: async (chunks) => {
        const { store, embed } = await loadTable(chunks);
        return new HybridRetriever({
          retrievers: [
            new Retriever({ store, embed }),
            new KeywordRetriever({ index: store.keywordIndex() }),
          ],
          ...hybrid,
        });
      },
    },
  ];
}

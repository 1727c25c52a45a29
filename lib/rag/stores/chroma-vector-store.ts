import type * as Chroma from 'chromadb';
import type { Document, DocumentMetadata, VectorRecord } from '../document.types';
import { checkQuery, checkRecords } from './check-records';
import { filterToChromaWhere } from './filter-to-chroma-where';
import { loadOptionalPackage } from '../../core/load-optional-package';
import type { MetadataFilter } from './metadata-filter.types';
import { VectorStore, type DistanceMetric, type VectorSearchHit } from './vector-store';

/** Options of `ChromaVectorStore.connect`. */
export interface ChromaVectorStoreOptions {
  /** Server URL, e.g. `http://127.0.0.1:8000`. */
  readonly url: string;
  /** Collection name; created when missing. */
  readonly collection: string;
  readonly dimensions: number;
  /** Default `cosine`. Fixed when the collection is created. */
  readonly metric?: DistanceMetric;
  readonly headers?: Readonly<Record<string, string>>;
}

const SPACES = { cosine: 'cosine', dot: 'ip', euclidean: 'l2' } as const;

/**
 * Vector store on a Chroma server (optional peer package `chromadb`). Vectors are computed by this
 * library and sent with the records, so no Chroma embedding function is used. Filters become a
 * Chroma `where` clause, applied by the server before ranking. Chroma compares ranges on numbers only.
 */
export class ChromaVectorStore extends VectorStore {
  readonly dimensions: number;

  private constructor(
    private readonly collection: Chroma.Collection,
    private readonly metric: DistanceMetric,
    dimensions: number,
  ) {
    super();
    this.dimensions = dimensions;
  }

  /** Connects and gets (or creates) the collection. */
  static async connect(options: ChromaVectorStoreOptions): Promise<ChromaVectorStore> {
    const chroma = loadOptionalPackage<typeof Chroma>('chromadb', 'ChromaVectorStore');
    const url = new URL(options.url);
    const client = new chroma.ChromaClient({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      ssl: url.protocol === 'https:',
      ...(options.headers === undefined ? {} : { headers: { ...options.headers } }),
    });
    const metric = options.metric ?? 'cosine';
    const collection = await client.getOrCreateCollection({
      name: options.collection,
      configuration: { hnsw: { space: SPACES[metric] } },
      embeddingFunction: noEmbeddingFunction,
    });
    return new ChromaVectorStore(collection, metric, options.dimensions);
  }

  async add(records: readonly VectorRecord[]): Promise<void> {
    checkRecords(records, this.dimensions);
    if (records.length === 0) return;
    const existing = await this.collection.get({
      ids: records.map((record) => record.id),
      include: [],
    });
    const taken = new Set(existing.ids);
    checkRecords(records, this.dimensions, (id) => taken.has(id));
    await this.collection.add(this.toColumns(records));
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    checkRecords(records, this.dimensions);
    if (records.length === 0) return;
    await this.collection.upsert(this.toColumns(records));
  }

  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const existing = await this.collection.get({ ids: [...ids], include: [] });
    if (existing.ids.length > 0) await this.collection.delete({ ids: existing.ids });
    return existing.ids.length;
  }

  async search(
    vector: readonly number[],
    k: number,
    filter?: MetadataFilter,
  ): Promise<VectorSearchHit[]> {
    checkQuery(vector, k, this.dimensions);
    if (k === 0) return [];
    const where = filterToChromaWhere(filter);
    const result = await this.collection.query({
      queryEmbeddings: [[...vector]],
      nResults: k,
      ...(where === undefined ? {} : { where: where as Chroma.Where }),
      include: ['documents', 'metadatas', 'distances', 'embeddings'] as Chroma.IncludeEnum[],
    });
    const ids = result.ids[0] ?? [];
    return ids.map((id, i) => ({
      document: {
        id,
        content: result.documents[0]?.[i] ?? '',
        metadata: (result.metadatas[0]?.[i] ?? {}) as DocumentMetadata,
      } satisfies Document,
      score: this.scoreOf(result.distances[0]?.[i] ?? Number.NaN),
      vector: result.embeddings[0]?.[i] ?? [],
    }));
  }

  async count(filter?: MetadataFilter): Promise<number> {
    const where = filterToChromaWhere(filter);
    if (where === undefined) return this.collection.count();
    return (await this.collection.get({ where: where as Chroma.Where, include: [] })).ids.length;
  }

  async chunkIdsOf(documentIds: readonly string[]): Promise<string[]> {
    const parents = [...new Set(documentIds)];
    if (parents.length === 0) return [];
    const where = filterToChromaWhere({ parentId: { $in: parents } }) as Chroma.Where;
    return (await this.collection.get({ where, include: [] })).ids;
  }

  private toColumns(records: readonly VectorRecord[]): {
    ids: string[];
    embeddings: number[][];
    documents: string[];
    metadatas: Chroma.Metadata[];
  } {
    return {
      ids: records.map((record) => record.id),
      embeddings: records.map((record) => [...record.vector]),
      documents: records.map((record) => record.content),
      metadatas: records.map((record) => ({ ...record.metadata })),
    };
  }

  /** Chroma distances (cosine: 1 - cos, ip: 1 - dot, l2: squared) to "higher is closer". */
  private scoreOf(distance: number): number {
    return this.metric === 'euclidean' ? -Math.sqrt(Math.max(0, distance)) : 1 - distance;
  }
}

/**
 * Chroma's client otherwise tries to load its default embedding package. Texts are never sent for
 * embedding here (vectors always come with the records), so this one refuses to run.
 */
const noEmbeddingFunction: Chroma.EmbeddingFunction = {
  generate: () =>
    Promise.reject(new Error('ChromaVectorStore sends vectors; it never asks Chroma to embed')),
};

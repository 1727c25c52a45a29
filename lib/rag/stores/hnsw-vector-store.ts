import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as HnswLib from 'hnswlib-node';
import type { Document, VectorRecord } from '../document.types';
import { checkQuery, checkRecords } from './check-records';
import { chunkIdsIn } from './chunk-ids-in';
import { settle } from './settle';
import type { HnswVectorStoreOptions } from './hnsw-vector-store-options.types';
import { loadOptionalPackage } from '../../core/load-optional-package';
import { compileFilter } from './match-filter';
import type { MetadataFilter } from './metadata-filter.types';
import { TopK } from './top-k';
import { VectorStore, type DistanceMetric, type VectorSearchHit } from './vector-store';

const SPACES: Record<DistanceMetric, HnswLib.SpaceName> = {
  cosine: 'cosine',
  dot: 'ip',
  euclidean: 'l2',
};
const INDEX_FILE = 'index.hnsw';
const DOCUMENTS_FILE = 'documents.json';

interface Settings {
  readonly dimensions: number;
  readonly metric: DistanceMetric;
  readonly m: number;
  readonly efConstruction: number;
  readonly ef: number;
  readonly exactFilterThreshold: number;
  readonly randomSeed: number;
}

function loadHnswLib(): typeof HnswLib {
  return loadOptionalPackage<typeof HnswLib>('hnswlib-node', 'HnswVectorStore');
}

/**
 * Approximate nearest neighbour search in process, on `hnswlib-node` (an optional peer package).
 * Search walks the HNSW graph with the filter applied during the walk; when few records match the
 * filter (or the walk finds fewer than k) it scans the matches exactly, so a filter never costs
 * results. `save(directory)` writes the graph and the documents; `HnswVectorStore.open` reads them.
 * Returned vectors are the index's copies (unit length for cosine).
 */
export class HnswVectorStore extends VectorStore {
  readonly dimensions: number;
  private readonly labelOf = new Map<string, number>();
  private readonly documentOf = new Map<number, Document>();
  private nextLabel = 0;

  private constructor(
    private readonly index: HnswLib.HierarchicalNSW,
    private settings: Settings,
  ) {
    super();
    this.dimensions = settings.dimensions;
  }

  /** A new, empty store. */
  static create(options: HnswVectorStoreOptions): HnswVectorStore {
    const settings: Settings = {
      dimensions: options.dimensions,
      metric: options.metric ?? 'cosine',
      m: options.m ?? 16,
      efConstruction: options.efConstruction ?? 200,
      ef: options.ef ?? 64,
      exactFilterThreshold: options.exactFilterThreshold ?? 2048,
      randomSeed: options.randomSeed ?? 100,
    };
    if (!Number.isInteger(settings.dimensions) || settings.dimensions <= 0) {
      throw new RangeError(`dimensions must be a positive integer, got ${settings.dimensions}`);
    }
    const index = new (loadHnswLib().HierarchicalNSW)(SPACES[settings.metric], settings.dimensions);
    index.initIndex({
      maxElements: Math.max(1, options.maxElements ?? 1024),
      m: settings.m,
      efConstruction: settings.efConstruction,
      randomSeed: settings.randomSeed,
      allowReplaceDeleted: true,
    });
    index.setEf(settings.ef);
    return new HnswVectorStore(index, settings);
  }

  /** Reads a store written by `save(directory)`. */
  static async open(directory: string): Promise<HnswVectorStore> {
    const saved = JSON.parse(await readFile(join(directory, DOCUMENTS_FILE), 'utf8')) as {
      settings: Settings;
      nextLabel: number;
      entries: [number, Document][];
    };
    const index = new (loadHnswLib().HierarchicalNSW)(
      SPACES[saved.settings.metric],
      saved.settings.dimensions,
    );
    await index.readIndex(join(directory, INDEX_FILE), true);
    index.setEf(saved.settings.ef);
    const store = new HnswVectorStore(index, saved.settings);
    store.nextLabel = saved.nextLabel;
    for (const [label, document] of saved.entries) {
      store.documentOf.set(label, document);
      store.labelOf.set(document.id, label);
    }
    return store;
  }

  /** Writes the graph and the documents into `directory` (created if needed). */
  async save(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true });
    await this.index.writeIndex(join(directory, INDEX_FILE));
    const documents = JSON.stringify({
      settings: this.settings,
      nextLabel: this.nextLabel,
      entries: [...this.documentOf.entries()],
    });
    const temporary = join(directory, `${DOCUMENTS_FILE}.${process.pid}.tmp`);
    await writeFile(temporary, documents);
    await rename(temporary, join(directory, DOCUMENTS_FILE));
  }

  /** Search beam width from now on: higher finds more of the true neighbours, slower. */
  setEf(ef: number): void {
    if (!Number.isInteger(ef) || ef <= 0)
      throw new RangeError(`ef must be a positive integer, got ${ef}`);
    this.settings = { ...this.settings, ef };
    this.index.setEf(ef);
  }

  add(records: readonly VectorRecord[]): Promise<void> {
    return settle(() => {
      checkRecords(records, this.dimensions, (id) => this.labelOf.has(id));
      this.write(records);
    });
  }

  upsert(records: readonly VectorRecord[]): Promise<void> {
    return settle(() => {
      checkRecords(records, this.dimensions);
      this.write(records);
    });
  }

  delete(ids: readonly string[]): Promise<number> {
    return settle(() => {
      let removed = 0;
      for (const id of ids) {
        const label = this.labelOf.get(id);
        if (label === undefined) continue;
        this.index.markDelete(label);
        this.labelOf.delete(id);
        this.documentOf.delete(label);
        removed++;
      }
      return removed;
    });
  }

  search(
    vector: readonly number[],
    k: number,
    filter?: MetadataFilter,
  ): Promise<VectorSearchHit[]> {
    return settle(() => {
      checkQuery(vector, k, this.dimensions);
      const matches = compileFilter(filter);
      const matching =
        filter === undefined
          ? undefined
          : new Set(
              [...this.documentOf]
                .filter(([, document]) => matches(document.metadata))
                .map(([label]) => label),
            );
      const available = matching?.size ?? this.documentOf.size;
      const wanted = Math.min(k, available);
      if (wanted === 0) return [];
      if (matching !== undefined && matching.size <= this.settings.exactFilterThreshold) {
        return this.exactSearch(vector, wanted, matching);
      }
      this.index.setEf(Math.max(this.settings.ef, wanted));
      const found = this.index.searchKnn(
        [...vector],
        wanted,
        matching === undefined ? undefined : (label) => matching.has(label),
      );
      if (found.neighbors.length < wanted) {
        return this.exactSearch(vector, wanted, matching ?? new Set(this.documentOf.keys()));
      }
      return found.neighbors.map((label, i) => this.hit(label, this.scoreOf(found.distances[i])));
    });
  }

  count(filter?: MetadataFilter): Promise<number> {
    return settle(() => {
      if (filter === undefined) return this.documentOf.size;
      const matches = compileFilter(filter);
      let total = 0;
      for (const document of this.documentOf.values()) if (matches(document.metadata)) total++;
      return total;
    });
  }

  chunkIdsOf(documentIds: readonly string[]): Promise<string[]> {
    return settle(() => chunkIdsIn(this.documentOf.values(), documentIds));
  }

  private write(records: readonly VectorRecord[]): void {
    const fresh = records.filter((record) => !this.labelOf.has(record.id)).length;
    const needed = this.index.getCurrentCount() + fresh;
    if (needed > this.index.getMaxElements()) {
      this.index.resizeIndex(Math.max(needed, this.index.getMaxElements() * 2));
    }
    for (const record of records) {
      const existing = this.labelOf.get(record.id);
      const label = existing ?? this.nextLabel++;
      // A known label is updated in place; a new one may take the slot of a deleted point.
      this.index.addPoint([...record.vector], label, existing === undefined);
      this.labelOf.set(record.id, label);
      this.documentOf.set(label, {
        id: record.id,
        content: record.content,
        metadata: { ...record.metadata },
      });
    }
  }

  /** hnswlib distances to "higher is closer" scores matching the in-memory store's. */
  private scoreOf(distance: number): number {
    return this.settings.metric === 'euclidean' ? -Math.sqrt(Math.max(0, distance)) : 1 - distance;
  }

  private hit(label: number, score: number): VectorSearchHit {
    return {
      document: this.documentOf.get(label) as Document,
      score,
      vector: this.index.getPoint(label),
    };
  }

  /** Exact scan of `labels` with the index's own distance. */
  private exactSearch(
    vector: readonly number[],
    k: number,
    labels: ReadonlySet<number>,
  ): VectorSearchHit[] {
    const query = [...vector];
    const space =
      this.settings.metric === 'euclidean'
        ? new (loadHnswLib().L2Space)(this.dimensions)
        : new (loadHnswLib().InnerProductSpace)(this.dimensions);
    const queryNorm = Math.hypot(...query) || 1;
    const normalizedQuery =
      this.settings.metric === 'cosine' ? query.map((value) => value / queryNorm) : query;
    const top = new TopK(k);
    for (const label of labels) {
      top.push(this.scoreOf(space.distance(this.index.getPoint(label), normalizedQuery)), label);
    }
    return top.sorted().map(({ score, row }) => this.hit(row, score));
  }
}

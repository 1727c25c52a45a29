import type { Document, VectorRecord } from '../document.types';
import { checkQuery, checkRecords } from './check-records';
import { chunkIdsIn } from './chunk-ids-in';
import { settle } from './settle';
import { readVectorFile, writeVectorFile } from './vector-file';
import { compileFilter } from './match-filter';
import type { MetadataFilter } from './metadata-filter.types';
import { normOf, scoreRow } from './similarity';
import { SimdKernel } from './simd-kernel';
import { TopK } from './top-k';
import { VectorStore, type DistanceMetric, type VectorSearchHit } from './vector-store';

/** Options of `InMemoryVectorStore`. */
export interface InMemoryVectorStoreOptions {
  readonly dimensions: number;
  /** Default `cosine`. */
  readonly metric?: DistanceMetric;
}

/**
 * The default store: exact search over vectors kept in one contiguous `Float32Array` (rows grow by
 * doubling; a delete moves the last row into the hole), with row norms precomputed for cosine.
 * Search scans the rows that match the filter and keeps the top k in a heap. `save`/`load` write
 * the whole store to one binary file.
 *
 * When the dimensions are a multiple of 4 (every common embedding size), the rows live in a
 * WebAssembly memory and a search without a filter scans them with SIMD (simd-kernel.ts), with the
 * same scores to the last bit as the scalar loop; a filtered search scores only the matching rows.
 */
export class InMemoryVectorStore extends VectorStore {
  readonly dimensions: number;
  readonly metric: DistanceMetric;
  protected data: Float32Array;
  protected norms: Float32Array;
  protected documents: Document[] = [];
  protected readonly rowOf = new Map<string, number>();
  /** The SIMD scan over `data`, or undefined (scalar loops) when not available. */
  private kernel: SimdKernel | undefined;

  constructor(options: InMemoryVectorStoreOptions) {
    super();
    if (!Number.isInteger(options.dimensions) || options.dimensions <= 0) {
      throw new RangeError(`dimensions must be a positive integer, got ${options.dimensions}`);
    }
    this.dimensions = options.dimensions;
    this.metric = options.metric ?? 'cosine';
    this.norms = new Float32Array(16);
    this.kernel = this.dimensions % 4 === 0 ? SimdKernel.create(this.kernelBytes(16)) : undefined;
    this.data =
      this.kernel === undefined
        ? new Float32Array(16 * this.dimensions)
        : new Float32Array(this.kernel.memory.buffer, 0, 16 * this.dimensions);
  }

  /** Reads a store written by `save`. */
  static async load(path: string): Promise<InMemoryVectorStore> {
    const file = await readVectorFile(path);
    const store = new InMemoryVectorStore({ dimensions: file.dimensions, metric: file.metric });
    store.reserve(file.documents.length);
    store.data.set(file.vectors);
    file.documents.forEach((document, row) => {
      store.documents.push(document);
      store.rowOf.set(document.id, row);
      store.norms[row] = normOf(store.data, row * store.dimensions, store.dimensions);
    });
    return store;
  }

  /** Writes the store to one file (atomically: a temporary file, then a rename). */
  async save(path: string): Promise<void> {
    await writeVectorFile(path, {
      dimensions: this.dimensions,
      metric: this.metric,
      documents: this.documents,
      vectors: this.data.subarray(0, this.documents.length * this.dimensions),
    });
  }

  add(records: readonly VectorRecord[]): Promise<void> {
    return settle(() => {
      checkRecords(records, this.dimensions, (id) => this.rowOf.has(id));
      for (const record of records) this.write(record);
    });
  }

  upsert(records: readonly VectorRecord[]): Promise<void> {
    return settle(() => {
      checkRecords(records, this.dimensions);
      for (const record of records) this.write(record);
    });
  }

  delete(ids: readonly string[]): Promise<number> {
    return settle(() => {
      let removed = 0;
      for (const id of ids) {
        const row = this.rowOf.get(id);
        if (row === undefined) continue;
        const lastRow = this.documents.length - 1;
        if (row !== lastRow) {
          const moved = this.documents[lastRow];
          this.data.copyWithin(
            row * this.dimensions,
            lastRow * this.dimensions,
            (lastRow + 1) * this.dimensions,
          );
          this.norms[row] = this.norms[lastRow];
          this.documents[row] = moved;
          this.rowOf.set(moved.id, row);
        }
        this.documents.pop();
        this.rowOf.delete(id);
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
      const query = Float32Array.from(vector);
      const queryNorm = normOf(query, 0, this.dimensions);
      const top = new TopK(k);
      if (filter === undefined && this.kernel !== undefined) {
        this.scanAll(query, queryNorm, top);
      } else {
        const matches = filter === undefined ? undefined : compileFilter(filter);
        for (let row = 0; row < this.documents.length; row++) {
          if (matches !== undefined && !matches(this.documents[row].metadata)) continue;
          top.push(
            scoreRow(this.data, row, this.dimensions, query, queryNorm, this.norms, this.metric),
            row,
          );
        }
      }
      return top.sorted().map(({ score, row }) => ({
        document: this.documents[row],
        score,
        vector: Array.from(this.data.subarray(row * this.dimensions, (row + 1) * this.dimensions)),
      }));
    });
  }

  count(filter?: MetadataFilter): Promise<number> {
    return settle(() => {
      if (filter === undefined) return this.documents.length;
      const matches = compileFilter(filter);
      return this.documents.filter((document) => matches(document.metadata)).length;
    });
  }

  chunkIdsOf(documentIds: readonly string[]): Promise<string[]> {
    return settle(() => chunkIdsIn(this.documents, documentIds));
  }

  /** Stores one record in its row (a new row at the end for a new id). */
  protected write(record: VectorRecord): void {
    let row = this.rowOf.get(record.id);
    if (row === undefined) {
      row = this.documents.length;
      this.reserve(row + 1);
      this.documents.push(this.toDocument(record));
      this.rowOf.set(record.id, row);
    } else {
      this.documents[row] = this.toDocument(record);
    }
    this.data.set(record.vector, row * this.dimensions);
    this.norms[row] = normOf(this.data, row * this.dimensions, this.dimensions);
  }

  /** Grows the buffers (doubling) to hold `rows` rows. */
  protected reserve(rows: number): void {
    if (rows <= this.norms.length) return;
    let capacity = this.norms.length;
    while (capacity < rows) capacity *= 2;
    const norms = new Float32Array(capacity);
    norms.set(this.norms);
    this.norms = norms;
    // The rows stay where they are in the WebAssembly memory: growing it keeps its contents.
    if (this.kernel?.grow(this.kernelBytes(capacity)) === true) {
      this.data = new Float32Array(this.kernel.memory.buffer, 0, capacity * this.dimensions);
      return;
    }
    // No kernel, or the memory cannot grow (wasm32 stops at 4 GiB): plain memory, scalar loops.
    this.kernel = undefined;
    const data = new Float32Array(capacity * this.dimensions);
    data.set(this.data);
    this.data = data;
  }

  /** Kernel memory for `capacity` rows: the rows, then the query as float64, then the scores. */
  private kernelBytes(capacity: number): number {
    return capacity * this.dimensions * 4 + this.dimensions * 8 + capacity * 8;
  }

  /**
   * Every row scored by the SIMD kernel into a float64 array in one call, then offered to `top`:
   * the same arithmetic as `scoreRow`, so the same scores and order.
   */
  private scanAll(query: Float32Array, queryNorm: number, top: TopK): void {
    const kernel = this.kernel as SimdKernel;
    const rows = this.documents.length;
    const capacity = this.norms.length;
    const queryAt = capacity * this.dimensions * 4;
    const outAt = queryAt + this.dimensions * 8;
    const buffer = kernel.memory.buffer;
    new Float64Array(buffer, queryAt, this.dimensions).set(query);
    const scores = new Float64Array(buffer, outAt, rows);
    if (this.metric === 'euclidean') {
      kernel.squaredDistance(0, queryAt, rows, this.dimensions, outAt);
      for (let row = 0; row < rows; row++) top.push(-Math.sqrt(scores[row]), row);
    } else if (this.metric === 'dot') {
      kernel.dot(0, queryAt, rows, this.dimensions, outAt);
      for (let row = 0; row < rows; row++) top.push(scores[row], row);
    } else {
      kernel.dot(0, queryAt, rows, this.dimensions, outAt);
      const norms = this.norms;
      for (let row = 0; row < rows; row++) {
        const denominator = norms[row] * queryNorm;
        top.push(denominator === 0 ? 0 : scores[row] / denominator, row);
      }
    }
  }

  private toDocument(record: VectorRecord): Document {
    return { id: record.id, content: record.content, metadata: { ...record.metadata } };
  }
}

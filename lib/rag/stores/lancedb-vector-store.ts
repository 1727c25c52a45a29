import type * as LanceDb from '@lancedb/lancedb';
import type * as Arrow from 'apache-arrow';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { Document, DocumentMetadata, VectorRecord } from '../document.types';
import { checkQuery, checkRecords } from './check-records';
import { filterToSql, sqlColumn, sqlLiteral } from './filter-to-sql';
import type {
  LanceDbVectorStoreOptions,
  MetadataColumnType,
} from './lancedb-vector-store-options.types';
import { toLanceDbWrite, type LanceDbWrite } from './lancedb-write';
import { loadOptionalPackage } from '../../core/load-optional-package';
import type { MetadataFilter } from './metadata-filter.types';
import { VectorStore, type DistanceMetric, type VectorSearchHit } from './vector-store';

const RESERVED = new Set(['id', 'content', 'metadata', 'vector', '_distance', '_rowid']);
const DISTANCES: Record<DistanceMetric, 'cosine' | 'dot' | 'l2'> = {
  cosine: 'cosine',
  dot: 'dot',
  euclidean: 'l2',
};
/** Both packages, at the versions tested together: either one missing prints this. */
const INSTALL = { install: 'npm install @lancedb/lancedb@0.31.0 apache-arrow@18.1.0' };

/**
 * Embedded, persistent vector store on LanceDB (optional peer packages `@lancedb/lancedb` and
 * `apache-arrow`). Data lives in a directory (or object storage); filters on declared metadata
 * columns are pushed down as SQL and applied before ranking. Without a vector index, search is an
 * exact scan inside the engine.
 */
export class LanceDbVectorStore extends VectorStore {
  readonly dimensions: number;

  private constructor(
    private readonly lancedb: typeof LanceDb,
    private readonly table: LanceDb.Table,
    private readonly schema: Arrow.Schema,
    private readonly metric: DistanceMetric,
    private readonly columns: Readonly<Record<string, MetadataColumnType>>,
    dimensions: number,
  ) {
    super();
    this.dimensions = dimensions;
  }

  /** Opens the table, creating it (with the declared columns) when it does not exist. */
  static async connect(options: LanceDbVectorStoreOptions): Promise<LanceDbVectorStore> {
    const lancedb = loadOptionalPackage<typeof LanceDb>(
      '@lancedb/lancedb',
      'LanceDbVectorStore',
      INSTALL,
    );
    const arrow = loadOptionalPackage<typeof Arrow>('apache-arrow', 'LanceDbVectorStore', INSTALL);
    const columns = options.metadataColumns ?? {};
    const reserved = Object.keys(columns).filter((name) => RESERVED.has(name));
    if (reserved.length > 0) {
      throw new ConduitValidationError(
        reserved.map((name) => ({
          path: `metadataColumns.${name}`,
          message: 'is a reserved column name',
        })),
        'Invalid LanceDbVectorStore options',
      );
    }
    const connection = await lancedb.connect(options.uri);
    const name = options.table ?? 'documents';
    const table = (await connection.tableNames()).includes(name)
      ? await connection.openTable(name)
      : await connection.createEmptyTable(name, schemaOf(arrow, options.dimensions, columns));
    return new LanceDbVectorStore(
      lancedb,
      table,
      await table.schema(),
      options.metric ?? 'cosine',
      columns,
      options.dimensions,
    );
  }

  async add(records: readonly VectorRecord[]): Promise<void> {
    checkRecords(records, this.dimensions);
    if (records.length === 0) return;
    const taken = await this.existingIds(records.map((record) => record.id));
    checkRecords(records, this.dimensions, (id) => taken.has(id));
    await this.table.add(this.toWrite(records).data);
  }

  async upsert(records: readonly VectorRecord[]): Promise<void> {
    checkRecords(records, this.dimensions);
    if (records.length === 0) return;
    const { data, nullBooleans } = this.toWrite(records);
    await this.table
      .mergeInsert('id')
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute(data);
    if (nullBooleans.length > 0) {
      // Left out of the merge (see toLanceDbWrite), so a replaced row still has its old value.
      await this.table.update({
        where: `id IN (${records.map((record) => sqlLiteral(record.id)).join(', ')})`,
        valuesSql: Object.fromEntries(nullBooleans.map((name) => [name, 'NULL'])),
      });
    }
  }

  async delete(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const existing = await this.existingIds(ids);
    if (existing.size > 0)
      await this.table.delete(`id IN (${[...existing].map(sqlLiteral).join(', ')})`);
    return existing.size;
  }

  async search(
    vector: readonly number[],
    k: number,
    filter?: MetadataFilter,
  ): Promise<VectorSearchHit[]> {
    checkQuery(vector, k, this.dimensions);
    if (k === 0) return [];
    let query = this.table
      .vectorSearch([...vector])
      .distanceType(DISTANCES[this.metric])
      .limit(k);
    const where = this.where(filter);
    if (where !== undefined) query = query.where(where);
    const rows = (await query.toArray()) as Record<string, unknown>[];
    return rows.map((row) => ({
      document: this.toDocument(row),
      score: this.scoreOf(Number(row['_distance'])),
      vector: Array.from(row['vector'] as Iterable<number>),
    }));
  }

  count(filter?: MetadataFilter): Promise<number> {
    return this.table.countRows(this.where(filter));
  }

  /**
   * Chunks by `parentId`: an SQL `IN` when `parentId` is a declared string column, else a search of
   * the metadata JSON for the exact `"parentId":<id>` text (both sides use `JSON.stringify`), each
   * candidate then confirmed on its parsed metadata.
   */
  async chunkIdsOf(documentIds: readonly string[]): Promise<string[]> {
    const parents = [...new Set(documentIds)];
    if (parents.length === 0) return [];
    if (this.columns['parentId'] === 'string') {
      const rows = (await this.table
        .query()
        .where(`${sqlColumn('parentId')} IN (${parents.map(sqlLiteral).join(', ')})`)
        .select(['id'])
        .toArray()) as { id: string }[];
      return rows.map((row) => row.id);
    }
    const candidates = parents
      .map(
        (parent) => `strpos(metadata, ${sqlLiteral(`"parentId":${JSON.stringify(parent)}`)}) > 0`,
      )
      .join(' OR ');
    const rows = (await this.table
      .query()
      .where(candidates)
      .select(['id', 'metadata'])
      .toArray()) as { id: string; metadata: string }[];
    const wanted = new Set(parents);
    return rows
      .filter((row) => {
        const parentId = (JSON.parse(row.metadata) as DocumentMetadata)['parentId'];
        return typeof parentId === 'string' && wanted.has(parentId);
      })
      .map((row) => row.id);
  }

  /** The SQL predicate of a filter; rejects fields that are not metadata columns. */
  private where(filter: MetadataFilter | undefined): string | undefined {
    return filterToSql(filter, (field) => {
      if (!(field in this.columns)) {
        throw new ConduitValidationError(
          [
            {
              path: `filter.${field}`,
              message: 'is not a metadata column: declare it in metadataColumns to filter on it',
            },
          ],
          'Invalid LanceDB filter',
        );
      }
      return sqlColumn(field);
    });
  }

  private async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const rows = (await this.table
      .query()
      .where(`id IN (${ids.map(sqlLiteral).join(', ')})`)
      .select(['id'])
      .toArray()) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  private toWrite(records: readonly VectorRecord[]): LanceDbWrite {
    return toLanceDbWrite(
      this.lancedb,
      this.schema,
      this.columns,
      records.map((record) => this.toRow(record)),
    );
  }

  private toRow(record: VectorRecord): Record<string, unknown> {
    const row: Record<string, unknown> = {
      id: record.id,
      content: record.content,
      metadata: JSON.stringify(record.metadata),
      vector: [...record.vector],
    };
    for (const [name, type] of Object.entries(this.columns)) {
      const value = record.metadata[name];
      row[name] = typeof value === type ? value : null;
    }
    return row;
  }

  private toDocument(row: Record<string, unknown>): Document {
    return {
      id: String(row['id']),
      content: String(row['content']),
      metadata: JSON.parse(String(row['metadata'])) as DocumentMetadata,
    };
  }

  /** LanceDB distances (cosine: 1 - cos, dot: 1 - dot, l2: squared) to "higher is closer". */
  private scoreOf(distance: number): number {
    return this.metric === 'euclidean' ? -Math.sqrt(Math.max(0, distance)) : 1 - distance;
  }
}

function schemaOf(
  arrow: typeof Arrow,
  dimensions: number,
  columns: Readonly<Record<string, MetadataColumnType>>,
): Arrow.Schema {
  const typeOf = (type: MetadataColumnType): Arrow.DataType =>
    type === 'string'
      ? new arrow.Utf8()
      : type === 'number'
        ? new arrow.Float64()
        : new arrow.Bool();
  return new arrow.Schema([
    new arrow.Field('id', new arrow.Utf8(), false),
    new arrow.Field('content', new arrow.Utf8(), false),
    new arrow.Field('metadata', new arrow.Utf8(), false),
    new arrow.Field(
      'vector',
      new arrow.FixedSizeList(dimensions, new arrow.Field('item', new arrow.Float32(), true)),
      false,
    ),
    ...Object.entries(columns).map(([name, type]) => new arrow.Field(name, typeOf(type), true)),
  ]);
}

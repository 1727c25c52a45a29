import type * as LanceDb from '@lancedb/lancedb';
import type * as Arrow from 'apache-arrow';
import type { MetadataColumnType } from './lancedb-vector-store-options.types';

/** The rows of one LanceDB write, and the boolean columns left out of them. */
export interface LanceDbWrite {
  readonly data: Arrow.Table;
  /** Declared boolean columns that are NULL in every row, left out of `data` (see below). */
  readonly nullBooleans: readonly string[];
}

/**
 * Rows as an Arrow table for `add` / `mergeInsert`, working around two quirks:
 * - left to infer types from plain objects, LanceDB types a column that is NULL in every row as
 *   Null and fails the write (a record without one of the declared metadata fields, e.g. a chunk),
 *   so the table's own schema is used;
 * - apache-arrow (up to 18.1, the newest LanceDB accepts) writes a boolean column that is NULL in
 *   every row without its value buffer, which LanceDB rejects, so such columns are left out: an
 *   insert fills them with NULL, and the caller of an update must reset them (merge_insert keeps the
 *   old value of a column it is not given).
 */
export function toLanceDbWrite(
  lancedb: typeof LanceDb,
  schema: Arrow.Schema,
  columns: Readonly<Record<string, MetadataColumnType>>,
  rows: readonly Record<string, unknown>[],
): LanceDbWrite {
  const nullBooleans = Object.entries(columns)
    .filter(([name, type]) => type === 'boolean' && rows.every((row) => row[name] === null))
    .map(([name]) => name);
  if (nullBooleans.length === 0) {
    return { data: lancedb.makeArrowTable([...rows], { schema }), nullBooleans };
  }
  const omitted = new Set(nullBooleans);
  const kept = schema.fields.map((field) => field.name).filter((name) => !omitted.has(name));
  const trimmed = rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([name]) => !omitted.has(name))),
  );
  return { data: lancedb.makeArrowTable(trimmed, { schema: schema.select(kept) }), nullBooleans };
}

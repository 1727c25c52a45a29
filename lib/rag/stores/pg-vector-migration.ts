import {
  ConduitValidationError,
  type ValidationIssue,
} from '../../core/errors/conduit-validation.error';
import {
  isTextSearchConfigName,
  pgTableName,
  pgTableNameProblem,
  quoteIdentifier,
} from './pg-identifier';
import type { PgVectorTableOptions } from './pg-vector-store-options.types';
import type { DistanceMetric } from './vector-store';

/** pgvector's operator classes for HNSW, per metric. */
export const OPERATOR_CLASSES: Record<DistanceMetric, string> = {
  cosine: 'vector_cosine_ops',
  euclidean: 'vector_l2_ops',
  dot: 'vector_ip_ops',
};
/** pgvector's HNSW limit for the `vector` type. */
const MAX_HNSW_DIMENSIONS = 2000;
/** pgvector's limit for the `vector` type itself. */
const MAX_DIMENSIONS = 16000;

const isPositiveInteger = (value: unknown, max = Number.MAX_SAFE_INTEGER): boolean =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;

/** Every problem of the table options at once (empty when they are valid). */
export function pgTableOptionIssues(options: PgVectorTableOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const tableProblem = pgTableNameProblem(options.table);
  if (tableProblem !== undefined) issues.push({ path: 'table', message: tableProblem });
  if (!isPositiveInteger(options.dimensions, MAX_DIMENSIONS)) {
    issues.push({
      path: 'dimensions',
      message: `must be an integer from 1 to ${MAX_DIMENSIONS}, got ${String(options.dimensions)}`,
    });
  } else if (options.hnsw !== false && options.dimensions > MAX_HNSW_DIMENSIONS) {
    issues.push({
      path: 'dimensions',
      message: `pgvector's HNSW index takes at most ${MAX_HNSW_DIMENSIONS} dimensions: pass hnsw: false for exact search`,
    });
  }
  if (options.distance !== undefined && !(options.distance in OPERATOR_CLASSES)) {
    issues.push({ path: 'distance', message: "must be 'cosine', 'euclidean' or 'dot'" });
  }
  if (options.textSearchConfig !== undefined && !isTextSearchConfigName(options.textSearchConfig)) {
    issues.push({
      path: 'textSearchConfig',
      message: 'must be a text search configuration name such as english or simple',
    });
  }
  if (options.hnsw !== undefined && options.hnsw !== false) {
    for (const key of ['m', 'efConstruction', 'efSearch'] as const) {
      const value = options.hnsw[key];
      if (value !== undefined && !isPositiveInteger(value, 1000)) {
        issues.push({ path: `hnsw.${key}`, message: 'must be an integer from 1 to 1000' });
      }
    }
  }
  return issues;
}

/** Throws one ConduitValidationError listing every problem of the options. */
export function checkTableOptions(options: PgVectorTableOptions, title: string): void {
  const issues = pgTableOptionIssues(options);
  if (issues.length > 0) throw new ConduitValidationError(issues, title);
}

/**
 * The statements that create the extension, the table and its indexes, each idempotent (`IF NOT
 * EXISTS`). Only checked identifiers and integers are spliced in: nothing of a document ever is.
 */
export function pgVectorMigrationStatements(options: PgVectorTableOptions): string[] {
  checkTableOptions(options, 'Invalid pgvector table options');
  const table = pgTableName(options.table);
  const config = options.textSearchConfig ?? 'english';
  const index = (suffix: string): string => quoteIdentifier(`${table.base}_${suffix}`);
  const statements = ['CREATE EXTENSION IF NOT EXISTS vector'];
  if (table.schema !== undefined)
    statements.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(table.schema)}`);
  statements.push(
    [
      `CREATE TABLE IF NOT EXISTS ${table.sql} (`,
      '  id text PRIMARY KEY,',
      '  content text NOT NULL,',
      "  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,",
      `  embedding vector(${options.dimensions}),`,
      `  content_tsv tsvector GENERATED ALWAYS AS (to_tsvector('${config}'::regconfig, content)) STORED`,
      ')',
    ].join('\n'),
  );
  if (options.hnsw !== false) {
    const m = options.hnsw?.m ?? 16;
    const efConstruction = options.hnsw?.efConstruction ?? 64;
    const opclass = OPERATOR_CLASSES[options.distance ?? 'cosine'];
    statements.push(
      `CREATE INDEX IF NOT EXISTS ${index('embedding_idx')} ON ${table.sql} USING hnsw (embedding ${opclass}) WITH (m = ${m}, ef_construction = ${efConstruction})`,
    );
  }
  statements.push(
    `CREATE INDEX IF NOT EXISTS ${index('content_tsv_idx')} ON ${table.sql} USING gin (content_tsv)`,
    `CREATE INDEX IF NOT EXISTS ${index('metadata_idx')} ON ${table.sql} USING gin (metadata jsonb_path_ops)`,
    `CREATE INDEX IF NOT EXISTS ${index('parent_id_idx')} ON ${table.sql} ((metadata ->> 'parentId'))`,
  );
  return statements;
}

/**
 * The SQL that `PgVectorStore.connect` runs when it creates its table, for teams that run their
 * own migrations (then connect with `createTable: false`). Idempotent. The vector extension needs
 * a role allowed to create it (a superuser on most servers) once per database.
 *
 * @example
 * // migrations/0007-documents.sql, generated once:
 * console.log(pgVectorMigration({ table: 'rag.documents', dimensions: 1536 }));
 */
export function pgVectorMigration(options: PgVectorTableOptions): string {
  return `${pgVectorMigrationStatements(options).join(';\n\n')};\n`;
}

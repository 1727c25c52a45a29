import { PgVectorExtensionError } from './pg-vector-extension.error';
import type { PgConnection, PgQuery } from './pg-connection';
import { pgTableName } from './pg-identifier';
import { OPERATOR_CLASSES, pgVectorMigrationStatements } from './pg-vector-migration';
import { PgVectorSchemaError } from './pg-vector-schema.error';
import type { PgVectorStoreOptions } from './pg-vector-store-options.types';

/** PostgreSQL's SQLSTATEs for "no such extension on the server" and "not allowed". */
const UNDEFINED_FILE = '58P01';
const INSUFFICIENT_PRIVILEGE = '42501';
const COLUMNS = ['id', 'content', 'metadata', 'embedding', 'content_tsv'];

/**
 * Creates what is missing (unless `createTable: false`) and checks that the table fits, in one
 * transaction under an advisory lock, so that several instances starting together do not race on
 * `CREATE ... IF NOT EXISTS`. Resolves with the installed pgvector version.
 */
export async function preparePgTable(
  connection: PgConnection,
  options: PgVectorStoreOptions,
): Promise<PreparedTable> {
  const table = pgTableName(options.table);
  return connection.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`nestjs-conduit:${table.sql}`]);
    let version = await extensionVersion(query);
    if (options.createTable !== false) {
      const statements = pgVectorMigrationStatements(options);
      if (version === undefined) {
        await createExtension(query);
        version = (await extensionVersion(query)) ?? '0';
      }
      const indexes = statements.filter((statement) => statement.startsWith('CREATE INDEX'));
      for (const statement of statements.slice(1)) {
        if (!indexes.includes(statement)) await query(statement);
      }
      // A table of the same name made by something else must be refused before indexing it.
      await checkColumns(query, table.sql, options);
      for (const statement of indexes) await query(statement);
      return { extensionVersion: version, ...(await checkFit(query, table.sql, options)) };
    } else if (version === undefined) {
      throw new PgVectorExtensionError(
        'The vector extension (pgvector) is not created in this database. Run CREATE EXTENSION vector ' +
          '(as a role allowed to: a superuser on most servers), or connect with createTable: true.',
      );
    }
    await checkColumns(query, table.sql, options);
    return { extensionVersion: version, ...(await checkFit(query, table.sql, options)) };
  });
}

/** What `connect` learns of the table. */
export interface PreparedTable {
  /** The installed pgvector version, e.g. `0.8.0`. */
  readonly extensionVersion: string;
  /** The full-text configuration the table's `content_tsv` column was generated with. */
  readonly textSearchConfig: string;
}

/**
 * Checks what the columns alone do not show: the HNSW index (if any) must serve the store's
 * distance, else every search would scan the table; the full-text configuration is read from the
 * generated column, since queries must use the one the documents were indexed with.
 */
async function checkFit(
  query: PgQuery,
  tableSql: string,
  options: PgVectorStoreOptions,
): Promise<{ textSearchConfig: string }> {
  const distance = options.distance ?? 'cosine';
  const indexes = await query<{ definition: string }>(
    'SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = to_regclass($1)',
    [tableSql],
  );
  const operatorClasses = indexes.flatMap(
    (index) => /USING hnsw \(embedding (\w+)/.exec(index.definition)?.[1] ?? [],
  );
  if (operatorClasses.length > 0 && !operatorClasses.includes(OPERATOR_CLASSES[distance])) {
    const indexed = Object.entries(OPERATOR_CLASSES)
      .filter(([, operatorClass]) => operatorClasses.includes(operatorClass))
      .map(([metric]) => metric);
    throw new PgVectorSchemaError(
      `Table ${options.table} has an HNSW index for ${indexed.join(', ')} distance, not ${distance}: ` +
        `connect with distance: '${indexed[0] ?? 'cosine'}', or drop that index to build one for ${distance}.`,
    );
  }
  const [generated] = await query<{ expression: string }>(
    `SELECT pg_get_expr(d.adbin, d.adrelid) AS expression
       FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
      WHERE d.adrelid = to_regclass($1) AND a.attname = 'content_tsv'`,
    [tableSql],
  );
  const tableConfig = /to_tsvector\('([^']+)'::regconfig/.exec(generated?.expression ?? '')?.[1];
  if (
    tableConfig !== undefined &&
    options.textSearchConfig !== undefined &&
    tableConfig !== options.textSearchConfig
  ) {
    throw new PgVectorSchemaError(
      `Table ${options.table} indexes its content with the text search configuration ${tableConfig}, ` +
        `not ${options.textSearchConfig}: connect with textSearchConfig: '${tableConfig}', or use another table.`,
    );
  }
  return { textSearchConfig: tableConfig ?? options.textSearchConfig ?? 'english' };
}

async function extensionVersion(query: PgQuery): Promise<string | undefined> {
  const rows = await query<{ extversion: string }>(
    "SELECT extversion FROM pg_extension WHERE extname = 'vector'",
  );
  return rows[0]?.extversion;
}

async function createExtension(query: PgQuery): Promise<void> {
  try {
    await query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error: unknown) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === UNDEFINED_FILE) {
      throw new PgVectorExtensionError(
        'The PostgreSQL server has no pgvector extension installed (CREATE EXTENSION vector found no ' +
          'vector.control). Install pgvector on the server (a package such as postgresql-16-pgvector, ' +
          'or build it from source), then connect again.',
        { cause: error },
      );
    }
    if (code === INSUFFICIENT_PRIVILEGE) {
      throw new PgVectorExtensionError(
        'This database role may not create the vector extension. Ask a superuser to run ' +
          'CREATE EXTENSION vector in this database once, then connect again.',
        { cause: error },
      );
    }
    throw error;
  }
}

async function checkColumns(
  query: PgQuery,
  tableSql: string,
  options: PgVectorStoreOptions,
): Promise<void> {
  const rows = await query<{ name: string; typmod: number; type: string }>(
    `SELECT attname AS name, atttypmod AS typmod, format_type(atttypid, atttypmod) AS type
       FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
    [tableSql],
  );
  if (rows.length === 0) {
    throw new PgVectorSchemaError(
      `Table ${options.table} does not exist. Create it with the SQL of pgVectorMigration(...) in your ` +
        'migrations, or connect with createTable: true.',
    );
  }
  const names = new Set(rows.map((row) => row.name));
  const missing = COLUMNS.filter((name) => !names.has(name));
  if (missing.length > 0) {
    throw new PgVectorSchemaError(
      `Table ${options.table} has no column ${missing.join(', ')}: it was not made by PgVectorStore. ` +
        'Use another table name, or create it with the SQL of pgVectorMigration(...).',
    );
  }
  const embedding = rows.find((row) => row.name === 'embedding');
  if (embedding !== undefined && Number(embedding.typmod) !== options.dimensions) {
    throw new PgVectorSchemaError(
      `Table ${options.table} stores vectors of type ${embedding.type}, not vector(${options.dimensions}): ` +
        'the embedding model changed size. Use another table for the new model (and re-embed your ' +
        'documents into it), or connect with the dimensions the table has.',
    );
  }
}

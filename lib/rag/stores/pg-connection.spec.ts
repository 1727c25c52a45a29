import { toPgConnection, type PgPool, type PgPoolClient } from './pg-connection';

/** A pool whose one client records statements; `failOn` makes a statement reject. */
function fakePool(failOn: (text: string) => boolean): {
  pool: PgPool;
  statements: string[];
  released: unknown[];
} {
  const statements: string[] = [];
  const released: unknown[] = [];
  const client: PgPoolClient = {
    query: (text) => {
      statements.push(text);
      return failOn(text)
        ? Promise.reject(new Error(`failed: ${text}`))
        : Promise.resolve({ rows: [] });
    },
    release: (error) => {
      released.push(error);
    },
  };
  return {
    pool: { query: client.query, connect: () => Promise.resolve(client) },
    statements,
    released,
  };
}

describe('toPgConnection (pg Pool)', () => {
  it('commits a transaction that resolves and gives the connection back', async () => {
    const { pool, statements, released } = fakePool(() => false);
    await expect(
      toPgConnection(pool).transaction(async (query) => {
        await query('SELECT 1');
        return 'done';
      }),
    ).resolves.toBe('done');
    expect(statements).toEqual(['BEGIN', 'SELECT 1', 'COMMIT']);
    expect(released).toEqual([undefined]);
  });

  it('sends BEGIN and the SET LOCAL settings in one round trip, and refuses anything but plain words', async () => {
    const { pool, statements } = fakePool(() => false);
    const connection = toPgConnection(pool);
    await connection.transaction(
      (query) => query('SELECT 1'),
      [
        ['hnsw.ef_search', '100'],
        ['hnsw.iterative_scan', 'relaxed_order'],
      ],
    );
    expect(statements).toEqual([
      'BEGIN; SET LOCAL hnsw.ef_search = 100; SET LOCAL hnsw.iterative_scan = relaxed_order',
      'SELECT 1',
      'COMMIT',
    ]);
    await expect(
      connection.transaction((query) => query('SELECT 1'), [['work_mem', '1; DROP TABLE t']]),
    ).rejects.toThrow('refusing the setting');
    expect(statements).toHaveLength(3);
  });

  it('rolls back a transaction that rejects and rethrows its error', async () => {
    const { pool, statements, released } = fakePool((text) => text === 'SELECT 1');
    await expect(toPgConnection(pool).transaction((query) => query('SELECT 1'))).rejects.toThrow(
      'failed: SELECT 1',
    );
    expect(statements).toEqual(['BEGIN', 'SELECT 1', 'ROLLBACK']);
    expect(released).toEqual([undefined]);
  });

  it('releases a connection whose ROLLBACK fails with that error, so the pool drops it', async () => {
    const { pool, released } = fakePool((text) => text === 'SELECT 1' || text === 'ROLLBACK');
    await expect(toPgConnection(pool).transaction((query) => query('SELECT 1'))).rejects.toThrow(
      'failed: SELECT 1',
    );
    expect(released).toEqual([new Error('failed: ROLLBACK')]);
  });
});

describe('toPgConnection (PGlite)', () => {
  it('runs transactions through PGlite’s own transaction()', async () => {
    const seen: string[] = [];
    const tx = {
      query: (text: string) => {
        seen.push(`tx:${text}`);
        return Promise.resolve({ rows: [{ n: 1 }] });
      },
    };
    const database = {
      query: (text: string) => {
        seen.push(text);
        return Promise.resolve({ rows: [] });
      },
      transaction: <T>(work: (t: typeof tx) => Promise<T>) => work(tx),
    };
    const connection = toPgConnection(database);
    expect(await connection.transaction((query) => query('SELECT 1'))).toEqual([{ n: 1 }]);
    await connection.query('SELECT 2');
    expect(seen).toEqual(['tx:SELECT 1', 'SELECT 2']);
  });
});

import { Pool } from 'pg';
import { describeCheckpointStoreContract } from '../../../test/support/checkpoint-store-contract';
import { startPostgresServer, type PostgresServer } from '../../../test/support/postgres-server';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import {
  POSTGRES_CHECKPOINT_MIGRATION,
  postgresCheckpointMigration,
} from './postgres-checkpoint.migration';
import { PostgresCheckpointStore } from './postgres-checkpoint.store';

let server: PostgresServer;
let pools: [Pool, Pool];

beforeAll(async () => {
  server = await startPostgresServer();
  // Two pools: two replicas of an app sharing the threads.
  pools = [
    new Pool({ connectionString: server.url, max: 4 }),
    new Pool({ connectionString: server.url, max: 4 }),
  ];
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server.stop();
});

describeCheckpointStoreContract('PostgresCheckpointStore', (options) => ({
  one: new PostgresCheckpointStore({ ...options, pool: pools[0] }),
  two: new PostgresCheckpointStore({ ...options, pool: pools[1] }),
  corrupt: async (threadId, step) => {
    await pools[0].query(
      `UPDATE conduit_checkpoints SET checkpoint = '{"threadId": 42}' WHERE thread_id = $1 AND step = $2`,
      [threadId, step],
    );
  },
}));

describe('PostgresCheckpointStore against a real PostgreSQL', () => {
  const checkpoint = (threadId: string) => ({
    threadId,
    state: { n: 1 },
    next: [],
    path: [],
    joins: {},
    done: true,
  });

  it('creates its tables on first use from two replicas at once, in any schema', async () => {
    const stores = pools.map(
      (pool) => new PostgresCheckpointStore({ pool, table: 'flows.graph_checkpoints' }),
    );
    await Promise.all(stores.map((store, i) => store.save(checkpoint(`first-${i}`))));
    const { rows } = await pools[0].query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'flows' ORDER BY 1",
    );
    expect(rows.map((row) => row.table_name)).toEqual([
      'graph_checkpoints',
      'graph_checkpoints_threads',
    ]);
  });

  it('exports the SQL it runs, and works on tables made by that migration alone', async () => {
    expect(POSTGRES_CHECKPOINT_MIGRATION).toContain('PRIMARY KEY (thread_id, step)');
    await pools[0].query(postgresCheckpointMigration({ table: 'migrated_checkpoints' }));
    const store = new PostgresCheckpointStore({
      pool: pools[0],
      table: 'migrated_checkpoints',
      createTable: false,
    });
    await store.save(checkpoint('migrated'));
    expect((await store.load('migrated'))?.step).toBe(0);
  });

  it('forgets a thread ttlMs after its last write, and sweeps expired threads', async () => {
    let now = 5_000_000;
    const store = new PostgresCheckpointStore({ pool: pools[0], ttlMs: 1_000, now: () => now });
    await store.save(checkpoint('ttl-a'));
    await store.save(checkpoint('ttl-b'));
    now += 999;
    expect(await store.load('ttl-a')).toBeDefined();
    await store.save(checkpoint('ttl-a'));
    now += 1;
    // b expired (1,000 ms since its write), a did not (1 ms since its second write)
    expect(await store.load('ttl-b')).toBeUndefined();
    expect(await store.list('ttl-a')).toHaveLength(2);
    // A save on an expired thread starts it again from step 0.
    now += 1_000;
    expect((await store.save(checkpoint('ttl-a'))).step).toBe(0);
    expect(await store.deleteExpired()).toBeGreaterThanOrEqual(1);
    const { rows } = await pools[0].query(
      "SELECT thread_id FROM conduit_checkpoints_threads WHERE thread_id = 'ttl-b'",
    );
    expect(rows).toEqual([]);
  });

  it('refuses bad options and table names that would be spliced into SQL', () => {
    expect(() => new PostgresCheckpointStore({ pool: pools[0], table: 'x; DROP TABLE y' })).toThrow(
      ConduitValidationError,
    );
    expect(() => new PostgresCheckpointStore({ pool: {} as Pool, keepLast: 0 })).toThrow(
      /keepLast[\s\S]*pool: must be a pg Pool/,
    );
  });
});

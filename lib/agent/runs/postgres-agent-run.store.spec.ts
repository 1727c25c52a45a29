import { Pool } from 'pg';
import {
  describeAgentRunStoreContract,
  sampleRunState,
} from '../../../test/support/agent-run-store-contract';
import { startPostgresServer, type PostgresServer } from '../../../test/support/postgres-server';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { agentRunsMigrationSql } from './postgres-agent-run.migration';
import { PostgresAgentRunStore } from './postgres-agent-run.store';

let server: PostgresServer;
let pools: [Pool, Pool];
const TABLE = 'test_agent_runs';

beforeAll(async () => {
  server = await startPostgresServer();
  // Two pools: two replicas sharing the runs.
  pools = [
    new Pool({ connectionString: server.url, max: 2 }),
    new Pool({ connectionString: server.url, max: 2 }),
  ];
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server.stop();
});

let turn = 0;
describeAgentRunStoreContract('PostgresAgentRunStore on a real PostgreSQL', {
  store: () =>
    new PostgresAgentRunStore({
      pool: pools[turn++ % 2],
      tableName: TABLE,
      maxStateBytes: 10_000,
    }),
  writeCorrupt: async (runId, raw) => {
    // jsonb refuses invalid JSON, so a broken writer's bytes are stored as a JSON string.
    await pools[0].query(agentRunsMigrationSql(TABLE));
    const value = (() => {
      try {
        JSON.parse(raw);
        return raw;
      } catch {
        return JSON.stringify(raw);
      }
    })();
    await pools[0].query(
      `INSERT INTO ${TABLE} (run_id, version, status, state) VALUES ($1, 1, 'running', $2::jsonb)`,
      [runId, value],
    );
  },
  readRaw: async (runId) => {
    const { rows } = await pools[0].query<{ state: string }>(
      `SELECT state::text AS state FROM ${TABLE} WHERE run_id = $1`,
      [runId],
    );
    return rows[0]?.state;
  },
});

describe('PostgresAgentRunStore', () => {
  it('creates its table on first use, also when two stores start at once', async () => {
    const table = 'fresh_runs';
    const stores = pools.map((pool) => new PostgresAgentRunStore({ pool, tableName: table }));
    await Promise.all(stores.map((store, i) => store.create(sampleRunState(`first-${i}`))));
    const { rows } = await pools[0].query(`SELECT count(*)::int AS n FROM ${table}`);
    expect(rows[0]).toEqual({ n: 2 });
  });

  it('hides a run whose ttl passed and lets its id be reused', async () => {
    const store = new PostgresAgentRunStore({ pool: pools[0], tableName: TABLE, ttlMs: 60_000 });
    await store.create(sampleRunState('expiring'));
    await pools[0].query(
      `UPDATE ${TABLE} SET expires_at = now() - interval '1 second' WHERE run_id = 'expiring'`,
    );
    expect(await store.get('expiring')).toBeUndefined();
    expect((await store.create(sampleRunState('expiring'))).version).toBe(1);
  });

  it('exports the migration SQL with the version column', () => {
    expect(agentRunsMigrationSql()).toMatch(/CREATE TABLE IF NOT EXISTS "conduit_agent_runs"/);
    expect(agentRunsMigrationSql()).toMatch(/version integer NOT NULL/);
  });

  it('refuses a table name that is not a plain identifier', () => {
    expect(
      () => new PostgresAgentRunStore({ pool: pools[0], tableName: 'runs; DROP TABLE x' }),
    ).toThrow(ConduitValidationError);
  });
});

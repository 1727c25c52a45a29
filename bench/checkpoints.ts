/**
 * Checkpoint store benchmark on a real redis-server and a real PostgreSQL 15 (the tests' support
 * code starts both; the PostgreSQL cluster keeps fsync on, like a production server): p50 and p99
 * of one checkpoint save (the write after every superstep: conditional, with keepLast pruning),
 * one load of the latest checkpoint (what resume reads), and one claim + release (what every
 * checkpointed run or resume does once), each over one connection, one call at a time.
 *
 *   npm run bench:checkpoints            (CALLS=200 npm run bench:checkpoints for a quick run)
 *   PG_FSYNC=off npm run bench:checkpoints   (PostgreSQL without fsync: the cost without the disk)
 *
 * Figures are printed, never asserted. The state is a ~1 kB JSON object (a small agent
 * conversation), the in-memory store is measured too as the floor.
 */
import Redis from 'ioredis';
import { Pool } from 'pg';
import { PostgresCheckpointStore } from '../lib/flow/checkpoints/postgres-checkpoint.store';
import { RedisCheckpointStore } from '../lib/flow/checkpoints/redis-checkpoint.store';
import type { CheckpointStore, GraphCheckpoint } from '../lib/flow/graph/checkpoint.store';
import { InMemoryCheckpointStore } from '../lib/flow/graph/in-memory-checkpoint.store';
import { startPostgresServer } from '../test/support/postgres-server';
import { startRedisServer } from '../test/support/redis-server';

const CALLS = Number(process.env['CALLS'] ?? 2000);
/** Checkpoints per thread before moving to the next one: keepLast (100) pruning is exercised. */
const STEPS_PER_THREAD = 200;

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
};

const STATE = {
  question: 'Which of our three warehouses can ship 40 pallets to Lyon by Friday?',
  messages: Array.from({ length: 6 }, (_, i) => ({
    role: i % 2 === 0 ? 'assistant' : 'tool',
    content: `Step ${i}: checked stock levels and carrier slots for the warehouse in region ${i}.`,
  })),
  notes: ['north: 25 pallets', 'east: 60 pallets, carrier full', 'south: 45 pallets'],
};

const checkpoint = (threadId: string, step: number): GraphCheckpoint => ({
  threadId,
  state: { ...STATE, step },
  next: ['decide'],
  path: Array.from({ length: step % 20 }, (_, i) => `node-${i}`),
  joins: {},
  done: false,
  step,
});

interface Figures {
  readonly save: number[];
  readonly load: number[];
  readonly claim: number[];
}

async function measure(name: string, store: CheckpointStore): Promise<void> {
  const figures: Figures = { save: [], load: [], claim: [] };
  const run = `${name}-${process.pid}`;
  // Warm-up: connections, script cache, table creation.
  for (let i = 0; i < 20; i += 1) await store.save(checkpoint(`${run}-warm`, i));
  for (let i = 0; i < CALLS; i += 1) {
    const threadId = `${run}-${Math.floor(i / STEPS_PER_THREAD)}`;
    const step = i % STEPS_PER_THREAD;
    let start = process.hrtime.bigint();
    await store.save(checkpoint(threadId, step));
    figures.save.push(ms(start));
    start = process.hrtime.bigint();
    await store.load(threadId);
    figures.load.push(ms(start));
    start = process.hrtime.bigint();
    await store.claim(threadId, { owner: 'bench', latestStep: step });
    await store.release(threadId, 'bench');
    figures.claim.push(ms(start));
  }
  const row = (label: string, values: number[]): string =>
    `  ${label.padEnd(16)} p50 ${percentile(values, 0.5).toFixed(3)} ms   p99 ${percentile(values, 0.99).toFixed(3)} ms`;
  console.log(`${name} (${CALLS} calls each)`);
  console.log(row('save', figures.save));
  console.log(row('load (resume)', figures.load));
  console.log(row('claim + release', figures.claim));
}

async function main(): Promise<void> {
  const [redisServer, postgresServer] = await Promise.all([
    startRedisServer(),
    startPostgresServer({ durable: process.env['PG_FSYNC'] !== 'off' }),
  ]);
  const redis = new Redis(redisServer.url);
  const pool = new Pool({ connectionString: postgresServer.url, max: 1 });
  try {
    const fsync = process.env['PG_FSYNC'] === 'off' ? 'off' : 'on';
    console.log(
      `checkpoint stores, one connection, one call at a time; PostgreSQL fsync ${fsync}; node ${process.version}`,
    );
    await measure('in-memory', new InMemoryCheckpointStore());
    await measure('redis', new RedisCheckpointStore({ client: redis }));
    await measure('postgres', new PostgresCheckpointStore({ pool }));
  } finally {
    await redis.quit();
    await pool.end();
    await Promise.all([redisServer.stop(), postgresServer.stop()]);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * What durability costs an agent run, on a real redis-server and a real PostgreSQL 15 (the tests'
 * throwaway servers; PostgreSQL with fsync on, as in production):
 *
 * - per iteration: the saves one tool iteration adds (the model's answer with the tool's start
 *   mark, then the tool's result), timed around the store, p50 / p99;
 * - end to end: a durable run's time per iteration next to the same run in memory (`run()`);
 * - resume: `resume()` of a suspended run up to its completed state (claim, the approved tool, the
 *   final model call and its saves), p50 / p99.
 *
 *   npm run bench:durable          (RUNS=20 ITERATIONS=5 npm run bench:durable for a quick run)
 *
 * The model is a local scripted MockChatModel, so the figures are the library's and the store's,
 * never a provider's. Figures are printed, never asserted.
 */
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { AgentService } from '../lib/agent/agent.service';
import type { AgentRunState } from '../lib/agent/runs/agent-run-state.types';
import { AgentRunStore, type PruneRunsOptions } from '../lib/agent/runs/agent-run.store';
import { PostgresAgentRunStore } from '../lib/agent/runs/postgres-agent-run.store';
import { RedisAgentRunStore } from '../lib/agent/runs/redis-agent-run.store';
import { ConduitModule } from '../lib/conduit.module';
import type { ChatRequest } from '../lib/core';
import { MockChatModel, type MockResponse } from '../lib/testing';
import { Tool } from '../lib/tools/tool.decorator';
import { startPostgresServer } from '../test/support/postgres-server';
import { startRedisServer } from '../test/support/redis-server';

const RUNS = Number(process.env['RUNS'] ?? 100);
const ITERATIONS = Number(process.env['ITERATIONS'] ?? 5);
const RESUMES = Number(process.env['RESUMES'] ?? 200);
/** `PG_FSYNC=off`: the throwaway cluster without fsync, to tell the disk's share from the library's. */
const PG_FSYNC = process.env['PG_FSYNC'] !== 'off';

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
};
const fmt = (value: number): string => value.toFixed(2).padStart(7);

/** The configured store, with every save timed. */
class TimedStore extends AgentRunStore {
  readonly saves: number[] = [];

  constructor(private readonly inner: AgentRunStore) {
    super();
  }

  create(state: AgentRunState): Promise<AgentRunState> {
    return this.inner.create(state);
  }

  get(runId: string): Promise<AgentRunState | undefined> {
    return this.inner.get(runId);
  }

  async save(state: AgentRunState, expectedVersion: number): Promise<AgentRunState> {
    const start = process.hrtime.bigint();
    const saved = await this.inner.save(state, expectedVersion);
    this.saves.push(ms(start));
    return saved;
  }

  delete(runId: string): Promise<boolean> {
    return this.inner.delete(runId);
  }

  prune(options: PruneRunsOptions): Promise<number> {
    return this.inner.prune(options);
  }
}

@Injectable()
class BenchTools {
  @Tool({ name: 'step', description: 'One step of work' })
  step(): string {
    return 'ok';
  }

  @Tool({ name: 'refund', description: 'Needs approval', requiresApproval: true })
  refund(): string {
    return 'refunded';
  }
}

/** `step` until ITERATIONS model calls were made (the last one answers); `refund` once on request. */
function respond(request: ChatRequest): MockResponse | string {
  const tools = request.messages.filter((m) => m.role === 'tool').length;
  const first = request.messages.find((m) => m.role === 'user');
  if (first?.content === 'refund')
    return tools === 0 ? { toolCalls: [{ name: 'refund' }] } : 'done';
  return tools < ITERATIONS - 1 ? { toolCalls: [{ name: 'step' }] } : 'done';
}

async function appWith(store: AgentRunStore): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ConduitModule.forRoot({
        models: { default: new MockChatModel({ respond, modelId: 'bench' }) },
        retry: false,
        runs: { store },
      }),
    ],
    providers: [BenchTools],
  })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
}

async function measure(key: string, label: string, inner: AgentRunStore): Promise<void> {
  const store = new TimedStore(inner);
  const app = await appWith(store);
  const agents = app.get(AgentService);
  const prefix = `${key}-${Date.now()}`;
  // Warm-up: connections, the table, JIT.
  for (let i = 0; i < 5; i++) await agents.start({ prompt: 'go', runId: `${prefix}-warm-${i}` });
  for (let i = 0; i < 5; i++) await agents.run({ prompt: 'go' });

  const perIteration: number[] = [];
  const durableTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    store.saves.length = 0;
    let start = process.hrtime.bigint();
    await agents.start({ prompt: 'go', runId: `${prefix}-${i}` });
    durableTimes.push(ms(start) / ITERATIONS);
    // saves: the claim, then 2 per tool iteration (answer + start mark, result), then completion.
    for (let k = 1; k + 2 <= store.saves.length - 1; k += 2) {
      perIteration.push(store.saves.slice(k, k + 2).reduce((a, b) => a + b, 0));
    }
    start = process.hrtime.bigint();
    await agents.run({ prompt: 'go' });
    plainTimes.push(ms(start) / ITERATIONS);
  }

  const suspended: string[] = [];
  for (let i = 0; i < RESUMES; i++) {
    const run = await agents.start({ prompt: 'refund', runId: `${prefix}-r${i}` });
    suspended.push(run.runId);
  }
  const resumes: number[] = [];
  for (const runId of suspended) {
    const { pendingApprovals } = await agents.getRun(runId);
    const approvals = Object.fromEntries(pendingApprovals.map((p) => [p.toolCallId, true]));
    const start = process.hrtime.bigint();
    const done = await agents.resume(runId, { approvals });
    resumes.push(ms(start));
    if (done.status !== 'completed') throw new Error(`resume ended ${done.status}`);
  }
  await app.close();

  console.log(`\n${label}`);
  console.log(
    `  durability per iteration (2 saves)   p50 ${fmt(percentile(perIteration, 0.5))} ms   p99 ${fmt(percentile(perIteration, 0.99))} ms   (${perIteration.length} iterations)`,
  );
  console.log(
    `  durable run, per iteration           p50 ${fmt(percentile(durableTimes, 0.5))} ms   p99 ${fmt(percentile(durableTimes, 0.99))} ms`,
  );
  console.log(
    `  run() in memory, per iteration       p50 ${fmt(percentile(plainTimes, 0.5))} ms   p99 ${fmt(percentile(plainTimes, 0.99))} ms`,
  );
  console.log(
    `  resume() to completed                p50 ${fmt(percentile(resumes, 0.5))} ms   p99 ${fmt(percentile(resumes, 0.99))} ms   (${resumes.length} resumes)`,
  );
}

/** The floor under any PostgreSQL store: one single-row UPDATE committed on its own. */
async function commitFloor(pool: Pool): Promise<void> {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor (id int PRIMARY KEY, n int)');
  await pool.query('INSERT INTO bench_floor VALUES (1, 0) ON CONFLICT DO NOTHING');
  const times: number[] = [];
  for (let i = 0; i < 300; i++) {
    const start = process.hrtime.bigint();
    await pool.query('UPDATE bench_floor SET n = n + 1 WHERE id = 1');
    times.push(ms(start));
  }
  console.log(
    `\nPostgreSQL commit floor (one-row UPDATE, autocommit, fsync ${PG_FSYNC ? 'on' : 'off'})   p50 ${fmt(percentile(times.slice(50), 0.5))} ms   p99 ${fmt(percentile(times.slice(50), 0.99))} ms`,
  );
}

async function main(): Promise<void> {
  console.log(
    `Durable agent runs: ${RUNS} runs of ${ITERATIONS} iterations (one tool call each but the last), ${RESUMES} resumes; Node ${process.version}`,
  );
  const redisServer = await startRedisServer();
  const postgres = await startPostgresServer({ durable: PG_FSYNC });
  const redis = new Redis(redisServer.url);
  const pool = new Pool({ connectionString: postgres.url, max: 4 });
  try {
    await commitFloor(pool);
    await measure(
      'redis',
      'Redis (RedisAgentRunStore, redis-server 127.0.0.1)',
      new RedisAgentRunStore({ client: redis }),
    );
    await measure(
      'pg',
      `PostgreSQL 15 (PostgresAgentRunStore, fsync ${PG_FSYNC ? 'on' : 'off'}, 127.0.0.1)`,
      new PostgresAgentRunStore({ pool }),
    );
  } finally {
    await redis.quit();
    await pool.end();
    await Promise.all([redisServer.stop(), postgres.stop()]);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

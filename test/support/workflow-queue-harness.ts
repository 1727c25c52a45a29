import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import type { RedisCheckpointStore } from '../../lib/flow/checkpoints/redis-checkpoint.store';
import { END, START } from '../../lib/flow/graph/graph.constants';
import type { NodeContext } from '../../lib/flow/graph/graph.types';
import { StateGraph } from '../../lib/flow/graph/state-graph';
import { ConduitWorkflowQueueModule, type WorkflowQueueModuleOptions } from '../../lib/queue';
import { startRedisServer, type RedisServer } from './redis-server';

/** The state of the harness's plan → write → review graph. */
export interface Doc {
  readonly id: string;
  readonly steps?: readonly string[];
}

/** Work a node does on its first run only, before it returns (hang, wait for a signal...). */
export type BeforeNode = (state: Doc, context: NodeContext) => Promise<void>;

/**
 * Graph runs on BullMQ against a real redis-server: the queue, the worker replicas (Nest apps with
 * ConduitWorkflowQueueModule) and the checkpoints all on it. Every node counts its runs in Redis,
 * the side effect the specs count across workers. `useWorkflowQueueHarness()` wires it into Jest.
 */
export class WorkflowQueueHarness {
  /** The client the nodes count with; valid once `start()` resolved. */
  redis!: Redis;
  /** BullMQ's connection options for the server. */
  connection!: { host: string; port: number };
  private server: RedisServer | undefined;
  private readonly closers: (() => Promise<unknown>)[] = [];

  /** Starts redis-server. */
  async start(): Promise<void> {
    this.server = await startRedisServer();
    this.redis = new Redis(this.server.url);
    this.connection = { host: '127.0.0.1', port: this.server.port };
  }

  /** Closes what a test opened, last first. */
  async closeAll(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }

  /** Stops redis-server. */
  async stop(): Promise<void> {
    this.redis.disconnect();
    await this.server?.stop();
  }

  /** Closes `close` at the end of the current test. */
  readonly onTestEnd = (close: () => Promise<unknown>): void => {
    this.closers.push(close);
  };

  /** Counts the node's run in Redis, runs `before` on its first run only, then appends its name. */
  readonly counted = (name: string, before?: BeforeNode) => {
    return async (state: Doc, context: NodeContext): Promise<Partial<Doc>> => {
      const runs = await this.redis.incr(`count:${state.id}:${name}`);
      if (before !== undefined && runs === 1) await before(state, context);
      return { steps: [...(state.steps ?? []), name] };
    };
  };

  /** plan → write → review on `store`; `beforeWrite` runs in write's first run. */
  readonly graphOf = (store: RedisCheckpointStore, beforeWrite?: BeforeNode) =>
    new StateGraph<Doc>()
      .addNode('plan', this.counted('plan'))
      .addNode('write', this.counted('write', beforeWrite))
      .addNode('review', this.counted('review'))
      .addEdge(START, 'plan')
      .addEdge('plan', 'write')
      .addEdge('write', 'review')
      .addEdge('review', END)
      .compile({ checkpointStore: store });

  /** A Nest app (a replica) with the workflow queue module, closed at the end of the test. */
  readonly startApp = async (options: WorkflowQueueModuleOptions): Promise<TestingModule> => {
    const app = await Test.createTestingModule({
      imports: [ConduitWorkflowQueueModule.forRoot(options)],
    }).compile();
    await app.init();
    this.onTestEnd(() => app.close());
    return app;
  };

  /** Resolves when the job ends (rejects when it failed), from BullMQ's own events. */
  readonly finished = async (queueName: string, jobId: string): Promise<unknown> => {
    const queue = new Queue(queueName, { connection: this.connection });
    const events = new QueueEvents(queueName, { connection: this.connection });
    this.onTestEnd(() => queue.close());
    this.onTestEnd(() => events.close());
    await events.waitUntilReady();
    const job = await queue.getJob(jobId);
    if (job === undefined) throw new Error(`no job ${jobId}`);
    return job.waitUntilFinished(events);
  };

  /** How many times each node of doc `id` ran (null: never). */
  readonly counts = async (id: string): Promise<Record<string, string | null>> => {
    const [plan, write, review] = await this.redis.mget(
      `count:${id}:plan`,
      `count:${id}:write`,
      `count:${id}:review`,
    );
    return { plan, write, review };
  };
}

/** A harness started before the file's tests, cleaned after each, stopped after all. */
export function useWorkflowQueueHarness(): WorkflowQueueHarness {
  const harness = new WorkflowQueueHarness();
  beforeAll(() => harness.start());
  afterEach(() => harness.closeAll());
  afterAll(() => harness.stop());
  return harness;
}

import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { PubSubConnection } from './redis-connection';

/** One run this process drives: its signal fires when the run is cancelled from any process. */
export interface WatchedRun {
  readonly signal: AbortSignal;
  /** Whether the signal fired because of a cancel. */
  readonly cancelled: boolean;
  dispose(): void;
}

/**
 * Carries a cancel (`AgentRunQueue.cancel(runId)`, `WorkflowQueue.cancel(threadId)`) from any
 * replica to the worker driving the run: the run's id (a run id, or a graph run's thread id) is
 * published on the queue's Redis channel, and each worker process aborts the signal of that run,
 * which aborts its in-flight model HTTP call, its tools' and its graph nodes' signals at once
 * instead of at the next save. Two connections of its own, opened on first use: a subscribed
 * connection can do nothing else. Internal to `ConduitQueueModule` and `ConduitWorkflowQueueModule`.
 */
export class RunCancellations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly watched = new Map<string, Set<AbortController>>();
  private subscriber: PubSubConnection | undefined;
  private publisher: PubSubConnection | undefined;

  constructor(
    private readonly connect: () => PubSubConnection,
    private readonly channel: string,
    private readonly listens: boolean,
    /** The logger context: the queue class the cancels come from. */
    loggerContext = 'AgentRunQueue',
  ) {
    this.logger = new Logger(loggerContext);
  }

  /** Subscribes to the channel when this process runs jobs. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.listens) return;
    const subscriber = this.connect();
    this.subscriber = subscriber;
    subscriber.on('message', (channel, runId) => {
      if (channel === this.channel) this.abort(runId);
    });
    await subscriber.subscribe(this.channel);
  }

  /** Closes both connections. */
  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
    this.subscriber = undefined;
    this.publisher = undefined;
  }

  /** Tells every worker process to abort its work on the run. */
  async publish(runId: string): Promise<void> {
    this.publisher ??= this.connect();
    await this.publisher.publish(this.channel, runId);
  }

  /** A signal for one run driven here, fired by a cancel of that run from any process. */
  watch(runId: string): WatchedRun {
    const controller = new AbortController();
    let set = this.watched.get(runId);
    if (set === undefined) {
      set = new Set();
      this.watched.set(runId, set);
    }
    set.add(controller);
    const owner = set;
    return {
      signal: controller.signal,
      get cancelled() {
        return controller.signal.aborted;
      },
      dispose: () => {
        owner.delete(controller);
        if (owner.size === 0 && this.watched.get(runId) === owner) this.watched.delete(runId);
      },
    };
  }

  /** Aborts every drive of the run in this process. */
  abort(runId: string): void {
    const set = this.watched.get(runId);
    if (set === undefined) return;
    this.logger.log(`Run ${runId} was cancelled: aborting its work in this process.`);
    for (const controller of set) controller.abort(new Error(`Run ${runId} was cancelled.`));
  }
}

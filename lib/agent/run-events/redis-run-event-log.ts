import { Observable } from 'rxjs';
import type { RedisRunEventClient } from './redis-run-event-client.types';
import { RunEventLog } from './run-event-log';
import { checkReadInput, parseRunEvent } from './run-event-input';
import type { ReadRunEventsOptions, RunEventRecord, RunLogEvent } from './run-event.types';

/** Options of `RedisRunEventLog`. Every bound has a default. */
export interface RedisRunEventLogOptions {
  /**
   * A connected client, e.g. `new Redis(process.env.REDIS_URL)` from `ioredis`. Appends use it;
   * each live read runs on its own `duplicate()` (closed when the read ends), so a blocking read
   * never holds up your client. Not closed by the log.
   */
  readonly client: RedisRunEventClient;
  /** Prefix of every key (one Redis Stream a run). Default `conduit:run-events:`. */
  readonly keyPrefix?: string;
  /** Events kept a run (`XADD ... MAXLEN ~`: Redis trims in whole blocks, so a few more may stay). Default 10,000. */
  readonly maxEventsPerRun?: number;
  /** A run's stream expires this many ms after its last event. Default 24 hours. */
  readonly ttlMs?: number;
  /** How long one `XREAD BLOCK` waits before it asks again. Default 5,000 ms. */
  readonly blockMs?: number;
}

/** Appends and refreshes the TTL in one round trip, atomically. */
const APPEND_SCRIPT = `
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/** Entries a single `XREAD` returns at most. */
const READ_BATCH = 200;

/**
 * The run event log on Redis Streams, shared by every replica: a worker appends, a browser
 * connected to any other instance replays and follows. One stream a run (`XADD ... MAXLEN ~`
 * bounds it, a TTL ends it); live reads are `XREAD BLOCK` on a duplicated connection.
 *
 * @example
 * const redis = new Redis(process.env.REDIS_URL);
 * ConduitModule.forRoot({ models, runs: { store, events: new RedisRunEventLog({ client: redis }) } });
 */
export class RedisRunEventLog extends RunEventLog {
  protected readonly client: RedisRunEventClient;
  protected readonly keyPrefix: string;
  private readonly maxEventsPerRun: number;
  private readonly ttlMs: number;
  private readonly blockMs: number;

  constructor(options: RedisRunEventLogOptions) {
    super();
    this.client = options.client;
    this.keyPrefix = options.keyPrefix ?? 'conduit:run-events:';
    this.maxEventsPerRun = options.maxEventsPerRun ?? 10_000;
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.blockMs = options.blockMs ?? 5_000;
  }

  /** `XADD` the event (plain JSON) to the run's stream and refresh its TTL, in one script. */
  protected async write(runId: string, event: RunLogEvent): Promise<void> {
    checkReadInput(runId, undefined);
    await this.client.call(
      'EVAL',
      APPEND_SCRIPT,
      1,
      this.keyOf(runId),
      this.maxEventsPerRun,
      JSON.stringify(event),
      Number.isFinite(this.ttlMs) ? Math.ceil(this.ttlMs) : 2 ** 52,
    );
  }

  /** See `RunEventLog.read`. Each subscription holds one duplicated connection until it ends. */
  read(runId: string, options: ReadRunEventsOptions = {}): Observable<RunEventRecord> {
    return new Observable<RunEventRecord>((subscriber) => {
      checkReadInput(runId, options.after);
      const connection = this.client.duplicate();
      let stopped = false;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        connection.disconnect();
      };
      const key = this.keyOf(runId);
      const loop = async (): Promise<void> => {
        let last = options.after ?? '0-0';
        while (!stopped) {
          const reply = await connection.call(
            'XREAD',
            'COUNT',
            READ_BATCH,
            'BLOCK',
            this.blockMs,
            'STREAMS',
            key,
            last,
          );
          for (const record of entriesOf(reply)) {
            last = record.id;
            if (stopped) return;
            subscriber.next(record);
            if (this.isTerminal(record.event)) {
              stop();
              subscriber.complete();
              return;
            }
          }
        }
      };
      loop().catch((error: unknown) => {
        // Disconnecting ends the pending XREAD with an error: that is the unsubscribe, not a failure.
        if (stopped) return;
        stop();
        subscriber.error(error);
      });
      return stop;
    });
  }

  /** The Redis key of a run's stream. */
  protected keyOf(runId: string): string {
    return `${this.keyPrefix}${runId}`;
  }
}

/** The records of one `XREAD` reply (`[[key, [[id, [field, value, ...]], ...]]]` or null). */
function entriesOf(reply: unknown): RunEventRecord[] {
  if (!Array.isArray(reply)) return [];
  const records: RunEventRecord[] = [];
  for (const stream of reply as unknown[]) {
    const entries: unknown = Array.isArray(stream) ? stream[1] : undefined;
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1]))
        continue;
      const fields = entry[1] as unknown[];
      const index = fields.indexOf('e');
      const text = index >= 0 ? fields[index + 1] : undefined;
      const event = typeof text === 'string' ? parseRunEvent(text) : undefined;
      if (event !== undefined) records.push({ id: entry[0], event });
    }
  }
  return records;
}

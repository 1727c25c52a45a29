import { Observable } from 'rxjs';
import { RunEventLog } from './run-event-log';
import { checkReadInput, compareEventIds, parseRunEvent } from './run-event-input';
import type { ReadRunEventsOptions, RunEventRecord, RunLogEvent } from './run-event.types';

/** Options of `InMemoryRunEventLog`. Every bound has a default; pass `Infinity` to lift one. */
export interface InMemoryRunEventLogOptions {
  /** Events kept a run; older ones are dropped first. Default 10,000. */
  readonly maxEventsPerRun?: number;
  /** Runs kept; the run written longest ago is dropped first. Default 1,000. */
  readonly maxRuns?: number;
  /** A run's log is dropped this many ms after its last event. Default 24 hours. */
  readonly ttlMs?: number;
  /** The clock for the TTL (tests pass their own). Default `Date.now`. */
  readonly now?: () => number;
}

interface RunLog {
  readonly records: RunEventRecord[];
  readonly readers: Set<(record: RunEventRecord) => void>;
  next: number;
  expiresAt: number;
}

/**
 * The run event log of one process (the default when no `events` log is configured): enough for
 * in-process background runs and a browser that reconnects to the same instance. Use
 * `RedisRunEventLog` when runs and readers may live in different processes.
 *
 * @example
 * ConduitModule.forRoot({ models, runs: { events: new InMemoryRunEventLog({ maxRuns: 500 }) } });
 */
export class InMemoryRunEventLog extends RunEventLog {
  private readonly runs = new Map<string, RunLog>();
  private readonly maxEventsPerRun: number;
  private readonly maxRuns: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: InMemoryRunEventLogOptions = {}) {
    super();
    this.maxEventsPerRun = options.maxEventsPerRun ?? 10_000;
    this.maxRuns = options.maxRuns ?? 1_000;
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Keeps a JSON copy of the event (what another process would read) and hands it to the readers. */
  protected write(runId: string, event: RunLogEvent): Promise<void> {
    try {
      this.keep(runId, event);
      return Promise.resolve();
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private keep(runId: string, event: RunLogEvent): void {
    checkReadInput(runId, undefined);
    const parsed = parseRunEvent(JSON.stringify(event));
    if (parsed === undefined) return;
    const log = this.logOf(runId);
    log.next += 1;
    const record: RunEventRecord = { id: String(log.next), event: parsed };
    log.records.push(record);
    if (log.records.length > this.maxEventsPerRun) log.records.shift();
    log.expiresAt = this.now() + this.ttlMs;
    // Most recently written last: the eviction below drops the run written longest ago.
    this.runs.delete(runId);
    this.runs.set(runId, log);
    this.evict();
    for (const reader of [...log.readers]) reader(record);
  }

  /** See `RunEventLog.read`. */
  read(runId: string, options: ReadRunEventsOptions = {}): Observable<RunEventRecord> {
    return new Observable<RunEventRecord>((subscriber) => {
      checkReadInput(runId, options.after);
      const log = this.logOf(runId);
      const { after } = options;
      for (const record of log.records) {
        if (after !== undefined && compareEventIds(record.id, after) <= 0) continue;
        subscriber.next(record);
        if (this.isTerminal(record.event)) {
          subscriber.complete();
          return undefined;
        }
      }
      const reader = (record: RunEventRecord): void => {
        subscriber.next(record);
        if (this.isTerminal(record.event)) subscriber.complete();
      };
      log.readers.add(reader);
      return () => {
        log.readers.delete(reader);
        // A read of a run that never wrote leaves nothing behind.
        if (log.readers.size === 0 && log.next === 0 && this.runs.get(runId) === log) {
          this.runs.delete(runId);
        }
      };
    });
  }

  private logOf(runId: string): RunLog {
    const existing = this.runs.get(runId);
    if (existing !== undefined && existing.expiresAt > this.now()) return existing;
    if (existing !== undefined && existing.readers.size > 0) {
      // Expired while someone follows it: the events go, the readers stay for what comes next.
      existing.records.length = 0;
      existing.expiresAt = this.now() + this.ttlMs;
      return existing;
    }
    const log: RunLog = {
      records: [],
      readers: new Set(),
      next: existing?.next ?? 0,
      expiresAt: this.now() + this.ttlMs,
    };
    this.runs.set(runId, log);
    this.evict();
    return log;
  }

  private evict(): void {
    for (const [runId, log] of this.runs) {
      if (this.runs.size <= this.maxRuns) return;
      if (log.readers.size > 0 && log.expiresAt > this.now()) continue;
      this.runs.delete(runId);
    }
  }
}

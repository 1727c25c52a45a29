import type { Observable } from 'rxjs';
import type { AgentEvent } from '../agent-event.types';
import type { AgentRunEventSink } from '../runs/agent-run-event-sink';
import { FINAL_RUN_STATUSES, type AgentRunState } from '../runs/agent-run-state.types';
import { toLogEvent } from './run-event-input';
import type {
  AgentRunStatusEvent,
  ReadRunEventsOptions,
  RunEventRecord,
  RunLogEvent,
} from './run-event.types';

/**
 * The events of agent runs, kept per run so that any process can replay them and follow them
 * live: the sink durable and background runs write to (`ConduitModule.forRoot({ runs: { store,
 * events } })`) and the source of `AgentRunEvents.events()`. `InMemoryRunEventLog` serves one
 * process; `RedisRunEventLog` (Redis Streams) every replica. Both are bounded (events a run, a TTL).
 *
 * Besides the agent events, each status change of a run is logged as a `run-status` event
 * (`awaiting-approval` with the pending calls; `completed`, `failed` or `cancelled` last).
 * Subclass it to keep events elsewhere: implement `write` and `read`.
 */
export abstract class RunEventLog implements AgentRunEventSink {
  /** Appends one agent event to the run's log (as plain JSON data) and wakes its live readers. */
  append(runId: string, event: AgentEvent): Promise<void> {
    return this.write(runId, toLogEvent(event));
  }

  /** Appends a `run-status` event: what a client needs to show a pending approval or the end. */
  statusChanged(state: AgentRunState): Promise<void> {
    const event: AgentRunStatusEvent = {
      type: 'run-status',
      runId: state.runId,
      status: state.status,
      pendingApprovals: state.pendingApprovals,
      usage: state.usage,
      iterations: state.iterations,
      ...(state.result === undefined ? {} : { text: state.result.text }),
      ...(state.error === undefined ? {} : { error: state.error }),
    };
    return this.write(state.runId, event);
  }

  /**
   * A cold Observable of the run's events: on subscribe it replays what the log holds after
   * `options.after`, then follows new events live until the run's last status (`completed`,
   * `failed`, `cancelled`), where it completes. Unsubscribing stops reading and releases what the
   * read held (a Redis connection); it never touches the run itself. An `after` that is not an
   * event id errors with `ConduitValidationError`.
   */
  abstract read(runId: string, options?: ReadRunEventsOptions): Observable<RunEventRecord>;

  /** Stores one event of the run and hands it to the run's live readers. */
  protected abstract write(runId: string, event: RunLogEvent): Promise<void>;

  /** Whether a run appends nothing after this event: its final status. */
  protected isTerminal(event: RunLogEvent): boolean {
    return event.type === 'run-status' && FINAL_RUN_STATUSES.includes(event.status);
  }
}

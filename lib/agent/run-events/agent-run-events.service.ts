import { Inject, Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { CONDUIT_OPTIONS } from '../../conduit.constants';
import { AgentService } from '../agent.service';
import type { DurableAgentRuns, RunsModuleOptions } from '../runs/agent-run-options.types';
import { readRunEvents } from './read-run-events';
import type { ReadRunEventsOptions, RunEventRecord } from './run-event.types';

/**
 * The events of durable and background runs, from any replica: a cold Observable of `{ id, event
 * }` that replays the run's log after `after` and follows it live until the run's final status.
 * Pipe it through `toSse()` in an `@Sse()` route and pass the `Last-Event-ID` header as `after`:
 * a reconnecting browser gets every event once, in order. Unsubscribing (a closed tab) stops the
 * read only; the run goes on (stop it with `cancel`).
 *
 * Needs a `RunEventLog` as the module's run event sink: `ConduitModule.forRoot({ runs: { store,
 * events: new RedisRunEventLog({ client }) } })` (or `InMemoryRunEventLog` in one process). A
 * service of its own beside `AgentService`, so that reading events never depends on how runs are
 * driven.
 *
 * @example
 * @Sse('runs/:id/events')
 * events(@Param('id') id: string, @Headers('last-event-id') last?: string): Observable<MessageEvent> {
 *   return this.runEvents.events(id, last === undefined ? {} : { after: last }).pipe(toSse());
 * }
 */
@Injectable()
export class AgentRunEvents {
  constructor(
    @Inject(CONDUIT_OPTIONS) private readonly options: RunsModuleOptions,
    @Inject(AgentService) private readonly runs: DurableAgentRuns,
  ) {}

  /**
   * The run's events. Errors with `RunNotFoundError` for a run the store does not know, with
   * `ConduitValidationError` for an `after` that is not an event id or when no `RunEventLog` is
   * configured.
   */
  events(runId: string, options: ReadRunEventsOptions = {}): Observable<RunEventRecord> {
    return readRunEvents(this.options.runs?.events, this.runs, runId, options, 'AgentRunEvents');
  }
}

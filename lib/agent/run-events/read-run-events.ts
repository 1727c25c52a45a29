import { defer, mergeAll, type Observable } from 'rxjs';
import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { AgentRunEventSink } from '../runs/agent-run-event-sink';
import type { DurableAgentRuns } from '../runs/agent-run-options.types';
import { checkReadInput } from './run-event-input';
import { RunEventLog } from './run-event-log';
import type { ReadRunEventsOptions, RunEventRecord } from './run-event.types';

/**
 * The events of a durable run from the module's event log, checked first: the log must be a
 * `RunEventLog` (else `ConduitValidationError`), `after` an event id, and the run known to the
 * store (`RunNotFoundError`). Shared by `AgentService.events` and `AgentRunEvents.events`, so the
 * two read alike. Cold: nothing is read until subscription.
 */
export function readRunEvents(
  sink: AgentRunEventSink | undefined,
  runs: DurableAgentRuns,
  runId: string,
  options: ReadRunEventsOptions,
  caller: string,
): Observable<RunEventRecord> {
  return defer(async () => {
    const log = requireEventLog(sink, caller);
    checkReadInput(runId, options.after);
    await runs.getRun(runId);
    return log.read(runId, options);
  }).pipe(mergeAll());
}

function requireEventLog(sink: AgentRunEventSink | undefined, caller: string): RunEventLog {
  if (sink instanceof RunEventLog) return sink;
  throw new ConduitValidationError(
    [
      {
        path: 'runs.events',
        message:
          'must be a RunEventLog (new RedisRunEventLog({ client }) or new InMemoryRunEventLog()) to read run events',
      },
    ],
    `${caller} has no event log`,
  );
}

import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import type { AgentEvent } from '../agent-event.types';
import type { AgentRunLogEvent, RunLogEvent } from './run-event.types';

/** Redis Stream ids (`1733570000000-0`) and the in-memory counters (`12`) alike. */
const EVENT_ID = /^\d{1,20}(-\d{1,20})?$/;

/** Throws `ConduitValidationError` for an empty run id or an `after` that is no event id. */
export function checkReadInput(runId: string, after: string | undefined): void {
  const issues = [];
  if (typeof runId !== 'string' || runId === '' || runId.length > 200) {
    issues.push({ path: 'runId', message: 'must be a non-empty string of at most 200 characters' });
  }
  if (after !== undefined && (typeof after !== 'string' || !EVENT_ID.test(after))) {
    issues.push({
      path: 'after',
      message: 'must be an event id as the log gave it (e.g. "1733570000000-0" or "12")',
    });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid run event read');
}

/** The agent event as a log keeps it: the `respond` function of an approval stays behind. */
export function toLogEvent(event: AgentEvent): AgentRunLogEvent {
  if (event.type !== 'tool-approval') return event;
  const { respond: _respond, ...rest } = event;
  return rest;
}

/** Parses a stored event; `undefined` for an entry that is not one. */
export function parseRunEvent(text: string): RunLogEvent | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' &&
      value !== null &&
      typeof (value as { type?: unknown }).type === 'string'
      ? (value as RunLogEvent)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Compares two event ids of one run (`a-b` pairs, or plain counters). */
export function compareEventIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map((part) => BigInt(part));
  const [bMs = 0n, bSeq = 0n] = b.split('-').map((part) => BigInt(part));
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}

import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { RunStateTooLargeError } from './errors/run-state-too-large.error';

/** Default `maxStateBytes` of every run store: 1 MiB of JSON per run. */
export const DEFAULT_MAX_RUN_STATE_BYTES = 1024 * 1024;

/** Default `ttlMs` of every run store: a run not saved for 7 days is removed. */
export const DEFAULT_RUN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Default `maxRuns` of `InMemoryAgentRunStore`. */
export const DEFAULT_MAX_RUNS = 10_000;

/** The bounds every run store takes. */
export interface AgentRunStoreLimits {
  /**
   * Largest state of one run, in UTF-8 bytes of its JSON (default 1 MiB; `Infinity`: no limit).
   * A save over it is a `RunStateTooLargeError` (the previous state stays).
   */
  readonly maxStateBytes?: number;
  /**
   * A run not saved for this many ms is removed (default 7 days; `Infinity`: never). Mind runs
   * that wait for a human's approval: the wait counts.
   */
  readonly ttlMs?: number;
}

/** The state as JSON, refused when over `maxBytes`. */
export function serializeRunState(state: { readonly runId: string }, maxBytes: number): string {
  const json = JSON.stringify(state);
  // Cheap check first: a UTF-8 byte is at least one UTF-16 unit and at most 3 per unit.
  if (json.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > maxBytes) throw new RunStateTooLargeError(state.runId, bytes, maxBytes);
  }
  return json;
}

/** `prune`'s options, checked: `olderThanMs` a non-negative finite number. */
export function checkPruneOptions(options: { readonly olderThanMs?: unknown } | undefined): number {
  const value = options?.olderThanMs;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConduitValidationError(
      [{ path: 'olderThanMs', message: 'must be a number of milliseconds >= 0' }],
      'Invalid prune options',
    );
  }
  return value;
}

import type { ValidationIssue } from '../core/errors/conduit-validation.error';
import {
  DEFAULT_DRAIN_TIMEOUT_MS,
  type ConduitShutdownOptions,
} from './conduit-shutdown-options.types';
import { isRecord } from '../core/is-record';

/** Problems with the `shutdown` module option (checked with the other options at bootstrap). */
export function shutdownOptionIssues(value: unknown): ValidationIssue[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    return [{ path: 'shutdown', message: "must be an object such as { mode: 'drain' }" }];
  }
  const issues: ValidationIssue[] = [];
  const { mode, drainTimeoutMs } = value;
  if (mode !== undefined && mode !== 'drain' && mode !== 'abort') {
    issues.push({ path: 'shutdown.mode', message: "must be 'drain' or 'abort'" });
  }
  if (
    drainTimeoutMs !== undefined &&
    !(Number.isSafeInteger(drainTimeoutMs) && (drainTimeoutMs as number) >= 0)
  ) {
    issues.push({ path: 'shutdown.drainTimeoutMs', message: 'must be a whole number >= 0' });
  }
  return issues;
}

/** The options with their defaults filled in (input already validated). */
export function resolveShutdownOptions(
  value: ConduitShutdownOptions | undefined,
): Required<ConduitShutdownOptions> {
  return {
    mode: value?.mode ?? 'drain',
    drainTimeoutMs: value?.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
  };
}

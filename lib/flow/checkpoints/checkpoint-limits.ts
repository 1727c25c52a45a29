import type { ValidationIssue } from '../../core/errors/conduit-validation.error';
import { checkLimit } from '../../core/store-limits';
import {
  DEFAULT_CHECKPOINT_KEEP_LAST,
  DEFAULT_CHECKPOINT_LEASE_MS,
  DEFAULT_CHECKPOINT_TTL_MS,
  type CheckpointStoreOptions,
} from './checkpoint-store-options.types';

/** The bounds of a store once defaults are applied; `Infinity` for "no limit". */
export interface CheckpointLimits {
  readonly keepLast: number;
  readonly ttlMs: number;
  readonly leaseMs: number;
  readonly now: () => number;
}

/** Every problem of the shared options (empty when they are valid). */
export function checkpointOptionIssues(options: CheckpointStoreOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  checkLimit(options.keepLast, 'keepLast', issues, true);
  checkLimit(options.ttlMs, 'ttlMs', issues, true);
  checkLimit(options.leaseMs, 'leaseMs', issues, false);
  if (options.now !== undefined && typeof options.now !== 'function')
    issues.push({ path: 'now', message: 'must be a function returning ms since the epoch' });
  return issues;
}

/** The options with their defaults. */
export function checkpointLimits(options: CheckpointStoreOptions): CheckpointLimits {
  return {
    keepLast: options.keepLast ?? DEFAULT_CHECKPOINT_KEEP_LAST,
    ttlMs: options.ttlMs ?? DEFAULT_CHECKPOINT_TTL_MS,
    leaseMs: options.leaseMs ?? DEFAULT_CHECKPOINT_LEASE_MS,
    now: options.now ?? Date.now,
  };
}

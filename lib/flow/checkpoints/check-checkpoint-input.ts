import { ConduitValidationError } from '../../core/errors/conduit-validation.error';

/** Longest thread id accepted: ids are keys and primary keys, not documents. */
export const MAX_THREAD_ID_LENGTH = 512;

/**
 * Throws a `ConduitValidationError` unless `threadId` is a non-empty string of at most 512
 * characters and each step given is a non-negative integer: checked before any database sees
 * them, so bad input is a typed error instead of a driver's.
 */
export function checkCheckpointInput(
  threadId: unknown,
  steps: Readonly<Record<string, unknown>> = {},
): void {
  const issues = [];
  if (
    typeof threadId !== 'string' ||
    threadId.length === 0 ||
    threadId.length > MAX_THREAD_ID_LENGTH
  )
    issues.push({
      path: 'threadId',
      message: `must be a non-empty string of at most ${MAX_THREAD_ID_LENGTH} characters`,
    });
  for (const [path, step] of Object.entries(steps)) {
    if (step !== undefined && !(Number.isSafeInteger(step) && (step as number) >= 0))
      issues.push({ path, message: 'must be a non-negative integer' });
  }
  if (issues.length > 0) throw new ConduitValidationError(issues, 'Invalid checkpoint input');
}

import { isRecord } from '../../core/is-record';
import type { GraphCheckpoint, StoredCheckpoint } from '../graph/checkpoint.store';
import { CheckpointConflictError } from './checkpoint-conflict.error';
import { CheckpointCorruptError } from './checkpoint-corrupt.error';

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const isStep = (value: unknown): value is number => Number.isInteger(value) && Number(value) >= 0;

/** What a store keeps of a checkpoint besides its step, dated `createdAt`. */
export function checkpointBody(
  checkpoint: GraphCheckpoint,
  createdAt: number,
): Omit<StoredCheckpoint, 'step'> {
  const { threadId, state, next, path, joins, done, parentStep } = checkpoint;
  return {
    threadId,
    state,
    next: [...next],
    path: [...path],
    joins,
    done,
    ...(parentStep === undefined ? {} : { parentStep }),
    createdAt,
  };
}

/** A checkpoint numbered `step` and dated `createdAt`, as the store will keep it. */
export function numberCheckpoint(
  checkpoint: GraphCheckpoint,
  step: number,
  createdAt: number,
): StoredCheckpoint {
  return { step, ...checkpointBody(checkpoint, createdAt) };
}

/**
 * Reads back a stored checkpoint, or throws `CheckpointCorruptError` naming what is wrong: a store
 * never hands out a value it cannot vouch for, and the caller never overwrites it.
 */
export function parseCheckpoint(
  threadId: string,
  step: number | undefined,
  raw: unknown,
): StoredCheckpoint {
  let value: unknown;
  try {
    value = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    throw new CheckpointCorruptError(threadId, step, 'not JSON');
  }
  const fail = (problem: string): never => {
    throw new CheckpointCorruptError(threadId, step, problem);
  };
  if (!isRecord(value)) return fail('not an object');
  if (value['threadId'] !== threadId) fail('threadId does not match');
  if (!isStep(value['step']) || (step !== undefined && value['step'] !== step))
    fail('step is missing or does not match');
  if (!isStringArray(value['next'])) fail('next is not a list of node names');
  if (!isStringArray(value['path'])) fail('path is not a list of node names');
  const joins = value['joins'];
  if (!isRecord(joins) || !Object.values(joins).every(isStringArray))
    fail('joins is not a record of node name lists');
  if (typeof value['done'] !== 'boolean') fail('done is not a boolean');
  if (typeof value['createdAt'] !== 'number') fail('createdAt is not a number');
  if (value['parentStep'] !== undefined && !isStep(value['parentStep']))
    fail('parentStep is not a step number');
  if (!('state' in value)) fail('state is missing');
  return value as unknown as StoredCheckpoint;
}

/** Checks the step of a save against the latest one (shared by the stores that compare in JS). */
export function checkNextStep(
  threadId: string,
  requested: number | undefined,
  latest: number | undefined,
): number {
  const next = latest === undefined ? 0 : latest + 1;
  if (requested !== undefined && requested !== next)
    throw new CheckpointConflictError(
      threadId,
      requested === 0 ? undefined : requested - 1,
      latest,
      'step-moved',
    );
  return next;
}

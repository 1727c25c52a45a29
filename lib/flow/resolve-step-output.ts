import { isObservable, lastValueFrom } from 'rxjs';
import type { StepOutput } from './step.types';

/**
 * Awaits what a step returned: a promise, an Observable (its last value; an Observable that
 * completes without a value is an error, because the next step would have no input) or a value.
 */
export async function resolveStepOutput<O>(output: StepOutput<O>): Promise<O> {
  if (isObservable(output)) return lastValueFrom(output);
  return await output;
}

import { isDeepStrictEqual } from 'node:util';
import type { EvalToolCall, Scorer } from '../eval.types';
import { defineScorer } from './define-scorer';

function argumentsMatch(call: EvalToolCall, expected: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(expected).every(([key, value]) =>
    isDeepStrictEqual(call.arguments[key], value),
  );
}

function listed(calls: readonly EvalToolCall[]): string {
  return calls.length === 0
    ? 'no tool was called'
    : `called: ${calls.map((c) => `${c.name}(${JSON.stringify(c.arguments)})`).join(', ')}`;
}

/**
 * 1 when the tool `name` was called (with at least these `args`, compared deeply, when given).
 * Tool calls come from the output (an `AgentResult`, a `ChatResponse`, anything with a
 * `toolCalls` list) and from `context.recordToolCall` in the task.
 */
export function toolCalled(name: string, args?: Readonly<Record<string, unknown>>): Scorer {
  return defineScorer('toolCalled', ({ toolCalls }) => {
    const byName = toolCalls.filter((call) => call.name === name);
    if (byName.length === 0)
      return { score: 0, reason: `${name} was not called (${listed(toolCalls)})` };
    if (args !== undefined && !byName.some((call) => argumentsMatch(call, args))) {
      return {
        score: 0,
        reason: `${name} was not called with ${JSON.stringify(args)} (${listed(byName)})`,
      };
    }
    return { score: 1 };
  });
}

/** 1 when no tool was called (or, given `name`, not that tool). */
export function noToolCalled(name?: string): Scorer {
  return defineScorer('noToolCalled', ({ toolCalls }) => {
    const offending =
      name === undefined ? toolCalls : toolCalls.filter((call) => call.name === name);
    return offending.length === 0 ? { score: 1 } : { score: 0, reason: listed(offending) };
  });
}

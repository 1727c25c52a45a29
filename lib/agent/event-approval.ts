import type { ToolCall } from '../core';
import { toAbortError } from '../chat/abort-error';
import type { AgentEvent } from './agent-event.types';

/**
 * An approver that asks through the event stream: it emits a `tool-approval` event and waits for
 * its `respond()`. When the run is aborted first, it rejects with the abort error, so the run
 * stops instead of waiting forever.
 */
export function approvalThroughEvents(
  emit: (event: AgentEvent) => void,
  signal: AbortSignal,
): (toolCall: ToolCall, _tool: unknown, iteration: number) => Promise<boolean> {
  return (toolCall, _tool, iteration) =>
    new Promise<boolean>((resolve, reject) => {
      if (signal.aborted) {
        reject(toAbortError(signal.reason));
        return;
      }
      let answered = false;
      const onAbort = (): void => {
        answered = true;
        reject(toAbortError(signal.reason));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      emit({
        type: 'tool-approval',
        iteration,
        toolCall,
        respond: (approved) => {
          if (answered) return;
          answered = true;
          signal.removeEventListener('abort', onAbort);
          resolve(approved === true);
        },
      });
    });
}

import type { MessageEvent } from '@nestjs/common';
import { ConduitError, describeErrorForClient, type AgentEvent, type Usage } from 'nestjs-conduit';
import { catchError, concatMap, of, type OperatorFunction } from 'rxjs';

/** The frames of `GET /agent/stream`, as the chat page reads them (a union on `type`). */
export type AgentPageEvent =
  | { readonly type: 'text-delta'; readonly iteration: number; readonly delta: string }
  | {
      readonly type: 'tool-call-start';
      readonly id: string;
      readonly name: string;
      readonly arguments: Record<string, unknown>;
    }
  | {
      readonly type: 'tool-call-finish';
      readonly id: string;
      readonly name: string;
      readonly result: string;
      readonly isError: boolean;
    }
  | {
      readonly type: 'finish';
      readonly text: string;
      readonly model: string;
      readonly iterations: number;
      readonly usage: Usage;
      readonly costUsd: number;
    }
  | {
      readonly type: 'error';
      readonly error: {
        readonly name: string;
        readonly message: string;
        readonly isRetryable: boolean;
      };
    };

/**
 * Frames an agent run for an `@Sse()` route: answer text as it streams, each tool call when it
 * starts and when its result is back, then the answer with its usage and cost (`costOf()` is read
 * when the run finishes). A failure becomes a last `error` frame, as `toSse()` does for chat
 * streams: the error's name and a fixed client message, never the provider's text.
 */
export function agentEventsToSse(costOf: () => number): OperatorFunction<AgentEvent, MessageEvent> {
  return (source) =>
    source.pipe(
      concatMap((event) => {
        const frame = toPageEvent(event, costOf);
        return frame === undefined ? [] : of<MessageEvent>({ type: frame.type, data: frame });
      }),
      catchError((error: unknown) => {
        const frame: AgentPageEvent = { type: 'error', error: describe(error) };
        return of<MessageEvent>({ type: frame.type, data: frame });
      }),
    );
}

function toPageEvent(event: AgentEvent, costOf: () => number): AgentPageEvent | undefined {
  switch (event.type) {
    case 'text-delta':
      return event;
    case 'tool-call-start':
      return {
        type: event.type,
        id: event.toolCall.id,
        name: event.toolCall.name,
        arguments: event.toolCall.arguments,
      };
    case 'tool-call-finish':
      return {
        type: event.type,
        id: event.toolCall.id,
        name: event.toolCall.name,
        result: event.result.content,
        isError: event.result.isError,
      };
    case 'finish':
      return {
        type: event.type,
        text: event.result.text,
        model: event.result.response.model,
        iterations: event.result.iterations,
        usage: event.result.usage,
        costUsd: costOf(),
      };
    default:
      // Iteration bookkeeping and whole responses: the page does not need them.
      return undefined;
  }
}

/** The client-safe description: the provider's own text stays on the server (see `toSse()`). */
function describe(error: unknown): { name: string; message: string; isRetryable: boolean } {
  const { message } = describeErrorForClient(error);
  return error instanceof ConduitError
    ? { name: error.name, message, isRetryable: error.isRetryable }
    : { name: 'Error', message, isRetryable: false };
}

import { lastValueFrom, Observable, tap } from 'rxjs';
import type { ChatOptions } from '../chat/chat-options.types';
import { AbortedError, type Message, type StreamEvent, type ValidationIssue } from '../core';
import { collectStream } from '../streaming/collect-stream';
import { generateObjectWith } from './generate-object';
import { parsePartialJson } from './parsers/parse-partial-json';
import type { StructuredChatPort } from './structured-chat.port';
import type {
  DeepPartial,
  GenerateObjectOptions,
  GenerateResult,
} from './structured-options.types';

/** The object so far, each time the streamed answer adds to it. */
export interface PartialObjectEvent<T> {
  readonly type: 'partial';
  /** The attempt the partial belongs to (1 = the first answer). */
  readonly attempt: number;
  readonly partial: DeepPartial<T>;
}

/** The last answer was invalid: the partials shown so far are void; attempt `attempt` starts. */
export interface ObjectRetryEvent {
  readonly type: 'retry';
  readonly attempt: number;
  readonly issues: readonly ValidationIssue[];
}

/** The validated object: the last event of the stream. */
export interface ObjectDoneEvent<T> extends GenerateResult<T> {
  readonly type: 'object';
}

/** The events of a streamed object: a discriminated union on `type`. */
export type ObjectStreamEvent<T> = PartialObjectEvent<T> | ObjectRetryEvent | ObjectDoneEvent<T>;

/** Which streamed text holds the object: the answer text, or the forced tool's arguments. */
function objectText(toolName: string | undefined): (event: StreamEvent) => string | undefined {
  let toolIndex: number | undefined;
  return (event) => {
    if (toolName === undefined) return event.type === 'text-delta' ? event.delta : undefined;
    if (event.type === 'tool-call-start' && event.name === toolName && toolIndex === undefined) {
      toolIndex = event.index;
    }
    return event.type === 'tool-call-delta' && event.index === toolIndex
      ? event.argumentsDelta
      : undefined;
  };
}

/**
 * `generateObject` as a stream: the model's answer is streamed, and every time the JSON read so
 * far (a tolerant partial parse) grows, a `partial` event carries it. An invalid answer is
 * corrected like in `generateObject`, announced by a `retry` event (partials start over); the
 * stream ends with one `object` event holding the validated object, or fails with
 * `StructuredOutputError`. Unsubscribing aborts the model call.
 */
export function streamObjectWith<T>(
  port: StructuredChatPort,
  input: string | readonly Message[],
  options: GenerateObjectOptions,
): Observable<ObjectStreamEvent<T>> {
  return new Observable<ObjectStreamEvent<T>>((subscriber) => {
    const controller = new AbortController();
    const caller = options.signal;
    const onCallerAbort = (): void => controller.abort(caller?.reason);
    if (caller?.aborted === true) controller.abort(caller.reason);
    else caller?.addEventListener('abort', onCallerAbort, { once: true });
    const call = (messages: readonly Message[], chatOptions: ChatOptions, attempt: number) => {
      const choice = chatOptions.toolChoice;
      const pick = objectText(typeof choice === 'object' ? choice.name : undefined);
      let text = '';
      let last: string | undefined;
      return lastValueFrom(
        port.stream(messages, { ...chatOptions, signal: controller.signal }).pipe(
          tap((event) => {
            const delta = pick(event);
            if (delta === undefined || delta === '') return;
            text += delta;
            const partial = parsePartialJson(text);
            const key = JSON.stringify(partial);
            if (partial === undefined || key === last) return;
            last = key;
            subscriber.next({ type: 'partial', attempt, partial: partial as DeepPartial<T> });
          }),
          collectStream(),
        ),
      );
    };
    generateObjectWith<T>(port, input, options, {
      call,
      onRetry: (attempt, issues) => subscriber.next({ type: 'retry', attempt, issues }),
    }).then(
      (result) => {
        subscriber.next({ type: 'object', ...result });
        subscriber.complete();
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => {
      caller?.removeEventListener('abort', onCallerAbort);
      if (!controller.signal.aborted) {
        controller.abort(
          new AbortedError('The object stream was unsubscribed before it finished.'),
        );
      }
    };
  });
}

import { defer, from, Observable, switchMap } from 'rxjs';
import { AbortedError } from '../core/errors/aborted.error';
import { TimeoutError } from '../core/errors/timeout.error';
import type { AssistantMessage, Message } from '../core/message.types';
import type { StreamEvent } from '../core/stream-event.types';
import {
  EMPTY_COLLECTED_STREAM,
  reduceStreamEvent,
  toChatResponse,
  type CollectedStream,
} from '../streaming/collect-stream';
import type { ConversationTurn } from './conversation-turn';
import type { InterruptedMark } from './conversation.types';

function interruption(error: unknown): InterruptedMark {
  const name = error instanceof Error ? error.name : undefined;
  const aborted = error instanceof AbortedError || error instanceof TimeoutError;
  return { reason: aborted ? 'aborted' : 'failed', ...(name !== undefined && { error: name }) };
}

/**
 * The answer received so far: its text only. Tool calls are left out because a call without its
 * result would make the next request invalid for every provider.
 */
function partialAnswer(collected: CollectedStream): AssistantMessage | undefined {
  const text = collected.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return text === '' ? undefined : { role: 'assistant', content: text };
}

function savePartial(
  turn: ConversationTurn,
  collected: CollectedStream,
  mark: InterruptedMark,
): Promise<void> {
  const answer = partialAnswer(collected);
  return answer === undefined ? turn.save([]) : turn.save([answer], { interrupted: mark });
}

/**
 * Streams one turn of a conversation and saves it. On `finish` the input and the whole answer
 * are saved before the stream completes (so a subscriber that sees `complete` can read them back).
 * When the stream fails, or is unsubscribed, aborted or timed out before its end, the input and
 * the text received so far are saved, the partial answer marked `interrupted`
 * (`aborted` | `failed`); a failure is re-emitted after the save. A save after an unsubscribe has
 * nobody to tell: its failure goes to `onLostSave`.
 */
export function rememberStream(
  openTurn: () => Promise<ConversationTurn>,
  stream: (messages: readonly Message[]) => Observable<StreamEvent>,
  onLostSave: (error: unknown) => void,
): Observable<StreamEvent> {
  return defer(() => from(openTurn())).pipe(
    switchMap(
      (turn) =>
        new Observable<StreamEvent>((subscriber) => {
          let collected = EMPTY_COLLECTED_STREAM;
          let settled = false;
          const subscription = stream(turn.messages).subscribe({
            next: (event) => {
              collected = reduceStreamEvent(collected, event);
              subscriber.next(event);
            },
            error: (error: unknown) => {
              settled = true;
              savePartial(turn, collected, interruption(error)).then(
                () => subscriber.error(error),
                () => subscriber.error(error),
              );
            },
            complete: () => {
              settled = true;
              const saved =
                collected.finish === undefined
                  ? savePartial(turn, collected, { reason: 'failed' })
                  : turn.save([toChatResponse(collected).message]);
              saved.then(
                () => subscriber.complete(),
                (error: unknown) => subscriber.error(error),
              );
            },
          });
          return () => {
            subscription.unsubscribe();
            if (settled) return;
            settled = true;
            const mark = { reason: 'aborted', error: 'AbortedError' } as const;
            savePartial(turn, collected, mark).catch(onLostSave);
          };
        }),
    ),
  );
}

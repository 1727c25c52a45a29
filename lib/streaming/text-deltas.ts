import { filter, map, type OperatorFunction } from 'rxjs';
import type { StreamEvent, TextDeltaEvent } from '../core/stream-event.types';

/**
 * Keeps only the answer text of a chat stream, one string per `text-delta` event.
 *
 * @example
 * chatService.stream('Tell me a story').pipe(textDeltas()).subscribe((text) => process.stdout.write(text));
 */
export function textDeltas(): OperatorFunction<StreamEvent, string> {
  return (source) =>
    source.pipe(
      filter((event): event is TextDeltaEvent => event.type === 'text-delta'),
      map((event) => event.delta),
    );
}

import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';

/** One Server-Sent Event: its `event:` name (when sent) and its `data:` text. */
export type SseEvent = EventSourceMessage;

/**
 * Decodes a `text/event-stream` body fed in arbitrary byte pieces. Bytes go through a streaming
 * TextDecoder (a piece may end inside a UTF-8 character) and then `eventsource-parser` (a piece may
 * end anywhere in a line). Each complete event is handed to `onEvent` synchronously, with no
 * promise or array per event: this is the hot path of every streamed answer.
 *
 * @example
 * const decoder = new SseDecoder((event) => handle(event.data));
 * for await (const bytes of body) decoder.feed(bytes);
 * decoder.end();
 */
export class SseDecoder {
  private readonly text = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;

  constructor(onEvent: (event: SseEvent) => void) {
    // Unknown fields and bad `retry:` lines are ignored, as the SSE spec says a client must.
    this.parser = createParser({ onEvent });
  }

  /** Feeds the next piece of the body. Exceptions thrown by `onEvent` propagate from here. */
  feed(bytes: Uint8Array): void {
    const chunk = this.text.decode(bytes, { stream: true });
    if (chunk.length > 0) this.parser.feed(chunk);
  }

  /**
   * Call when the body ended. Flushes a trailing partial character and dispatches a last event
   * that lacked its closing blank line, so a final `data: [DONE]` without `\n\n` still counts.
   */
  end(): void {
    // A blank line ends a pending line and dispatches a pending event; after a clean end it is a no-op.
    this.parser.feed(`${this.text.decode()}\n\n`);
  }
}

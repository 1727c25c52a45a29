import type { TextChunk } from './text-chunk.types';

/**
 * Rebuilds the source text from its chunks by dropping each chunk's overlap with the previous one.
 * `joinChunks(splitter.splitText(text)) === text` for every splitter: splitting loses no text.
 */
export function joinChunks(chunks: readonly TextChunk[]): string {
  let text = '';
  let end = 0;
  for (const chunk of chunks) {
    if (chunk.start > end) {
      throw new Error(`chunks leave a gap between offsets ${end} and ${chunk.start}`);
    }
    if (chunk.end > end) {
      text += chunk.content.slice(end - chunk.start);
      end = chunk.end;
    }
  }
  return text;
}

import type { Document, DocumentMetadata } from '../document.types';
import { mergeRanges, splitRange, type TextRange } from './split-ranges';
import type { Separator, TextChunk } from './text-chunk.types';
import { validateSplitterOptions } from './validate-splitter-options';

/** Default chunk size of every splitter, in its unit. */
export const DEFAULT_CHUNK_SIZE = 1000;
/** Default overlap of every splitter, in its unit. */
export const DEFAULT_CHUNK_OVERLAP = 200;

/**
 * Base of every splitter. Splitting is pure: each chunk is an exact slice of the text with its
 * offsets, no chunk is longer than `chunkSize` (overlap included), and consecutive chunks touch or
 * overlap, so `joinChunks(splitText(text)) === text`. Subclasses choose the unit (`measure`) and the
 * separators; `protected` members are the extension points.
 */
export abstract class TextSplitter {
  readonly chunkSize: number;
  readonly chunkOverlap: number;

  protected constructor(chunkSize: number, chunkOverlap: number) {
    const sizes = validateSplitterOptions(
      chunkSize,
      chunkOverlap,
      `Invalid ${new.target.name} options`,
    );
    this.chunkSize = sizes.chunkSize;
    this.chunkOverlap = sizes.chunkOverlap;
  }

  /** Length of `text.slice(start, end)` in this splitter's unit. */
  protected abstract measure(text: string, start: number, end: number): number;

  /** Separators tried in order, coarsest first. */
  protected abstract separators(): readonly Separator[];

  /** Cuts a text into chunks. An empty text gives no chunk. */
  splitText(text: string): TextChunk[] {
    return this.sections(text).flatMap(({ start, end, metadata }) =>
      this.rangesOf(text, start, end).map(([from, to]) => ({
        content: text.slice(from, to),
        start: from,
        end: to,
        metadata,
      })),
    );
  }

  /**
   * Cuts documents into chunk documents `${id}#${index}` that keep the parent's metadata and add
   * `parentId`, `chunkIndex`, `start`, `end` and `source` (the parent's, else its id).
   */
  splitDocuments(documents: readonly Document[]): Document[] {
    return documents.flatMap((document) =>
      this.splitText(document.content).map((chunk, index) => ({
        id: `${document.id}#${index}`,
        content: chunk.content,
        metadata: {
          ...document.metadata,
          ...chunk.metadata,
          source: document.metadata['source'] ?? document.id,
          parentId: document.id,
          chunkIndex: index,
          start: chunk.start,
          end: chunk.end,
        },
      })),
    );
  }

  /**
   * Parts of the text split independently (chunks never cross them), with their metadata. The whole
   * text by default; the markdown splitter returns one part per heading.
   */
  protected sections(text: string): { start: number; end: number; metadata: DocumentMetadata }[] {
    return text.length === 0 ? [] : [{ start: 0, end: text.length, metadata: {} }];
  }

  /** The chunk ranges of `[start, end)`. */
  protected rangesOf(text: string, start: number, end: number): TextRange[] {
    const fits = (from: number, to: number): boolean =>
      this.measure(text, from, to) <= this.chunkSize;
    const overlapFits = (from: number, to: number): boolean =>
      this.measure(text, from, to) <= this.chunkOverlap;
    return mergeRanges(splitRange(text, start, end, this.separators(), fits), fits, overlapFits);
  }
}

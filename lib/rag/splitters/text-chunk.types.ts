import type { DocumentMetadata } from '../document.types';

/**
 * One chunk of a text: an exact slice `text.slice(start, end)`, so offsets always point back into
 * the source. Consecutive chunks touch or overlap; they never leave a gap.
 */
export interface TextChunk {
  readonly content: string;
  /** Offset of the first character in the source text (UTF-16 code units). */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** What the splitter learned about the chunk (the markdown splitter's headings). */
  readonly metadata: DocumentMetadata;
}

/** A separator: a literal string, or a pattern whose matches end a piece. `''` means "any character". */
export type Separator = string | RegExp;

/** Options shared by every splitter. */
export interface TextSplitterOptions {
  /** Largest chunk, overlap included, in the splitter's unit (characters or tokens). */
  readonly chunkSize?: number;
  /** How much of the end of a chunk the next one repeats, in the same unit. Below `chunkSize`. */
  readonly chunkOverlap?: number;
}

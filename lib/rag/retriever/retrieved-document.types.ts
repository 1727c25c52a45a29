import type { Document } from '../document.types';

/** A document the retriever found: its store score (higher is closer) and rank (1 = best). */
export interface RetrievedDocument {
  readonly document: Document;
  readonly score: number;
  readonly rank: number;
}

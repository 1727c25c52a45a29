import type { Document } from '../document.types';

/** Reads documents from somewhere. Subclass it for a new source. */
export abstract class DocumentLoader {
  /** Every document of the source, in order. */
  abstract load(): Promise<Document[]>;
}

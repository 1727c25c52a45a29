/** A metadata value a vector store can index and filter on. */
export type MetadataValue = string | number | boolean;

/** Metadata of a document: flat scalar values, so every store can filter on them. */
export type DocumentMetadata = Readonly<Record<string, MetadataValue>>;

/**
 * A piece of text to retrieve: what loaders produce, splitters cut and stores keep.
 * `id` is unique within a store.
 */
export interface Document {
  readonly id: string;
  readonly content: string;
  readonly metadata: DocumentMetadata;
}

/** A document with its embedding vector, as stores take it. */
export interface VectorRecord extends Document {
  readonly vector: readonly number[];
}

import type { DistanceMetric } from './vector-store';

/** Type of a filterable metadata column. */
export type MetadataColumnType = 'string' | 'number' | 'boolean';

/** Options of `LanceDbVectorStore.connect`. */
export interface LanceDbVectorStoreOptions {
  /** A directory (or an object-store URI LanceDB understands). */
  readonly uri: string;
  /** Table name. Default `documents`. */
  readonly table?: string;
  readonly dimensions: number;
  /** Default `cosine`. */
  readonly metric?: DistanceMetric;
  /**
   * Metadata fields stored as their own columns, so filters on them run inside LanceDB. All
   * metadata is kept (as JSON) either way; a filter on a field not listed here is rejected.
   */
  readonly metadataColumns?: Readonly<Record<string, MetadataColumnType>>;
}

import type { InjectionToken } from '@nestjs/common';
import type { KeywordIndex } from './keyword/keyword-index';
import type { RankFusion } from './retriever/fuse-rankings';
import type { DocumentRetrieveOptions, RetrieveOptions } from './retriever/retriever-options.types';
import type { VectorStore } from './stores/vector-store';

/** A store for `RagModule`: an instance, or a factory (async allowed) with its dependencies. */
export type VectorStoreRegistration =
  | VectorStore
  | {
      /** Builds the store from the injected dependencies (`inject`). */
      readonly useFactory: (...dependencies: never[]) => VectorStore | Promise<VectorStore>;
      readonly inject?: readonly InjectionToken[];
    };

/** A retriever for `RagModule`: which store, which embedding model, default retrieval settings. */
export interface RetrieverRegistration extends Omit<RetrieveOptions, 'signal'> {
  /** Name of a store registered in `RagModule`. */
  readonly store: string;
  /** Embedding model alias for the queries. Default `default`. */
  readonly embeddingModel?: string;
}

/** A keyword index for `RagModule`: an instance, or a factory (async allowed) with its dependencies. */
export type KeywordIndexRegistration =
  | KeywordIndex
  | {
      /** Builds the index from the injected dependencies (`inject`). */
      readonly useFactory: (...dependencies: never[]) => KeywordIndex | Promise<KeywordIndex>;
      readonly inject?: readonly InjectionToken[];
    };

/** A keyword retriever for `RagModule`: which keyword index, default retrieval settings. */
export interface KeywordRetrieverRegistration extends Omit<DocumentRetrieveOptions, 'signal'> {
  /** Name of a keyword index registered in `RagModule` (`keywordIndexes`). */
  readonly keywordIndex: string;
}

/** A hybrid retriever for `RagModule`: other registered retrievers, fused. */
export interface HybridRetrieverRegistration extends Omit<DocumentRetrieveOptions, 'signal'> {
  /** Names of retrievers registered in `RagModule` (vector, keyword, or hybrid ones). */
  readonly hybrid: readonly string[];
  /** `rrf` (default) or `weighted`; see `HybridRetrieverOptions`. */
  readonly fusion?: RankFusion;
  /** One weight per retriever in `hybrid`. */
  readonly weights?: readonly number[];
  /** The RRF constant. Default 60. */
  readonly rrfK?: number;
  /** Candidates asked of each retriever. Default `max(20, 4 * k)`. */
  readonly fetchK?: number;
}

/** Options of `RagModule.forRoot` / `forFeature`. */
export interface RagModuleOptions {
  /** Named stores, injectable with `@InjectVectorStore(name)`. */
  readonly stores?: Readonly<Record<string, VectorStoreRegistration>>;
  /** Named keyword indexes (BM25, full-text search), injectable with `@InjectKeywordIndex(name)`. */
  readonly keywordIndexes?: Readonly<Record<string, KeywordIndexRegistration>>;
  /**
   * Named retrievers, injectable with `@InjectRetriever(name)` (type them `DocumentRetriever`, or
   * the class): `{ store }` makes a vector `Retriever`, `{ keywordIndex }` a `KeywordRetriever`,
   * `{ hybrid: [names] }` a `HybridRetriever` over other retrievers registered here.
   */
  readonly retrievers?: Readonly<
    Record<
      string,
      RetrieverRegistration | KeywordRetrieverRegistration | HybridRetrieverRegistration
    >
  >;
}

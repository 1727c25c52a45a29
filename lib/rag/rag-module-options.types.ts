import type { InjectionToken } from '@nestjs/common';
import type { RetrieveOptions } from './retriever/retriever-options.types';
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

/** Options of `RagModule.forRoot` / `forFeature`. */
export interface RagModuleOptions {
  /** Named stores, injectable with `@InjectVectorStore(name)`. */
  readonly stores?: Readonly<Record<string, VectorStoreRegistration>>;
  /** Named retrievers, injectable with `@InjectRetriever(name)`. */
  readonly retrievers?: Readonly<Record<string, RetrieverRegistration>>;
}

import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { EmbeddingService } from './embeddings/embedding.service';
import {
  checkHybridRegistrations,
  hybridRetrieverProvider,
  keywordIndexProviders,
  keywordRetrieverProvider,
} from './keyword-providers';
import type { RagModuleOptions, RetrieverRegistration } from './rag-module-options.types';
import { getRetrieverToken, getVectorStoreToken } from './rag.tokens';
import { Retriever } from './retriever/retriever';
import { VectorStore } from './stores/vector-store';

function storeProviders(options: RagModuleOptions): Provider[] {
  return Object.entries(options.stores ?? {}).map(([name, registration]) =>
    registration instanceof VectorStore
      ? { provide: getVectorStoreToken(name), useValue: registration }
      : {
          provide: getVectorStoreToken(name),
          useFactory: registration.useFactory,
          inject: [...(registration.inject ?? [])],
        },
  );
}

function retrieverProvider(name: string, registration: RetrieverRegistration): Provider {
  const { store, embeddingModel, ...defaults } = registration;
  return {
    provide: getRetrieverToken(name),
    useFactory: (vectorStore: VectorStore, embeddings: EmbeddingService) =>
      new Retriever({
        ...defaults,
        store: vectorStore,
        embed: (text, signal) =>
          embeddings.embedQuery(text, {
            ...(embeddingModel === undefined ? {} : { model: embeddingModel }),
            ...(signal === undefined ? {} : { signal }),
          }),
      }),
    inject: [getVectorStoreToken(store), EmbeddingService],
  };
}

function build(options: RagModuleOptions, global: boolean): DynamicModule {
  checkHybridRegistrations(options);
  const stores = [...storeProviders(options), ...keywordIndexProviders(options)];
  const retrievers = Object.entries(options.retrievers ?? {}).map(([name, registration]) =>
    'hybrid' in registration
      ? hybridRetrieverProvider(name, registration)
      : 'keywordIndex' in registration
        ? keywordRetrieverProvider(name, registration)
        : retrieverProvider(name, registration),
  );
  const tokens = [...stores, ...retrievers].map(
    (provider) => (provider as { provide: string }).provide,
  );
  return {
    module: RagModule,
    global,
    providers: [EmbeddingService, ...stores, ...retrievers],
    exports: [EmbeddingService, ...tokens],
  };
}

/**
 * RAG wiring: `EmbeddingService`, named vector stores (`@InjectVectorStore('docs')`), keyword
 * indexes (`@InjectKeywordIndex('docs')`) and retrievers (`@InjectRetriever('docs')`: vector,
 * keyword or hybrid). Needs `ConduitModule` (global, or imported beside it)
 * for `ChatService` and the embedding models.
 *
 * @example
 * imports: [
 *   ConduitModule.forRoot({ models: {...}, embeddingModels: { default: new HashedEmbeddingModel() }, isGlobal: true }),
 *   RagModule.forRoot({
 *     stores: { docs: new InMemoryVectorStore({ dimensions: 384 }) },
 *     retrievers: { docs: { store: 'docs', k: 5 } },
 *   }),
 * ]
 */
@Module({})
export class RagModule {
  /** Registers stores and retrievers for the whole app (a global module). */
  static forRoot(options: RagModuleOptions = {}): DynamicModule {
    return build(options, true);
  }

  /** Registers stores and retrievers visible to the importing module only. */
  static forFeature(options: RagModuleOptions): DynamicModule {
    return build(options, false);
  }
}

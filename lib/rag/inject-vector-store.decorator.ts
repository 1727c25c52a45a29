import { Inject } from '@nestjs/common';
import { getRetrieverToken, getVectorStoreToken } from './rag.tokens';

/**
 * Injects the vector store registered as `name` in `RagModule`.
 *
 * @example
 * constructor(@InjectVectorStore('docs') private readonly store: VectorStore) {}
 */
export function InjectVectorStore(name: string): ParameterDecorator & PropertyDecorator {
  return Inject(getVectorStoreToken(name));
}

/** Injects the retriever registered as `name` in `RagModule`. */
export function InjectRetriever(name: string): ParameterDecorator & PropertyDecorator {
  return Inject(getRetrieverToken(name));
}

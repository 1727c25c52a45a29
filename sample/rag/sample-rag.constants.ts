/**
 * Name of the sample's vector store, keyword index and default retriever in `RagModule`
 * (`@InjectVectorStore(DOCS)`, `@InjectKeywordIndex(DOCS)`, `@InjectRetriever(DOCS)`).
 */
export const DOCS = 'docs';

/** Name of the sample's vector retriever (the hashed or OpenAI embedder over the chunks). */
export const DOCS_VECTORS = 'docs-vectors';

/** Name of the sample's BM25 retriever over the same chunks. */
export const DOCS_KEYWORDS = 'docs-keywords';

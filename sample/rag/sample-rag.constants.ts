/** Name of the sample's vector store and retriever in `RagModule` (`@InjectVectorStore(DOCS)`). */
export const DOCS = 'docs';

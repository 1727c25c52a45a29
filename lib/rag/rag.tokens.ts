/** Injection token of the vector store registered as `name` in `RagModule`. */
export function getVectorStoreToken(name: string): string {
  return `conduit:vector-store:${name}`;
}

/** Injection token of the retriever registered as `name` in `RagModule`. */
export function getRetrieverToken(name: string): string {
  return `conduit:retriever:${name}`;
}

/** Injection token of the keyword index registered as `name` in `RagModule`. */
export function getKeywordIndexToken(name: string): string {
  return `conduit:keyword-index:${name}`;
}

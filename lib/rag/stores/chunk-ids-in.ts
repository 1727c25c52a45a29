import type { Document } from '../document.types';

/**
 * The ids of the chunks of `documentIds` among `documents` (those whose `metadata.parentId` is one
 * of them): the scan the in-process stores use for `VectorStore.chunkIdsOf`.
 */
export function chunkIdsIn(
  documents: Iterable<Document>,
  documentIds: readonly string[],
): string[] {
  const parents = new Set(documentIds);
  const ids: string[] = [];
  if (parents.size === 0) return ids;
  for (const document of documents) {
    const parentId = document.metadata['parentId'];
    if (typeof parentId === 'string' && parents.has(parentId)) ids.push(document.id);
  }
  return ids;
}

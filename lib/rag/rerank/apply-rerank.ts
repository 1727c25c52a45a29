import type { RetrievedDocument } from '../retriever/retrieved-document.types';
import type { RerankSetting } from './rerank.types';

/**
 * A retriever's last step: the candidates reordered by `rerank.reranker`, the best `rerank.topN`
 * kept (all when absent), with the reranker's score and new ranks from 1. Without a setting the
 * hits come back as they are. Every retriever calls it, so reranking behaves the same in each.
 */
export async function applyRerank(
  query: string,
  hits: readonly RetrievedDocument[],
  rerank: RerankSetting | undefined,
  signal?: AbortSignal,
): Promise<RetrievedDocument[]> {
  if (rerank === undefined || hits.length === 0) return [...hits];
  const reranked = await rerank.reranker.rerank(
    query,
    hits.map((hit) => hit.document),
    { ...(rerank.topN !== undefined && { topN: rerank.topN }), ...(signal && { signal }) },
  );
  return reranked.map((entry, index) => ({
    document: entry.document,
    score: entry.score,
    rank: index + 1,
  }));
}

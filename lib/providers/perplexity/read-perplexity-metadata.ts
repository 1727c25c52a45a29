import { isRecord } from '../shared/wire-data';

/** Perplexity's sources, in `providerMetadata.perplexity`. */
export interface PerplexityMetadata {
  /** `citations`: the URLs the answer's `[1]`, `[2]`... markers point to, in order. */
  readonly citations?: readonly string[];
  /** `search_results`: `{ title, url, date, ... }` of each source. */
  readonly searchResults?: readonly unknown[];
  /** `images` and `related_questions`, when asked for. */
  readonly images?: readonly unknown[];
  readonly relatedQuestions?: readonly string[];
}

/**
 * Reads Perplexity's sources from an answer or a stream chunk (`{}` when it has none; a stream
 * repeats them on every chunk, so the last wins).
 */
export function readPerplexityMetadata(payload: unknown): PerplexityMetadata {
  if (!isRecord(payload)) return {};
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) && (value as unknown[]).every((v) => typeof v === 'string')
      ? (value as string[])
      : undefined;
  const citations = strings(payload['citations']);
  const searchResults = payload['search_results'];
  const images = payload['images'];
  const related = strings(payload['related_questions']);
  return {
    ...(citations !== undefined && { citations }),
    ...(Array.isArray(searchResults) && { searchResults: searchResults as unknown[] }),
    ...(Array.isArray(images) && { images: images as unknown[] }),
    ...(related !== undefined && { relatedQuestions: related }),
  };
}

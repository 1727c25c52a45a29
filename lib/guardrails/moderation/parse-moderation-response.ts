import { InvalidResponseError } from '../../core';
import { isRecord } from '../../core/is-record';
import type { ModerationCategory, ModerationResult } from './moderation.types';

/**
 * The first result of a `/v1/moderations` answer (`{ id, model, results: [{ flagged,
 * categories, category_scores }] }`). Categories unknown to this version are kept as flagged
 * strings (a new category is a reason to look, not to crash); a body of any other shape fails
 * with `InvalidResponseError`.
 */
export function parseModerationResponse(body: unknown): ModerationResult {
  const first: unknown =
    isRecord(body) && Array.isArray(body['results']) ? body['results'][0] : undefined;
  if (!isRecord(first) || typeof first['flagged'] !== 'boolean') {
    throw new InvalidResponseError('The moderation answer has no results[0].flagged.', {
      provider: 'openai',
    });
  }
  const flags = isRecord(first['categories']) ? first['categories'] : {};
  const rawScores = isRecord(first['category_scores']) ? first['category_scores'] : {};
  const categories = Object.keys(flags).filter(
    (name) => flags[name] === true,
  ) as ModerationCategory[];
  const scores: Partial<Record<ModerationCategory, number>> = {};
  for (const [name, score] of Object.entries(rawScores)) {
    if (typeof score === 'number') scores[name as ModerationCategory] = score;
  }
  return { flagged: first['flagged'], categories, scores };
}
